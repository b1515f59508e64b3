// 第17条第1項 (Art. 17(1)): 個人情報ファイル簿の記載事項と保存期間、廃止されたファイル / the checks several file commands share: every register item filled in, a valid retention period, an active file.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Art. 17(1): each item of the register must be filled in, and a retention period (保存期間) stated as the chair prescribes.</summary>
public static class RegisterItemRules
{
    /// <summary>Item <paramref name="item"/> of Art. 17(1) is empty: one rule per item, its code and article naming the item.</summary>
    public static LedgerRule RegisterItemMissing(int item, string itemJa, string itemEn) => new(
        $"file.register-item-missing.{item}", Ordinance(17, 1, item),
        $"個人情報ファイル簿の記載事項「{itemJa}」が空です（第17条第1項第{item}号）。",
        $"The file register item '{itemEn}' is missing (Art. 17(1)({item})).");

    /// <summary>保存期間 is an item the chair prescribes for the register (Art. 17(1)): whole years or permanent, one of them.</summary>
    public static readonly LedgerRule RetentionPeriodInvalid = new(
        "file.retention-period-invalid", Ordinance(17, 1),
        $"保存期間は、1年から{RetentionPeriod.MaxYears}年までの年数（years）又は永年（permanent: true）のいずれか一方で指定してください（第17条第1項：議長が定める事項）。",
        $"The retention period must state either a number of years from 1 to {RetentionPeriod.MaxYears} (years) or permanent (permanent: true), not both and not neither (Art. 17(1): items the chair prescribes).");

    public static void Check(RegisterItems items)
    {
        Require(items.Name, 1, "個人情報ファイルの名称", "name of the file");
        Require(items.Organisation, 2, "事務をつかさどる組織の名称", "organisation in charge");
        if (items.PurposesOfUse is null || !items.PurposesOfUse.Any(p => !string.IsNullOrWhiteSpace(p)))
            throw new LedgerRuleViolation(RegisterItemMissing(3, "利用目的", "purpose of use"));
        if (items.RecordedItems is null || !items.RecordedItems.Any(i => !string.IsNullOrWhiteSpace(i)))
            throw new LedgerRuleViolation(RegisterItemMissing(4, "記録項目", "recorded items"));
        Require(items.RecordScope, 4, "記録範囲", "scope of persons recorded");
        Require(items.CollectionMethod, 5, "記録情報の収集方法", "collection method");
        Require(items.RequestOfficeName, 8, "請求を受理する組織の名称", "office receiving requests");
        Require(items.RequestOfficeLocation, 8, "請求を受理する組織の所在地", "location of the office receiving requests");
        if (items.Retention is { } retention) CheckRetention(retention);
    }

    /// <summary>Refuses a retention period that is not 1 to <see cref="RetentionPeriod.MaxYears"/> years or permanent (<see cref="RetentionPeriodInvalid"/>).</summary>
    public static void CheckRetention(RetentionPeriod retention)
    {
        if (!retention.Valid)
            throw new LedgerRuleViolation(RetentionPeriodInvalid, $"Given: years {retention.Years?.ToString() ?? "none"}, permanent {retention.Permanent}.");
    }

    private static void Require(string? value, int item, string ja, string en)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new LedgerRuleViolation(RegisterItemMissing(item, ja, en));
    }
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
