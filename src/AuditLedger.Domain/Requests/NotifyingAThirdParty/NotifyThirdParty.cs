// 第27条第1項・第2項 (Art. 27(1), (2)): 第三者に対する意見書提出の機会の付与 / giving a third party the opportunity to submit an opinion.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>意見書提出の機会の付与 (Art. 27(1) discretionary, 27(2) mandatory).</summary>
public sealed record NotifyThirdParty : CaseCommand
{
    public Guid ThirdPartyId { get; init; }
    public bool Mandatory { get; init; }
    /// <summary>The third party's name and address, as personal data of the third party.</summary>
    public IReadOnlyList<PersonalData> ThirdParty { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, ThirdPartyId, nameof(ThirdPartyId), "第三者ID", "third party id");
        Fields.CheckPersonalData(errors, ThirdParty, nameof(ThirdParty));
    }

    public static readonly LedgerRule ThirdPartyOnlyForDisclosure = new(
        "case.third-party-only-for-disclosure", Ordinance(27, 1),
        "第三者への意見書提出の機会の付与は、開示請求についての手続です（第27条）。",
        "Giving a third party the opportunity to submit an opinion is a step of a disclosure request (Art. 27).");

    public static readonly LedgerRule ThirdPartyNoticeAfterDecision = new(
        "case.third-party-notice-after-decision", Ordinance(27, 2),
        "第三者への通知は、開示決定等をするに当たって（開示決定に先立ち）行うものです（第27条第1項・第2項）。",
        "A third party is notified when making the decision, before it (Art. 27(1), (2)).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.Kind != RequestKind.Disclosure) throw CaseRefusal.Of(ThirdPartyOnlyForDisclosure, ArticleRef.Ordinance(27, 1));
        if (c.Status == CaseStatus.Decided || c.PortionDecidedOn is not null)
            throw CaseRefusal.Of(ThirdPartyNoticeAfterDecision, ArticleRef.Ordinance(27, Mandatory ? 2 : 1));
        return [new ThirdPartyNotified(c.Id, ThirdPartyId, Mandatory, PersonalData.In(ThirdParty, c.Id),
            Context(now, ArticleRef.Ordinance(27, Mandatory ? 2 : 1), "第三者への意見書提出の機会の付与 / third party given the opportunity to submit an opinion"))];
    }
}
