namespace AuditLedger.Domain.Law;

using static ArticleRef;

/// <summary>
/// Every rule the ledger enforces on append, with its article. Seeds: 浦安市議会の個人情報の保護に関する条例（案）
/// (cited as 第N条) and 流山市「個人情報保護制度の概要」. A refused command names one of these.
/// </summary>
public static class Rules
{
    // ---- chronology and stream state (integrity of the record itself) ----

    public static readonly LedgerRule NoRecordsDueForDisposal = new(
        "file.no-records-due-for-disposal", Ordinance(4, 2),
        "このファイルには、保存期間を経過し廃棄できる保有個人情報がありません（第4条第2項、流山市：必要のなくなった個人情報は確実かつ速やかに廃棄）。保存期間が未設定・永年のファイル、又は保存期間内の記録は廃棄の対象になりません。事案に必要な記録は、その理由とともに示します。",
        "This file has no retained record past its retention period that can be disposed of (Art. 4(2); Nagareyama: information no longer needed is disposed of surely and promptly). Files without a retention period or kept permanently, and records within their period, are not due; records a case still needs are listed with the reason.");

    public static readonly LedgerRule RetentionPeriodInvalid = new(
        "file.retention-period-invalid", Ordinance(17, 1),
        $"保存期間は、1年から{Files.RetentionPeriod.MaxYears}年までの年数（years）又は永年（permanent: true）のいずれか一方で指定してください（第17条第1項：議長が定める事項）。",
        $"The retention period must state either a number of years from 1 to {Files.RetentionPeriod.MaxYears} (years) or permanent (permanent: true), not both and not neither (Art. 17(1): items the chair prescribes).");

    public static readonly LedgerRule FileAlreadyRetired = new(
        "file.retired", Ordinance(17, 1),
        "この個人情報ファイルは廃止済みです。変更は記録できません（第17条第1項）。",
        "This personal information file has been retired; it cannot be changed (Art. 17(1)).");

    // ---- Art. 4, 5: holding and acquisition ----

    public static LedgerRule RegisterItemMissing(int item, string itemJa, string itemEn) => new(
        $"file.register-item-missing.{item}", Ordinance(17, 1, item),
        $"個人情報ファイル簿の記載事項「{itemJa}」が空です（第17条第1項第{item}号）。",
        $"The file register item '{itemEn}' is missing (Art. 17(1)({item})).");

    public static readonly LedgerRule WithholdingOnlyForListedItems = new(
        "file.withholding-not-allowed", Ordinance(17, 3),
        "個人情報ファイル簿に記載しないことができるのは、記録項目の一部、第5号（収集方法）又は第7号（経常的提供先）の事項に限られます（第17条第3項）。",
        "Only part of the recorded items, the collection method (item 5) or the regular recipients (item 7) may be withheld from the register (Art. 17(3)).");

    // ---- Art. 33, 37, 40: executing decisions on a record ----

    public static readonly LedgerRule CaseWithdrawn = new(
        "case.withdrawn", Ordinance(18),
        "この請求は取り下げられています。以後の手続は記録できません。",
        "This request has been withdrawn. No further step can be recorded on it.");

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

    public static readonly LedgerRule AgencyNotShown = new(
        "case.agency-not-shown", Ordinance(19, 2),
        "代理人による請求では、本人の代理人であることを示す書類の提示又は提出が必要です（第19条第2項、第32条第2項、第39条第2項）。",
        "A request by an agent needs a document showing the agency (Art. 19(2), 32(2), 39(2)).");

    public static readonly LedgerRule IdentityNotVerified = new(
        "case.identity-not-verified", Ordinance(19, 2),
        "本人（又は代理人）であることの確認が記録されていません。確認の後に決定してください（第19条第2項、第32条第2項、第39条第2項）。",
        "The requester's identity (or agency) has not been checked. Record the check before deciding (Art. 19(2), 32(2), 39(2)).");

