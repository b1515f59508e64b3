// 第28条第3項・第4項 (Art. 28(3), (4)): 開示の実施の方法等の申出 / the requester states the method of disclosure.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>開示の実施の方法等の申出 (Art. 28(3)-(4)).</summary>
public sealed record RequestDisclosureMethod : CaseCommand
{
    public DisclosureMethod Method { get; init; }
    /// <summary>Art. 28(4) proviso: the justified reason for stating the method after the 30 days.</summary>
    [PersonalText]
    public string? LateReason { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireDefined(errors, Method, nameof(Method), "開示の実施の方法", "method of disclosure");

    public static readonly LedgerRule MethodRequestLate = new(
        "case.method-request-late", Ordinance(28, 4),
        "開示の実施方法等の申出は、開示決定の通知があった日から30日以内にしなければなりません。期間内に申し出なかった正当な理由があるときは、その理由を記録してください（第28条第4項ただし書）。",
        "The method of disclosure must be stated within 30 days of receiving the decision notice; if there was a justified reason for the delay, record it (Art. 28(4) proviso).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RequireDisclosingDecision(c);
        var today = JapanDate.Of(OccurredAt ?? now);
        if (c.NoticeDeliveredOn is { } delivered && string.IsNullOrWhiteSpace(LateReason)
            && CaseClocks.Window(inputs.Profile, ClockIds.DisclosureMethodRequest, delivered) is { } due && today > due.DueDate.ToDateOnly())
            throw CaseRefusal.Of(MethodRequestLate, ArticleRef.Ordinance(28, 4), $"The notice was received on {delivered:yyyy-MM-dd}; the period ended on {due.DueDate:yyyy-MM-dd}.");
        return [new DisclosureMethodRequested(c.Id, Method, string.IsNullOrWhiteSpace(LateReason) ? null : PersonalText.About(c.Id, c.PersonIds, LateReason),
            Context(now, ArticleRef.Ordinance(28, 3), "開示の実施の方法等の申出 / method of disclosure stated"))];
    }
}
