// 第27条第3項 (Art. 27(3)): 第三者の意見書・反対意見書の提出 / receiving a third party's opinion or objection.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>The third party's opinion (意見書), with or without objection (反対意見書, Art. 27(3)).</summary>
public sealed record ReceiveThirdPartyOpinion : CaseCommand
{
    public Guid ThirdPartyId { get; init; }
    public bool ObjectsToDisclosure { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireId(errors, ThirdPartyId, nameof(ThirdPartyId), "第三者ID", "third party id");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RequireNotifiedThirdParty(c, ThirdPartyId);
        return [new ThirdPartyOpinionReceived(c.Id, ThirdPartyId, ObjectsToDisclosure,
            Context(now, ArticleRef.Ordinance(27, 3), ObjectsToDisclosure ? "反対意見書の提出 / objection received" : "意見書の提出 / opinion received"))];
    }
}
