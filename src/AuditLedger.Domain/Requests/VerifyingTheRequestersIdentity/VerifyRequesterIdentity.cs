// 第19条第2項、第32条第2項、第39条第2項 (Art. 19(2), 32(2), 39(2)): 本人確認 / verifying the requester's identity, and an agent's agency.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>本人確認 (Art. 19(2), 32(2), 39(2)).</summary>
public sealed record VerifyRequesterIdentity : CaseCommand
{
    /// <summary>The kind of document shown (運転免許証, 旅券, ...), not its number.</summary>
    public string IdentityDocument { get; init; } = "";
    /// <summary>For an agent: the document showing the agency (戸籍謄本, 委任状, ...).</summary>
    public string? AgencyDocument { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, IdentityDocument, nameof(IdentityDocument), "本人確認書類", "identity document", 200);

    public static readonly LedgerRule AgencyNotShown = new(
        "case.agency-not-shown", Ordinance(19, 2),
        "代理人による請求では、本人の代理人であることを示す書類の提示又は提出が必要です（第19条第2項、第32条第2項、第39条第2項）。",
        "A request by an agent needs a document showing the agency (Art. 19(2), 32(2), 39(2)).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        if (c.RequesterType != RequesterType.Self && string.IsNullOrWhiteSpace(AgencyDocument))
            throw CaseRefusal.Of(AgencyNotShown, articles.IdentityCheck, $"The request was made by a {c.RequesterType}.");
        return [new RequesterIdentityVerified(c.Id, IdentityDocument.Trim(), AgencyDocument?.Trim(),
            Context(now, articles.IdentityCheck, "本人確認 / identity checked"))];
    }
}