    public static readonly LedgerRule FormCorrectionPending = new(
        "case.form-correction-pending", Ordinance(19, 3),
        "補正を求めている最中です。補正の完了を記録してから進めてください（第19条第3項、第32条第3項、第39条第3項）。",
        "A correction of form has been requested and is not complete. Record its completion first (Art. 19(3), 32(3), 39(3)).");

    public static readonly LedgerRule NoFormCorrectionPending = new(
        "case.no-form-correction-pending", Ordinance(19, 3),
        "求めている補正がありません。補正の完了は、補正を求めた後にのみ記録できます（第19条第3項、第32条第3項、第39条第3項）。",
        "No correction of form is pending; its completion can only follow a request for it (Art. 19(3), 32(3), 39(3)).");

    public static readonly LedgerRule AlreadyDecided = new(
        "case.already-decided", Ordinance(24),
        "この請求は既に決定されています。決定後にこの手続はできません（第24条、第34条、第41条）。",
        "This request has already been decided; this step cannot follow the decision (Art. 24, 34, 41).");

    public static readonly LedgerRule NotYetDecided = new(
        "case.not-yet-decided", Ordinance(24),
        "この請求はまだ決定されていません。決定の後に記録してください（第24条、第34条、第41条）。",
        "This request has not been decided yet. Record this after the decision (Art. 24, 34, 41).");

    public static readonly LedgerRule OutcomeNotForKind = new(
        "case.outcome-not-for-kind", Ordinance(24),
        "この種類の請求にはできない決定です（開示請求：第24条、訂正請求：第34条、利用停止請求：第41条）。",
        "That decision does not exist for this kind of request (disclosure: Art. 24; correction: Art. 34; suspension: Art. 41).");

    public static readonly LedgerRule ExtensionNotProvided = new(
        "case.extension-not-provided", Ordinance(25, 2),
        "この管轄の規定では、この決定期限を延長できません。",
        "This jurisdiction's rules provide no extension of this decision deadline.");

    public static readonly LedgerRule ExtensionTooLong = new(
        "case.extension-too-long", Ordinance(25, 2),
        "期限の延長は30日以内に限られます（延長の合計で判断します。第25条第2項、第35条第2項、第42条第2項）。",
        "An extension may be at most 30 days in all (Art. 25(2), 35(2), 42(2)).");

    public static readonly LedgerRule ExtensionAfterPeriod = new(
        "case.extension-after-period", Ordinance(25, 2),
        "決定期限が既に過ぎています。過ぎた期間は延長できません（第25条第2項、第35条第2項、第42条第2項：同項に規定する期間を延長）。",
        "The decision period has already ended; an ended period cannot be extended (Art. 25(2), 35(2), 42(2)).");

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

    public static readonly LedgerRule PortionWithoutSpecialDeadline = new(
        "case.portion-without-special-deadline", Ordinance(26, 1),
        "一部についての決定（相当の部分・残り）は、第26条の特例を通知した開示請求についてのみできます。",
        "A decision on a part (the substantial part or the rest) is possible only for a disclosure request under the Art. 26 special deadline.");

    public static readonly LedgerRule ThirdPartyOnlyForDisclosure = new(
        "case.third-party-only-for-disclosure", Ordinance(27, 1),
        "第三者への意見書提出の機会の付与は、開示請求についての手続です（第27条）。",
        "Giving a third party the opportunity to submit an opinion is a step of a disclosure request (Art. 27).");

    public static readonly LedgerRule ThirdPartyNoticeAfterDecision = new(
        "case.third-party-notice-after-decision", Ordinance(27, 2),
        "第三者への通知は、開示決定等をするに当たって（開示決定に先立ち）行うものです（第27条第1項・第2項）。",
        "A third party is notified when making the decision, before it (Art. 27(1), (2)).");

    public static readonly LedgerRule ThirdPartyNotNotified = new(
        "case.third-party-not-notified", Ordinance(27, 3),
        "この第三者には意見書提出の機会を与えた記録がありません（第27条第1項・第2項・第3項）。",
        "There is no record of this third party being given the opportunity to submit an opinion (Art. 27(1)-(3)).");

