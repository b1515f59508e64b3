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
    /// <summary>How the request reached the office (窓口, 郵送, 電子申請); the profile's <c>intake.channels</c> says which are accepted.</summary>
    public RequestChannel Channel { get; init; } = RequestChannel.Counter;
    /// <summary>The kind of identity document shown at the counter (運転免許証, 旅券, ...), not its number; recorded as the identity check.</summary>
    public string? IdentityDocument { get; init; }

    public override Guid StreamId => CaseId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "請求の種類", "kind of request");
        Fields.RequireDefined(errors, RequesterType, nameof(RequesterType), "請求者の区分", "requester type");
        Fields.RequireId(errors, DataSubjectId, nameof(DataSubjectId), "本人ID", "data subject id");
        Fields.CheckPersonalData(errors, Requester, nameof(Requester));
        Fields.RequireText(errors, InformationSought, nameof(InformationSought), "請求に係る保有個人情報を特定するに足りる事項", "description of the information sought", 2000);
        if (JurisdictionId is { Length: > 100 }) errors.Add(new FieldError(nameof(JurisdictionId), "管轄IDが長すぎます。", "The jurisdiction id is too long."));
        Fields.RequireDefined(errors, Channel, nameof(Channel), "請求の方法", "channel of the request");
        if (IdentityDocument is { Length: > 200 }) errors.Add(new FieldError(nameof(IdentityDocument), "本人確認書類の記載が長すぎます。", "The identity document is too long."));
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

    public static readonly LedgerRule ChannelNotAccepted = new(
        "case.channel-not-accepted", Ordinance(19, 1),
        "この管轄では、この方法による請求は受け付けられません（管轄プロファイルの受付方法）。",
        "This jurisdiction does not accept requests made this way (the profile's intake channels).");

    public static readonly LedgerRule IdentityNotShownAtReceipt = new(
        "case.identity-not-shown-at-receipt", Ordinance(19, 2),
        "この管轄では、窓口での請求の受付の際に本人であることを示す書類（運転免許証、旅券等）を確認し、記録しなければなりません。",
        "In this jurisdiction the identity document (driving licence, passport, ...) is checked and recorded when a request is received at the counter.");

    /// <param name="disclosureCase">The state of <see cref="DisclosureCaseId"/>, when given and found.</param>
    public IReadOnlyList<ILedgerEvent> Decide(Guid caseId, JurisdictionProfile profile, RequestCase? disclosureCase, DateTimeOffset now)
    {
        var articles = CaseArticles.For(Kind);
        var context = ContextAt(now, LegalGround.Of(articles.Request, $"{articles.NameJa}の受付 / {articles.NameEn} received"));
        var receivedOn = JapanDate.Of(context.OccurredAt);
        try
        {
            return DecideIn(caseId, profile, disclosureCase, articles, context, receivedOn);
        }
        catch (LedgerRuleViolation v)
        {
            throw v.In(profile.Id);
        }
    }

    private IReadOnlyList<ILedgerEvent> DecideIn(Guid caseId, JurisdictionProfile profile, RequestCase? disclosureCase, CaseArticles articles, EventContext context, DateOnly receivedOn)
    {
        if (profile.Law.Intake is { } intake)
        {
            if (!intake.Channels.Contains(ProfileNames.Of(Channel)))
                throw CaseRefusal.Of(ChannelNotAccepted, ChannelNotAccepted.Article,
                    $"Received by {ProfileNames.Of(Channel)}; {profile.Name.En} accepts: {string.Join(", ", intake.Channels)} ({intake.Citation.En}).");
            if (intake.IdentityDocumentAtReceipt && Channel == RequestChannel.Counter && string.IsNullOrWhiteSpace(IdentityDocument))
                throw CaseRefusal.Of(IdentityNotShownAtReceipt, articles.IdentityCheck, $"Record the kind of document shown (IdentityDocument) ({intake.Citation.En}).");
        }
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
        var receipt = new RequestReceived(caseId, Kind, profile.Id, RequesterType, DataSubjectId, PersonalData.In(Requester, caseId), [.. (RecordIds ?? []).Distinct()],
            PersonalText.About(caseId, Requester.Select(r => r.DataSubjectId).Prepend(DataSubjectId), InformationSought)!, DisclosureCaseId, disclosureReceivedOn, context)
        { Channel = Channel };
        // The identity shown at the counter is the identity check (Art. 19(2)) of a request by the person themself; an
        // agent's agency is still checked by VerifyRequesterIdentity.
        if (RequesterType == RequesterType.Self && !string.IsNullOrWhiteSpace(IdentityDocument))
            return [receipt, new RequesterIdentityVerified(caseId, IdentityDocument.Trim(), null,
                context with { Ground = LegalGround.Of(articles.IdentityCheck, "受付時の本人確認 / identity checked at receipt") })];
        return [receipt];
    }
}
