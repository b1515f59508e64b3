namespace AuditLedger.Domain.Law;

using static ArticleRef;

/// <summary>
/// Every rule the ledger enforces on append, with its article. Seeds: 浦安市議会の個人情報の保護に関する条例（案）
/// (cited as 第N条) and 流山市「個人情報保護制度の概要」. A refused command names one of these.
/// </summary>
public static class Rules
{
    // ---- chronology and stream state (integrity of the record itself) ----

    public static readonly LedgerRule OccurredInFuture = new(
        "chronology.occurred-in-future", Ordinance(3),
        "発生日時が記録日時より後になっています。実際に行われた日時を入力してください（第3条：適正な取扱いの確保）。",
        "The action is dated after the moment it is being recorded. Enter the time it actually happened (Art. 3: proper handling).");

    public static readonly LedgerRule OccurredBeforeStart = new(
        "chronology.before-stream-start", Ordinance(3),
        "発生日時が対象の登録・取得・検知より前になっています。日付の順序を確認してください（第3条）。",
        "The action is dated before the file was registered, the record acquired or the incident detected. Check the order of the dates (Art. 3).");

    public static readonly LedgerRule RecordErased = new(
        "record.erased", Ordinance(40),
        "この保有個人情報は消去済みです。消去後の取扱いは記録できません（第40条、流山市：不要となった個人情報の廃棄）。",
        "This retained record has been erased. Nothing can be recorded against it after erasure (Art. 40; Nagareyama: disposal of information no longer needed).");

    public static readonly LedgerRule ErasureWouldShredOtherRecords = new(
        "record.erasure-shreds-other-records", Ordinance(40),
        "この保有個人情報は、鍵が記録ごとになる前に本人単位の鍵で封印されたため、その鍵を破棄すると同じ本人の他の保有個人情報（消去されていないもの）も読めなくなります。利用停止は請求に係る保有個人情報に「必要な限度で」行い（第40条）、他の保有個人情報の滅失は防がなければなりません（第9条）。本人の保有個人情報をすべて消去する消去決定である場合に限り、eraseAllHeldRecordsOfThePerson を指定してください。",
        "This record's personal data was sealed under the person's one key, before keys were per record: destroying it would also make the person's other held (not erased) records unreadable. Suspension of use reaches only the records requested, 'to the extent necessary' (Art. 40), and the loss of other retained records must be prevented (Art. 9). Only when an erasure decision covers all of the person's records, set eraseAllHeldRecordsOfThePerson.");

    public static readonly LedgerRule PersonErasureNeedsDecision = new(
        "record.person-erasure-needs-decision", Ordinance(40),
        "本人の保有個人情報をすべて消去し、本人の鍵をすべて破棄する（請求事案・漏えい等事案に記録された氏名等も読めなくなる）には、第40条の消去決定が必要です。不要となった記録の廃棄は記録ごとに行ってください（eraseAllHeldRecordsOfThePerson を指定しない）。",
        "Erasing all of a person's records and destroying all of the person's keys (their name in request cases and incidents becomes unreadable too) needs an erasure decision under Art. 40 (reason ErasureDecision with its reference). Dispose of records no longer needed one by one (without eraseAllHeldRecordsOfThePerson).");

    public static readonly LedgerRule RecordStillNeeded = new(
        "record.still-needed", Ordinance(9, 1),
        "この保有個人情報は、処理中の開示・訂正・利用停止請求事案、又は終結していない漏えい等事案の対象です。消去・廃棄するとその処理に必要な情報が失われます（第9条第1項：滅失の防止）。事案の決定・取下げ・終結の後に消去してください。",
        "This retained record is the subject of a pending disclosure, correction or suspension request, or of an incident not yet closed: erasing or disposing of it would lose what that case needs (Art. 9(1): prevention of loss). Erase it after the case is decided or withdrawn, or the incident closed.");

