// 第17条第1項 (Art. 17(1)): 個人情報ファイル簿の記載事項と保存期間、廃止されたファイル / the checks several file commands share: every register item filled in, a valid retention period, an active file.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Art. 17(1): each item of the register must be filled in, and a retention period (保存期間) stated as the chair prescribes.</summary>
public static class RegisterItemRules
{
    // Art. 17(1): one rule per item of the register the check requires (items 6, 7 and 9 are stated only when they apply,
    // so none is required). Item 4 names two things, the recorded items and the scope of persons recorded, and item 8 the office's name
    // and its location: one rule each, the violation's detail naming the field found empty.

    /// <summary>Art. 17(1)(1): 個人情報ファイルの名称.</summary>
    public static readonly LedgerRule FileNameMissing = new(
        "file.register-item-missing.1", Ordinance(17, 1, 1),
        "個人情報ファイル簿の記載事項「個人情報ファイルの名称」が空です（第17条第1項第1号）。",
        "The file register item 'name of the file' is missing (Art. 17(1)(1)).");

    /// <summary>Art. 17(1)(2): 事務をつかさどる組織の名称.</summary>
    public static readonly LedgerRule OrganisationMissing = new(
        "file.register-item-missing.2", Ordinance(17, 1, 2),
        "個人情報ファイル簿の記載事項「事務をつかさどる組織の名称」が空です（第17条第1項第2号）。",
        "The file register item 'organisation in charge' is missing (Art. 17(1)(2)).");

    /// <summary>Art. 17(1)(3): 利用目的, at least one.</summary>
    public static readonly LedgerRule PurposeOfUseMissing = new(
        "file.register-item-missing.3", Ordinance(17, 1, 3),
        "個人情報ファイル簿の記載事項「利用目的」が空です（第17条第1項第3号）。",
        "The file register item 'purpose of use' is missing (Art. 17(1)(3)).");

    /// <summary>Art. 17(1)(4): 記録項目 (at least one) and 記録範囲; the detail names which is empty.</summary>
    public static readonly LedgerRule RecordedItemsOrScopeMissing = new(
        "file.register-item-missing.4", Ordinance(17, 1, 4),
        "個人情報ファイル簿の記載事項「記録項目・記録範囲」が空です。記録項目と記録範囲の両方を記載してください（第17条第1項第4号）。",
        "The file register item 'recorded items and scope of persons recorded' is missing: state both (Art. 17(1)(4)).");

    /// <summary>Art. 17(1)(5): 記録情報の収集方法.</summary>
    public static readonly LedgerRule CollectionMethodMissing = new(
        "file.register-item-missing.5", Ordinance(17, 1, 5),
        "個人情報ファイル簿の記載事項「記録情報の収集方法」が空です（第17条第1項第5号）。",
        "The file register item 'collection method' is missing (Art. 17(1)(5)).");

    /// <summary>Art. 17(1)(8): 請求を受理する組織の名称 and 所在地; the detail names which is empty.</summary>
    public static readonly LedgerRule RequestOfficeMissing = new(
        "file.register-item-missing.8", Ordinance(17, 1, 8),
        "個人情報ファイル簿の記載事項「請求を受理する組織の名称・所在地」が空です。名称と所在地の両方を記載してください（第17条第1項第8号）。",
        "The file register item 'name and location of the office receiving requests' is missing: state both (Art. 17(1)(8)).");

    /// <summary>保存期間 is an item the chair prescribes for the register (Art. 17(1)): whole years or permanent, one of them.</summary>
    public static readonly LedgerRule RetentionPeriodInvalid = new(
        "file.retention-period-invalid", Ordinance(17, 1),
        $"保存期間は、1年から{RetentionPeriod.MaxYears}年までの年数（years）又は永年（permanent: true）のいずれか一方で指定してください（第17条第1項：議長が定める事項）。",
        $"The retention period must state either a number of years from 1 to {RetentionPeriod.MaxYears} (years) or permanent (permanent: true), not both and not neither (Art. 17(1): items the chair prescribes).");

    public static void Check(RegisterItems items)
    {
        if (Blank(items.Name))
            throw new LedgerRuleViolation(FileNameMissing, Empty("name", "個人情報ファイルの名称", "name of the file"));
        if (Blank(items.Organisation))
            throw new LedgerRuleViolation(OrganisationMissing, Empty("organisation", "事務をつかさどる組織の名称", "organisation in charge"));
        if (items.PurposesOfUse is null || items.PurposesOfUse.All(Blank))
            throw new LedgerRuleViolation(PurposeOfUseMissing, Empty("purposesOfUse", "利用目的", "purpose of use"));
        if (items.RecordedItems is null || items.RecordedItems.All(Blank))
            throw new LedgerRuleViolation(RecordedItemsOrScopeMissing, Empty("recordedItems", "記録項目", "recorded items"));
        if (Blank(items.RecordScope))
            throw new LedgerRuleViolation(RecordedItemsOrScopeMissing, Empty("recordScope", "記録範囲", "scope of persons recorded"));
        if (Blank(items.CollectionMethod))
            throw new LedgerRuleViolation(CollectionMethodMissing, Empty("collectionMethod", "記録情報の収集方法", "collection method"));
        if (Blank(items.RequestOfficeName))
            throw new LedgerRuleViolation(RequestOfficeMissing, Empty("requestOfficeName", "請求を受理する組織の名称", "name of the office receiving requests"));
        if (Blank(items.RequestOfficeLocation))
            throw new LedgerRuleViolation(RequestOfficeMissing, Empty("requestOfficeLocation", "請求を受理する組織の所在地", "location of the office receiving requests"));
        if (items.Retention is { } retention) CheckRetention(retention);
    }

    /// <summary>Refuses a retention period that is not 1 to <see cref="RetentionPeriod.MaxYears"/> years or permanent (<see cref="RetentionPeriodInvalid"/>).</summary>
    public static void CheckRetention(RetentionPeriod retention)
    {
        if (!retention.Valid)
            throw new LedgerRuleViolation(RetentionPeriodInvalid, $"Given: years {retention.Years?.ToString() ?? "none"}, permanent {retention.Permanent}.");
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>The violation's detail: the field found empty, in the register's words and the command's.</summary>
    private static string Empty(string field, string ja, string en) => $"空欄 / empty: {ja} / {en} (items.{field}).";
}

/// <summary>Art. 17(1): a retired file's register entry is closed; nothing more is recorded against it.</summary>
public static class FileRules
{
    public static readonly LedgerRule FileAlreadyRetired = new(
        "file.retired", Ordinance(17, 1),
        "この個人情報ファイルは廃止済みです。変更は記録できません（第17条第1項）。",
        "This personal information file has been retired; it cannot be changed (Art. 17(1)).");

    public static void MustBeActive(PersonalInformationFile file)
    {
        if (file.Status == FileStatus.Retired) throw new LedgerRuleViolation(FileAlreadyRetired);
    }
}