    public static readonly LedgerRule DisclosureBeforeObjectionInterval = new(
        "case.disclosure-before-objection-interval", Ordinance(27, 3),
        "反対意見書が提出されているため、開示決定の日と開示を実施する日との間に少なくとも2週間を置かなければなりません（第27条第3項、第46条）。",
        "A third party objected, so at least 2 weeks must separate the disclosure decision and the disclosure (Art. 27(3), 46).");

    public static readonly LedgerRule NothingToDisclose = new(
        "case.nothing-to-disclose", Ordinance(28, 3),
        "開示する旨の決定（第24条第1項）がないため、開示の実施方法の申出・開示の実施・写しの費用はありません（第28条、第30条）。",
        "There is no decision to disclose (Art. 24(1)), so there is no method of disclosure, disclosure or copy cost (Art. 28, 30).");

    public static readonly LedgerRule DecisionNoticeNotDelivered = new(
        "case.decision-notice-not-delivered", Ordinance(24, 1),
        "開示決定の通知が開示請求者に到達したことが記録されていません。議長は、開示する旨、開示する保有個人情報の利用目的及び開示の実施に関し議長が定める事項を書面により通知しなければならず（第24条第1項）、開示の実施の方法等の申出の期間もその通知があった日から数えます（第28条第4項）。決定通知の到達（record-notice-delivery）を記録してから開示を実施してください。",
        "The delivery of the disclosure decision notice to the requester is not recorded. The chair must notify in writing the decision to disclose, the purpose of use of the information and the matters of the disclosure (Art. 24(1)), and the period for stating the method counts from that notice (Art. 28(4)). Record the delivery of the notice (record-notice-delivery) before the disclosure.");

    public static readonly LedgerRule DisclosureMethodNotStated = new(
        "case.disclosure-method-not-stated", Ordinance(28, 3),
        "開示の実施の方法等の申出が記録されていません。開示決定に基づき保有個人情報の開示を受ける者は、その求める開示の実施の方法等を申し出なければなりません（第28条第3項）。申出（request-disclosure-method）を記録してから開示を実施してください。",
        "No statement of the method of disclosure is recorded. A person receiving a disclosure under a disclosure decision must state the method of disclosure they ask for (Art. 28(3)). Record the statement (request-disclosure-method) before the disclosure.");

    public static readonly LedgerRule MethodRequestLate = new(
        "case.method-request-late", Ordinance(28, 4),
        "開示の実施方法等の申出は、開示決定の通知があった日から30日以内にしなければなりません。期間内に申し出なかった正当な理由があるときは、その理由を記録してください（第28条第4項ただし書）。",
        "The method of disclosure must be stated within 30 days of receiving the decision notice; if there was a justified reason for the delay, record it (Art. 28(4) proviso).");

    public static readonly LedgerRule RecipientNoticeNeedsCorrection = new(
        "case.recipient-notice-needs-correction", Ordinance(37),
        "提供先への通知は、訂正決定（第34条第1項）に基づき訂正を実施した保有個人情報についてのみ行います（第37条）。",
        "Provision recipients are notified only of a correction made under a correction decision (Art. 34(1), 37) on a record of the case.");

    public static readonly LedgerRule NoProvisionRecipients = new(
        "case.no-provision-recipients", Ordinance(37),
        "この保有個人情報には提供先の記録がないため、第37条の通知の相手方がいません。",
        "The record has no provision recipients on file, so there is nobody to notify under Art. 37.");

    /// <summary>
    /// Every rule, for the documentation endpoint (/api/rules) and for the tests that check each is reachable: the rules of
    /// this class, the rules every module shares (the chronology of the record, 第3条, and who acted, 第9条), each declared
    /// beside its check, and each module's.
    /// </summary>
    public static IReadOnlyList<LedgerRule> All { get; } =
    [
        .. typeof(Rules).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(LedgerRule))
            .Select(f => (LedgerRule)f.GetValue(null)!)
            .Concat(Common.Chronology.Rules)
            .Append(Common.LedgerCommand.ActorIsNotThePrincipal)
            .Concat(LedgerModules.All.SelectMany(m => m.Rules))
            .DistinctBy(r => r.Code),
    ];
}
