// 第25条第2項、第35条第2項、第42条第2項 (Art. 25(2), 35(2), 42(2)): 開示決定等の期限の延長 / extending the period for a decision.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>期限の延長 (Art. 25(2), 35(2), 42(2)), notified in writing with the reason and the new period.</summary>
public sealed record ExtendDecisionPeriod : CaseCommand
{
    public int Days { get; init; }
    /// <summary>延長の理由 (e.g. 事務処理上の困難).</summary>
    public string Reason { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Days < 1) errors.Add(new FieldError(nameof(Days), "延長日数は1日以上で入力してください。", "The extension must be at least 1 day."));
        Fields.RequireText(errors, Reason, nameof(Reason), "延長の理由", "reason for the extension", 2000);
    }

    public static readonly LedgerRule ExtensionNotProvided = new(
        "case.extension-not-provided", Ordinance(25, 2),
        "この管轄の規定では、この決定期限を延長できません。",
        "This jurisdiction's rules provide no extension of this decision deadline.");

    public static readonly LedgerRule ExtensionTooLong = new(
        "case.extension-too-long", Ordinance(25, 2),
        "期限の延長は30日以内に限られます（延長の合計で判断します。第25条第2項、第35条第2項、第42条第2項）。",
        "An extension may be at most 30 days in all (Art. 25(2), 35(2), 42(2)).");

    public static readonly LedgerRule ExtensionAfterPeriod = new(
        "case.extension-after-period", Ordinance(25, 2),
        "決定期限が既に過ぎています。過ぎた期間は延長できません（第25条第2項、第35条第2項、第42条第2項：同項に規定する期間を延長）。",
        "The decision period has already ended; an ended period cannot be extended (Art. 25(2), 35(2), 42(2)).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        var clock = inputs.Profile.Clocks.GetValueOrDefault(articles.DecisionClock);
        if (clock is not { MaxExtensionDays: > 0 })
            throw CaseRefusal.Of(ExtensionNotProvided, articles.Extension, $"Jurisdiction {inputs.Profile.Id} provides no extension of the {articles.DecisionClock} clock.");
        if (c.ExtensionDays + Days > clock.MaxExtensionDays)
            throw CaseRefusal.Of(ExtensionTooLong, articles.Extension,
                $"Already extended by {c.ExtensionDays} days; {Days} more would make {c.ExtensionDays + Days}, over the {clock.MaxExtensionDays} days allowed.");
        var today = JapanDate.Of(OccurredAt ?? now);
        var current = CaseClocks.Decision(c, inputs.Profile, c.ExtensionDays, today)!;
        if (today > current.DueDate.ToDateOnly())
            throw CaseRefusal.Of(ExtensionAfterPeriod, articles.Extension, $"The period ended on {current.DueDate:yyyy-MM-dd}.");
        var extended = CaseClocks.Decision(c, inputs.Profile, c.ExtensionDays + Days, today)!;
        return [new DecisionPeriodExtended(c.Id, Days, Reason.Trim(), extended.DueDate.ToDateOnly(),
            Context(now, articles.Extension, $"決定期限の延長（{Days}日）/ decision period extended by {Days} days"))];
    }
}
