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