    public static readonly LedgerRule RecordUseSuspended = new(
        "record.use-suspended", Ordinance(40),
        "この保有個人情報は利用停止中です。利用・提供は記録できません（第40条）。",
        "Use of this retained record is suspended by a decision. No use or provision can be recorded (Art. 40).");

    public static readonly LedgerRule FileNotActive = new(
        "file.not-active", Ordinance(17, 1),
        "個人情報ファイルが登録されていないか、廃止済みです。保有個人情報は登録中の個人情報ファイルにのみ記録できます（第2条第5項、第17条第1項）。",
        "The personal information file is not registered or has been retired. Records can only be acquired into a registered, active file (Art. 2(5), Art. 17(1)).");

    // ---- Art. 9, 10: who acted (the actor is the authenticated principal) ----
    // Art. 9 requires the measures necessary for the safe management of retained personal information; knowing which
    // member of staff handled it is the first of them (an access record proves nothing if anyone can be named in it).
    // Art. 10 (従事者の義務) and the penalties of Art. 53-55 bind the individual who handled the information, so the ledger
    // must name that person as authenticated, not as typed.

    public static readonly LedgerRule ActorIsNotThePrincipal = new(
        "actor.not-the-principal", Ordinance(9),
        "本文の職員番号（staffId）が、認証された利用者と異なります。他の職員として記録することはできません（第9条：安全管理措置、第10条：従事者の義務）。自分の操作は staffId を省略するか自分の職員番号で送ってください。紙で行われた他の職員の処理を後から入力する場合は、lateEntry に経緯（どの記録から転記したか）を記載してください。記録は追加されていません。",
        "The body's staffId names a different member of staff from the authenticated user; no one may record as someone else (Art. 9: security control measures; Art. 10: duties of staff). For your own action leave staffId out or send your own id. To enter later what a colleague did on paper, add lateEntry with a statement of the paper record it comes from: both of you are then kept. Nothing was appended.");

    public static readonly LedgerRule DirectoryAdministratorsOnly = new(
        "directory.administrators-only", Ordinance(9),
        "利用者台帳の追加・停止は管理者（administrator）のみが行えます（第9条：安全管理措置）。記録は追加されていません。",
        "Only an administrator may add or disable users of the ledger (Art. 9: security control measures). Nothing was appended.");

    public static readonly LedgerRule DirectoryUserExists = new(
        "directory.user-exists", Ordinance(9),
        "この職員番号は利用者台帳に登録済みです。職員番号は再利用できません（第9条）。別の職員番号を指定してください。",
        "This staff id is already in the user directory; an id is never reused, so that every event keeps naming one person (Art. 9). Choose another id.");

    public static readonly LedgerRule DirectoryUserUnknown = new(
        "directory.user-unknown", Ordinance(9),
        "この職員番号は利用者台帳にありません。先に scripts/auditledger users add で登録してください（第9条）。",
        "This staff id is not in the user directory. Add the user first (scripts/auditledger users add, or POST /api/users) (Art. 9).");

    public static readonly LedgerRule DirectoryUserAlreadyDisabled = new(
        "directory.user-already-disabled", Ordinance(9),
        "この利用者は既に利用停止されています（第9条）。",
        "This user is already disabled (Art. 9).");

    public static readonly LedgerRule DirectoryCannotDisableSelf = new(
        "directory.cannot-disable-self", Ordinance(9),
        "自分自身を利用停止することはできません。他の管理者に依頼してください（第9条：管理者が不在となることの防止）。",
        "You cannot disable yourself; ask another administrator, so that the ledger never loses its last administrator by mistake (Art. 9).");

    // ---- Art. 4, 5: holding and acquisition ----

    public static readonly LedgerRule PurposeMustBeSpecified = new(
        "acquisition.purpose-not-specified", Ordinance(4, 1),
        "利用目的をできる限り特定してください（第4条第1項）。",
        "The purpose of use must be specified as far as possible (Art. 4(1)).");

