// 第18条、第31条、第38条 (Art. 18, 31, 38): 請求の取下げ / withdrawing a request before its decision.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>取下げ: the requester withdraws before a decision.</summary>
public sealed record WithdrawRequest : CaseCommand
{
    [PersonalText]
    public string Reason { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Reason, nameof(Reason), "取下げの理由", "reason for the withdrawal", 2000);

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        return [new RequestWithdrawn(c.Id, PersonalText.About(c.Id, c.PersonIds, Reason)!, Context(now, articles.Request, "請求の取下げ / request withdrawn"))];
    }
}
