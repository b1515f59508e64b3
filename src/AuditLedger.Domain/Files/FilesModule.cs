namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>個人情報ファイル簿 (第17条): registering, amending, publishing, extending the retention period of and retiring personal information files, and disposing of their records past retention (第4条第2項).</summary>
public static class FilesModule
{
    public static readonly LedgerModule Module = new(
        "files", "個人情報ファイル（第17条）",
        Events:
        [
            LedgerEventType.Of<FileRegistered>(storedAs: "personal_information_file_registered"),
            LedgerEventType.Of<FileAmended>(storedAs: "personal_information_file_amended"),
            LedgerEventType.Of<FileExemptedFromPublication>(),
            LedgerEventType.Of<FileItemsWithheldFromPublication>(),
            LedgerEventType.Of<RetentionPeriodExtended>(),
            LedgerEventType.Of<FileRetired>(storedAs: "personal_information_file_retired"),
            LedgerEventType.Of<FileRecordsDisposed>(),
        ],
        Commands:
        [
            typeof(RegisterFile), typeof(AmendFile), typeof(ExemptFileFromPublication), typeof(WithholdFileItemsFromPublication),
            typeof(ExtendRetentionPeriod), typeof(RetireFile), typeof(DisposeFileRecords),
        ],
        // RegisterItemRules.RegisterItemMissing(item, …) is a family of rules, one per item of Art. 17(1)
        // (file.register-item-missing.N), made by the check that finds the item empty: it has no single entry here.
        Rules:
        [
            FileRules.FileAlreadyRetired,
            RegisterItemRules.RetentionPeriodInvalid,
            WithholdFileItemsFromPublication.WithholdingOnlyForListedItems,
            ExtendRetentionPeriod.RetentionNotExtended,
            DisposeFileRecords.NoRecordsDueForDisposal,
        ]);
}