    public static readonly LedgerRule PurposeNotWithinFile = new(
        "acquisition.purpose-outside-file", Ordinance(4, 2),
        "取得時の利用目的は、個人情報ファイル簿に登録した利用目的のいずれかでなければなりません。登録された利用目的をその番号（purposeNumber、1から）で選んでください（第4条第2項、第17条第1項第3号）。",
        "A record may only be held for a purpose its file registered: choose one of the file's registered purposes by its number (purposeNumber, from 1), or give its exact text (Art. 4(2), Art. 17(1)(3)).");

    public static readonly LedgerRule PurposeChangeNeedsReasonableRelation = new(
        "purpose-change.no-reasonable-relation", Ordinance(4, 3),
        "利用目的の変更は、変更前の利用目的と相当の関連性を有すると合理的に認められる範囲に限られます。その理由を記載してください（第4条第3項）。",
        "A purpose may only change within a reasonable relation to the previous purpose; state why the new purpose is so related (Art. 4(3)).");

    public static readonly LedgerRule PurposeStatementRequired = new(
        "acquisition.purpose-not-stated", Ordinance(5),
        "本人から直接書面で取得するときは、あらかじめ利用目的を明示するか、第5条各号の例外を示してください（第5条）。",
        "When acquiring from the person in writing, the purpose must be stated to them in advance, or one of the exceptions of Art. 5(1)-(4) must apply (Art. 5).");

    public static readonly LedgerRule SpecialCareNotInFileRegister = new(
        "acquisition.special-care-not-registered", Ordinance(17, 1, 6),
        "この個人情報ファイルは要配慮個人情報を含まないものとして登録されています。先に個人情報ファイル簿を修正してください（第17条第1項第6号、第2条第3項）。",
        "The file is registered as holding no special-care-required information; amend the file register first (Art. 17(1)(6), Art. 2(3)).");

    // ---- Art. 12, 13, 15: use and provision ----

    public static readonly LedgerRule UseOrProvisionWithoutGround = new(
        "use.no-ground", Ordinance(12, 2),
        "利用目的以外の目的のための利用・提供には、法令の根拠（第12条第1項）又は第12条第2項各号のいずれかの根拠が必要です。",
        "Use or provision outside the purpose needs a ground: a law (Art. 12(1)) or one of Art. 12(2)(1)-(4).");

    public static readonly LedgerRule GroundNotAvailableForAction = new(
        "use.ground-not-applicable", Ordinance(12, 2),
        "選択された根拠はこの行為（利用又は提供）には適用できません（第12条第2項）。",
        "The ground given does not apply to this kind of action (use or provision) (Art. 12(2)).");

    public static readonly LedgerRule UnjustInfringementNotExcluded = new(
        "use.unjust-infringement-not-excluded", ProvisoOf(12, 2),
        "本人又は第三者の権利利益を不当に侵害するおそれがないことの確認が必要です（第12条第2項ただし書）。",
        "Staff must confirm that the use or provision does not unjustly infringe the rights of the person or a third party (Art. 12(2) proviso).");

    public static readonly LedgerRule RecipientNotAPublicBody = new(
        "provision.recipient-not-listed-body", Ordinance(12, 2, 3),
        "第12条第2項第3号による提供は、同号に掲げる機関（市長、教育委員会、他の地方公共団体の機関、行政機関等）に対するものに限られます。",
        "Provision under Art. 12(2)(3) is only to the bodies that item lists (the mayor, boards and commissions, other local public bodies, national administrative organs, incorporated administrative agencies).");

    public static readonly LedgerRule ContractorGroundNeedsContractor = new(
        "provision.not-a-contractor", Ordinance(9, 2),
        "委託を根拠とする提供は、取扱いの委託を受けた者（委託先）に対するものに限られます（第9条第2項、第15条第1項）。",
        "Provision as a contracted-out handling is only to the contractor handling the information (Art. 9(2), Art. 15(1)).");

