// 第18条・第19条、第31条・第32条、第38条・第39条 (Art. 18-19, 31-32, 38-39): 開示請求・訂正請求・利用停止請求の受付 / receiving a disclosure, correction or suspension request.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Receives a disclosure, correction or suspension request (Art. 18-19, 31-32, 38-39) and opens its case.</summary>
public sealed record ReceiveRequest : LedgerCommand
{
    public Guid? CaseId { get; init; }
    public RequestKind Kind { get; init; }
    /// <summary>The jurisdiction profile whose clocks the case runs on; the service's own when omitted.</summary>
    public string? JurisdictionId { get; init; }
    public RequesterType RequesterType { get; init; }
    /// <summary>The person the information is about (本人), by opaque id.</summary>
    public Guid DataSubjectId { get; init; }
    /// <summary>請求をする者の氏名及び住所又は居所 (Art. 19(1)(1)), each tied to the data subject.</summary>
    public IReadOnlyList<PersonalData> Requester { get; init; } = [];
    /// <summary>The retained records the request is about, where known.</summary>
    public IReadOnlyList<Guid> RecordIds { get; init; } = [];
    /// <summary>保有個人情報を特定するに足りる事項 (Art. 19(1)(2)): the document or file names, without personal data.</summary>
    [PersonalText]
    public string InformationSought { get; init; } = "";
    /// <summary>For a correction or suspension: the disclosure case under which the information was received.</summary>
    public Guid? DisclosureCaseId { get; init; }
    /// <summary>For a correction or suspension: the day the disclosure was received, when it is not in the ledger (Art. 32(1)(2)).</summary>
    public DateOnly? DisclosureReceivedOn { get; init; }

    public override Guid StreamId => CaseId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "請求の種類", "kind of request");
        Fields.RequireDefined(errors, RequesterType, nameof(RequesterType), "請求者の区分", "requester type");
        Fields.RequireId(errors, DataSubjectId, nameof(DataSubjectId), "本人ID", "data subject id");
        Fields.CheckPersonalData(errors, Requester, nameof(Requester));
        Fields.RequireText(errors, InformationSought, nameof(InformationSought), "請求に係る保有個人情報を特定するに足りる事項", "description of the information sought", 2000);
        if (JurisdictionId is { Length: > 100 }) errors.Add(new FieldError(nameof(JurisdictionId), "管轄IDが長すぎます。", "The jurisdiction id is too long."));
        if ((RecordIds ?? []).Any(id => id == Guid.Empty)) errors.Add(Fields.Required(nameof(RecordIds), "保有個人情報ID", "record id"));
    }

    public static readonly LedgerRule RequesterNameRequired = new(
        "case.requester-name-required", Ordinance(19, 1),
        "請求書には請求をする者の氏名及び住所又は居所を記載しなければなりません（第19条第1項第1号、第32条第1項第1号、第39条第1項第1号）。",
        "A request must state the requester's name and address (Art. 19(1)(1), 32(1)(1), 39(1)(1)).");

    public static readonly LedgerRule RequestNeedsDisclosure = new(
        "case.request-needs-disclosure", Ordinance(31, 1),
        "訂正請求・利用停止請求は、開示決定に基づき開示を受けた保有個人情報についてのみできます。開示を受けた事案又は開示を受けた日を指定してください（第31条第1項、第38条第1項）。",
        "A correction or suspension request concerns information received through a disclosure decision. Name the disclosure case or the day the disclosure was received (Art. 31(1), 38(1)).");

    public static readonly LedgerRule RequestWindowPassed = new(
        "case.request-window-passed", Ordinance(31, 3),
        "訂正請求・利用停止請求は、保有個人情報の開示を受けた日から90日以内にしなければなりません（第31条第3項、第38条第3項）。",
        "A correction or suspension request must be made within 90 days of the day the disclosure was received (Art. 31(3), 38(3)).");

    /// <param name="disclosureCase">The state of <see cref="DisclosureCaseId"/>, when given and found.</param>
    public IReadOnlyList<ILedgerEvent> Decide(Guid caseId, JurisdictionProfile profile, RequestCase? disclosureCase, DateTimeOffset now)
    {
        var articles = CaseArticles.For(Kind);
        var context = ContextAt(now, LegalGround.Of(articles.Request, $"{articles.NameJa}の受付 / {articles.NameEn} received"));
        var receivedOn = JapanDate.Of(context.OccurredAt);
        if (!Requester.Any(p => p.Kind == PersonalDataKind.Name && p.DataSubjectId == DataSubjectId))
            throw CaseRefusal.Of(RequesterNameRequired, articles.IdentityCheck with { Paragraph = 1, Item = 1 },
                "Give the requester's name as personal data of the data subject (kind Name).");
        DateOnly? disclosureReceivedOn = null;
        if (articles.RequestWindow is { } window)
        {
            disclosureReceivedOn = DisclosureReceivedOn;
            if (DisclosureCaseId is { } linked)
            {
                if (disclosureCase is not { Kind: RequestKind.Disclosure, DisclosedOn: { } disclosedOn } || disclosureCase.DataSubjectId != DataSubjectId)
                    throw CaseRefusal.Of(RequestNeedsDisclosure, articles.Request with { Paragraph = 1 },
                        $"Case {linked} is not a disclosure of this person's information that has been carried out.");
                disclosureReceivedOn = disclosedOn;
            }
            if (disclosureReceivedOn is not { } received)
                throw CaseRefusal.Of(RequestNeedsDisclosure, articles.Request with { Paragraph = 1 });
            if (received > receivedOn)
                throw CaseRefusal.Of(RequestNeedsDisclosure, articles.Request with { Paragraph = 1 }, $"The disclosure is dated {received:yyyy-MM-dd}, after the request.");
            var due = CaseClocks.Window(profile, articles.RequestWindowClock!, received);
            if (due is not null && receivedOn > due.DueDate.ToDateOnly())
                throw CaseRefusal.Of(RequestWindowPassed, window,
                    $"The disclosure was received on {received:yyyy-MM-dd}; the request had to be made by {due.DueDate:yyyy-MM-dd} and was received on {receivedOn:yyyy-MM-dd}.");
        }
        return [new RequestReceived(caseId, Kind, profile.Id, RequesterType, DataSubjectId, PersonalData.In(Requester, caseId), [.. (RecordIds ?? []).Distinct()],
            PersonalText.About(caseId, Requester.Select(r => r.DataSubjectId).Prepend(DataSubjectId), InformationSought)!, DisclosureCaseId, disclosureReceivedOn, context)];
    }
}
