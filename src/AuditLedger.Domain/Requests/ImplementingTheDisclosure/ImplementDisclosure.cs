// 第28条第1項・第3項、第24条第1項 (Art. 28(1), 28(3), 24(1)): 開示の実施 / carrying out the disclosure, once the decision notice has reached the requester and the method has been stated.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>
/// 開示の実施 (Art. 28(1)). Refused before the decision notice of Art. 24(1) has reached the requester
/// (<see cref="DecisionNoticeNotDelivered"/>) and before the requester has stated the method under Art. 28(3)
/// (<see cref="DisclosureMethodNotStated"/>); then, over an objection, before the Art. 27(3) interval has run.
/// </summary>
public sealed record ImplementDisclosure : CaseCommand
{
    public DisclosureMethod Method { get; init; }
    /// <summary>The decision notice (開示決定通知書) was shown at the disclosure (required where the profile says so).</summary>
    public bool NoticeShown { get; init; }
    /// <summary>The kind of identity document shown at the disclosure (運転免許証, 旅券, ...), not its number.</summary>
    public string? IdentityDocumentShown { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Method, nameof(Method), "開示の実施の方法", "method of disclosure");
        if (IdentityDocumentShown is { Length: > 200 }) errors.Add(new FieldError(nameof(IdentityDocumentShown), "本人確認書類の記載が長すぎます。", "The identity document is too long."));
    }

    public static readonly LedgerRule MethodNotProvided = new(
        "case.disclosure-method-not-provided", Ordinance(28, 1),
        "この管轄では、この方法による開示は定められていません（管轄プロファイルの開示の方法）。",
        "This jurisdiction does not provide for disclosure by this method (the profile's disclosure methods).");

    public static readonly LedgerRule NoticeAndIdentityNotShown = new(
        "case.notice-and-identity-not-shown", Ordinance(28, 1),
        "この管轄では、開示を受ける際に開示決定通知書と本人であることを証明する書類（運転免許証、旅券等）の提示が必要です。提示されたことを記録してください。",
        "In this jurisdiction the decision notice and an identity document (driving licence, passport, ...) are shown when the disclosure is received. Record that they were.");

    public static readonly LedgerRule DecisionNoticeNotDelivered = new(
        "case.decision-notice-not-delivered", Ordinance(24, 1),
        "開示決定の通知が開示請求者に到達したことが記録されていません。議長は、開示する旨、開示する保有個人情報の利用目的及び開示の実施に関し議長が定める事項を書面により通知しなければならず（第24条第1項）、開示の実施の方法等の申出の期間もその通知があった日から数えます（第28条第4項）。決定通知の到達（record-decision-notice-delivery）を記録してから開示を実施してください。",
        "The delivery of the disclosure decision notice to the requester is not recorded. The chair must notify in writing the decision to disclose, the purpose of use of the information and the matters of the disclosure (Art. 24(1)), and the period for stating the method counts from that notice (Art. 28(4)). Record the delivery of the notice (record-decision-notice-delivery) before the disclosure.");

    public static readonly LedgerRule DisclosureMethodNotStated = new(
        "case.disclosure-method-not-stated", Ordinance(28, 3),
        "開示の実施の方法等の申出が記録されていません。開示決定に基づき保有個人情報の開示を受ける者は、その求める開示の実施の方法等を申し出なければなりません（第28条第3項）。申出（request-disclosure-method）を記録してから開示を実施してください。",
        "No statement of the method of disclosure is recorded. A person receiving a disclosure under a disclosure decision must state the method of disclosure they ask for (Art. 28(3)). Record the statement (request-disclosure-method) before the disclosure.");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RequireDisclosingDecision(c);
        if (c.NoticeDeliveredOn is null) throw CaseRefusal.Of(DecisionNoticeNotDelivered, ArticleRef.Ordinance(24, 1));
        if (c.MethodRequestedOn is null) throw CaseRefusal.Of(DisclosureMethodNotStated, ArticleRef.Ordinance(28, 3));
        CaseChecks.RefuseBeforeObjectionInterval(c, inputs, JapanDate.Of(OccurredAt ?? now));
        if (inputs.Profile.Law.Disclosure is { } disclosure)
        {
            if (!disclosure.Methods.Contains(ProfileNames.Of(Method)))
                throw CaseRefusal.Of(MethodNotProvided, ArticleRef.Ordinance(28, 1),
                    $"Asked: {ProfileNames.Of(Method)}; {inputs.Profile.Name.En} provides: {string.Join(", ", disclosure.Methods)} ({disclosure.Citation.En}).");
            if (disclosure.NoticeAndIdentityAtDisclosure && (!NoticeShown || string.IsNullOrWhiteSpace(IdentityDocumentShown)))
                throw CaseRefusal.Of(NoticeAndIdentityNotShown, ArticleRef.Ordinance(28, 1),
                    $"Record NoticeShown and IdentityDocumentShown ({disclosure.Citation.En}).");
        }
        return [new DisclosureImplemented(c.Id, Method, Context(now, ArticleRef.Ordinance(28, 1), "開示の実施 / disclosure carried out"))
        {
            NoticeShown = NoticeShown ? true : null,
            IdentityDocumentShown = string.IsNullOrWhiteSpace(IdentityDocumentShown) ? null : IdentityDocumentShown.Trim(),
        }];
    }
}
