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

    public static readonly LedgerRule RecordUseSuspended = new(
        "record.use-suspended", Ordinance(40),
        "この保有個人情報は利用停止中です。利用・提供は記録できません（第40条）。",
        "Use of this retained record is suspended by a decision. No use or provision can be recorded (Art. 40).");

    public static readonly LedgerRule FileNotActive = new(
        "file.not-active", Ordinance(17, 1),
        "個人情報ファイルが登録されていないか、廃止済みです。保有個人情報は登録中の個人情報ファイルにのみ記録できます（第2条第5項、第17条第1項）。",
        "The personal information file is not registered or has been retired. Records can only be acquired into a registered, active file (Art. 2(5), Art. 17(1)).");

    public static readonly LedgerRule FileAlreadyRetired = new(
        "file.retired", Ordinance(17, 1),
        "この個人情報ファイルは廃止済みです。変更は記録できません（第17条第1項）。",
        "This personal information file has been retired; it cannot be changed (Art. 17(1)).");

    // ---- Art. 4, 5: holding and acquisition ----

    public static readonly LedgerRule PurposeMustBeSpecified = new(
        "acquisition.purpose-not-specified", Ordinance(4, 1),
        "利用目的をできる限り特定してください（第4条第1項）。",
        "The purpose of use must be specified as far as possible (Art. 4(1)).");

    public static readonly LedgerRule PurposeNotWithinFile = new(
        "acquisition.purpose-outside-file", Ordinance(4, 2),
        "取得時の利用目的は個人情報ファイルの利用目的の範囲内でなければなりません（第4条第2項、第17条第1項第3号）。",
        "A record may only be held for its file's purpose of use; the stated purpose must match the file's registered purpose (Art. 4(2), Art. 17(1)(3)).");

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

    // ---- Art. 17: the file register ----

    public static LedgerRule RegisterItemMissing(int item, string itemJa, string itemEn) => new(
        $"file.register-item-missing.{item}", Ordinance(17, 1, item),
        $"個人情報ファイル簿の記載事項「{itemJa}」が空です（第17条第1項第{item}号）。",
        $"The file register item '{itemEn}' is missing (Art. 17(1)({item})).");

    public static readonly LedgerRule WithholdingOnlyForListedItems = new(
        "file.withholding-not-allowed", Ordinance(17, 3),
        "個人情報ファイル簿に記載しないことができるのは、記録項目の一部、第5号（収集方法）又は第7号（経常的提供先）の事項に限られます（第17条第3項）。",
        "Only part of the recorded items, the collection method (item 5) or the regular recipients (item 7) may be withheld from the register (Art. 17(3)).");

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

    /// <summary>Every rule, for the documentation endpoint and for tests that check each is reachable.</summary>
    public static IEnumerable<LedgerRule> All =>
        typeof(Rules).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(LedgerRule))
            .Select(f => (LedgerRule)f.GetValue(null)!);
}