    public static readonly LedgerRule GroundDetailRequired = new(
        "use.ground-detail-missing", Ordinance(12, 1),
        "根拠の具体的な内容（根拠法令の条項、同意の取得方法、特別の理由など）を記載してください（第12条）。",
        "State the ground in concrete terms: the statute and article, how consent was obtained, or the special reason (Art. 12).");

    public static readonly LedgerRule SpecificPersonalInformationUse = new(
        "my-number.use-ground", Ordinance(12, 5),
        "特定個人情報の目的外利用は、人の生命、身体又は財産の保護のために必要であって、本人の同意があるか同意を得ることが困難な場合に限られます（第12条第5項により読み替えて適用する同条第2項第1号）。",
        "Specific personal information (My Number data) may be used outside its purpose only to protect life, body or property, with the person's consent or where consent is impracticable (Art. 12(2)(1) as read under Art. 12(5)).");

    public static readonly LedgerRule SpecificPersonalInformationProvision = new(
        "my-number.provision", new ArticleRef(19, Law: "番号利用法"),
        "特定個人情報は番号利用法第19条各号に該当する場合を除き提供できません（第12条第5項、番号利用法第19条）。",
        "Specific personal information (My Number data) may only be provided as Art. 19 of the My Number Act allows (Art. 12(5); My Number Act Art. 19).");

    public static readonly LedgerRule PseudonymisedProvision = new(
        "pseudonymised.provision", Ordinance(15, 1),
        "仮名加工情報は、法令に基づく場合及び取扱いの委託先を除き、第三者に提供できません（第15条第1項）。",
        "Pseudonymously processed information may not be provided to a third party except under law or to a contractor handling it (Art. 15(1)).");

    public static readonly LedgerRule ProvisionStopNeedsProvision = new(
        "provision-stop.never-provided", Ordinance(40),
        "この提供先への提供は記録されていないか、既に停止されています（第40条）。",
        "No provision to this recipient is on record, or it has already been stopped (Art. 40).");

    // ---- Art. 33, 37, 40: executing decisions on a record ----

    public static readonly LedgerRule DecisionReferenceRequired = new(
        "decision.reference-missing", Ordinance(34, 1),
        "訂正・利用停止・消去・提供の停止は、根拠となる決定（決定番号又は案件）を示して記録してください（第34条第1項、第41条）。",
        "A correction, suspension of use, erasure or stop of provision must name the decision it executes (Art. 34(1), Art. 41).");

    // ---- Art. 9, 11: leak, loss and damage ----

    public static readonly LedgerRule IncidentClosed = new(
        "incident.closed", Ordinance(11),
        "この漏えい等事案は終結済みです。新たな記録はできません（第11条）。",
        "This incident is closed; nothing more can be recorded on it (Art. 11).");

    public static readonly LedgerRule IncidentNotYetAssessed = new(
        "incident.not-assessed", Ordinance(11),
        "漏えい等事案が議長の定める事態に該当するかの評価が記録されていません。先に評価を記録してください（第11条）。",
        "The incident has not been assessed against the chair's criteria for serious cases; record the assessment first (Art. 11).");

    public static readonly LedgerRule NotificationsOwed = new(
        "incident.notifications-owed", Ordinance(11),
        "本人への通知又は第11条各号の例外の適用が済んでいない本人がいます。終結できません（第11条）。",
        "Some affected persons have been neither notified nor covered by an exemption of Art. 11(1) or (2); the incident cannot be closed (Art. 11).");

    public static readonly LedgerRule PersonNotAffected = new(
        "incident.person-not-affected", Ordinance(11),
        "この本人は事案の対象者として記録されていません（第11条）。",
        "This person is not recorded as affected by the incident (Art. 11).");

