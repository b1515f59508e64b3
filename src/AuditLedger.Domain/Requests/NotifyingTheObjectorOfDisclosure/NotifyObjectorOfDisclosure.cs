// 第27条第3項 (Art. 27(3)): 反対意見書を提出した第三者への開示決定・開示実施日の通知 / telling the objecting third party of the decision and the day of disclosure.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Art. 27(3) 後段: tells the objecting third party the decision, its reasons and the day of disclosure.</summary>
public sealed record NotifyObjectorOfDisclosure : CaseCommand
{
    public Guid ThirdPartyId { get; init; }
    public DateOnly DisclosureDate { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, ThirdPartyId, nameof(ThirdPartyId), "第三者ID", "third party id");
        if (DisclosureDate == default) errors.Add(Fields.Required(nameof(DisclosureDate), "開示を実施する日", "disclosure date"));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RequireDisclosingDecision(c);
        CaseChecks.RequireObjector(c, ThirdPartyId);
        CaseChecks.RefuseBeforeObjectionInterval(c, inputs, DisclosureDate);
        return [new ObjectorNotifiedOfDisclosure(c.Id, ThirdPartyId, DisclosureDate,
            Context(now, ArticleRef.Ordinance(27, 3), "反対意見書提出者への開示実施日の通知 / objector told the day of disclosure"))];
    }
}
