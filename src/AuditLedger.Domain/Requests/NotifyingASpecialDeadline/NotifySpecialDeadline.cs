// 第26条第1項、第36条第1項、第43条第1項 (Art. 26(1), 36(1), 43(1)): 開示決定等の期限の特例 / notifying the special deadline for a large or difficult request.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>期限の特例の通知 (Art. 26(1), 36(1), 43(1)).</summary>
public sealed record NotifySpecialDeadline : CaseCommand
{
    public string Reason { get; init; } = "";
    /// <summary>The date by which the rest (disclosure) or the decision (correction, suspension) will be made.</summary>
    public DateOnly StatedDueDate { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireText(errors, Reason, nameof(Reason), "特例を適用する理由", "reason for the special deadline", 2000);
        if (StatedDueDate == default) errors.Add(Fields.Required(nameof(StatedDueDate), "決定等をする期限", "stated due date"));
    }

    public static readonly LedgerRule SpecialDeadlineNotProvided = new(
        "case.special-deadline-not-provided", Ordinance(26, 1),
        "この管轄の規定では、決定期限の特例を適用できません。",
        "This jurisdiction's rules provide no special (large-volume or long-term) deadline for this request.");

    public static readonly LedgerRule SpecialDeadlineNoticeLate = new(
        "case.special-deadline-notice-late", Ordinance(26, 1),
        "期限の特例を適用する旨の通知は、本来の決定期限（第25条第1項等の期間）内にしなければなりません（第26条第1項、第36条第1項、第43条第1項）。",
        "Notice that the special deadline applies must be given within the ordinary decision period (Art. 26(1), 36(1), 43(1)).");

    public static readonly LedgerRule SpecialDeadlineBeforeOrdinary = new(
        "case.special-deadline-before-ordinary", Ordinance(26, 1),
        "特例で示す期限は、本来の決定期限より後の日でなければなりません（第26条第1項第2号、第36条第1項第2号、第43条第1項第2号）。",
        "The date stated under the special deadline must fall after the ordinary decision deadline (Art. 26(1)(2), 36(1)(2), 43(1)(2)).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        // Where the jurisdiction's profile has no clock for the substantial part (Art. 26) or no decision clock, it has no special deadline.
        if (!inputs.Profile.Clocks.ContainsKey(articles.DecisionClock) || (c.Kind == RequestKind.Disclosure && !inputs.Profile.Clocks.ContainsKey(ClockIds.LargeVolumePortion)))
            throw CaseRefusal.Of(SpecialDeadlineNotProvided, articles.SpecialDeadline, $"Jurisdiction {inputs.Profile.Id} provides no such clock.");
        var today = JapanDate.Of(OccurredAt ?? now);
        // "同条第1項に規定する期間内に": the ordinary period, with its pauses but without an extension.
        var ordinary = CaseClocks.Decision(c, inputs.Profile, 0, today)!.DueDate.ToDateOnly();
        if (today > ordinary)
            throw CaseRefusal.Of(SpecialDeadlineNoticeLate, articles.SpecialDeadline, $"The ordinary period ended on {ordinary:yyyy-MM-dd}.");
        var current = CaseClocks.Decision(c, inputs.Profile, c.ExtensionDays, today)!.DueDate.ToDateOnly();
        if (StatedDueDate <= current)
            throw CaseRefusal.Of(SpecialDeadlineBeforeOrdinary, articles.SpecialDeadline with { Item = 2 },
                $"The stated date {StatedDueDate:yyyy-MM-dd} is not after the deadline already running ({current:yyyy-MM-dd}).");
        return [new SpecialDeadlineNotified(c.Id, Reason.Trim(), StatedDueDate,
            Context(now, articles.SpecialDeadline, "決定期限の特例の通知 / special deadline notified"))];
    }
}