    public static readonly LedgerRule AlternativeMeasureRequired = new(
        "incident.alternative-measure-missing", Ordinance(11, null, 1),
        "本人への通知が困難な場合は、これに代わるべき措置の内容を記載してください（第11条第1号）。",
        "Where notifying the person is impracticable, describe the alternative measure taken to protect them (Art. 11(1)).");

    public static readonly LedgerRule AffectedRecordUnknown = new(
        "incident.record-unknown", Ordinance(9),
        "漏えい等の対象として指定された保有個人情報が台帳にありません（第9条）。",
        "A record named as affected by the incident is not in the ledger (Art. 9).");

    // ---- requests: disclosure (Art. 18-30), correction (31-37), suspension of use (38-43) ----
    // Where the ordinance repeats a provision for each kind, the rule cites the disclosure article and a refusal
    // names the article of the case's own kind (CaseArticles).

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

    // ---- review requests (Art. 44-46) ----

    public static readonly LedgerRule ReviewTargetMismatch = new(
        "review.target-mismatch", Ordinance(44),
        "審査請求の対象が事案と合いません。決定に対する審査請求は決定後に、不作為に対する審査請求は決定前にのみできます（第44条、第45条第1項）。",
        "The review does not fit the case: a review of a decision needs a decision, a review of inaction needs none yet (Art. 44, 45(1)).");

    public static readonly LedgerRule ReviewAlreadyRuled = new(
        "review.already-ruled", Ordinance(45, 1),
        "この審査請求には既に裁決がされています。",
        "This review has already been ruled on.");

    public static readonly LedgerRule ConsultationAlreadyDecided = new(
        "review.consultation-already-decided", Ordinance(45, 1),
        "この審査請求は既に審査会に諮問済み、又は諮問をしない例外を適用済みです（第45条第1項）。",
        "The board has already been consulted on this review, or an exception from consultation applied (Art. 45(1)).");

    public static readonly LedgerRule ConsultationExceptionNotApplicable = new(
        "review.consultation-exception-not-applicable", Ordinance(45, 1),
        "この事案には、その諮問をしない例外は当たりません（第45条第1項各号：第2号は開示（反対意見書がある場合を除く）、第3号は訂正、第4号は利用停止の全部認容）。",
        "That exception from consultation does not fit this case (Art. 45(1): (2) full disclosure unless a third party objected, (3) correction, (4) suspension, each upholding the review in full).");

    public static readonly LedgerRule NotConsulted = new(
        "review.not-consulted", Ordinance(45, 2),
        "審査会に諮問していません。諮問をした旨の通知と答申は、諮問の後にのみ記録できます（第45条第2項）。",
        "The board has not been consulted; notices of the consultation and the board's report follow a consultation (Art. 45(2)).");

    public static readonly LedgerRule RulingWithoutConsultation = new(
        "review.ruling-without-consultation", Ordinance(45, 1),
        "裁決の前に、審査会に諮問して答申を受けるか、第45条第1項各号の例外を記録してください。",
        "Before ruling, consult the board and receive its report, or record which exception of Art. 45(1) applies.");

    public static readonly LedgerRule RulingOutsideException = new(
        "review.ruling-outside-exception", Ordinance(45, 1),
        "諮問をしない例外を適用した場合、裁決はその例外の内容（第1号：却下、第2号から第4号まで：全部認容）に限られます（第45条第1項）。",
        "Under an exception from consultation the ruling must be the one the exception names ((1) dismissal; (2)-(4) upholding in full) (Art. 45(1)).");

    /// <summary>
    /// Every rule, for the documentation endpoint (/api/rules) and for the tests that check each is reachable: the rules of
    /// this class (the integrity of the record itself, shared by every module) and each module's, declared beside their checks.
    /// </summary>
    public static IReadOnlyList<LedgerRule> All { get; } =
    [
        .. typeof(Rules).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(LedgerRule))
            .Select(f => (LedgerRule)f.GetValue(null)!),
        .. LedgerModules.All.SelectMany(m => m.Rules),
    ];
}
