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
            LedgerEventType.Of<FileRegistered>("個人情報ファイルの登録（個人情報ファイル簿への掲載）", storedAs: "personal_information_file_registered"),
            LedgerEventType.Of<FileAmended>("個人情報ファイル簿の記載事項の変更", storedAs: "personal_information_file_amended"),
            LedgerEventType.Of<FileExemptedFromPublication>("個人情報ファイル簿への不掲載"),
            LedgerEventType.Of<FileItemsWithheldFromPublication>("個人情報ファイル簿への一部不記載"),
            LedgerEventType.Of<RetentionPeriodExtended>("保存期間の延長"),
            LedgerEventType.Of<FileRetired>("個人情報ファイルの廃止", storedAs: "personal_information_file_retired"),
            LedgerEventType.Of<FileRecordsDisposed>("保存期間を経過した記録の廃棄"),
            LedgerEventType.Of<FileNotifiedToMayor>("個人情報を取り扱う事務の市長への届出"),
        ],
        Commands:
        [
            typeof(RegisterFile), typeof(AmendFile), typeof(ExemptFileFromPublication), typeof(WithholdFileItemsFromPublication),
            typeof(ExtendRetentionPeriod), typeof(RetireFile), typeof(DisposeFileRecords), typeof(NotifyFileToMayor),
        ],
        Rules:
        [
            RegisterItemRules.FileNameMissing, RegisterItemRules.OrganisationMissing, RegisterItemRules.PurposeOfUseMissing,
            RegisterItemRules.RecordedItemsOrScopeMissing, RegisterItemRules.CollectionMethodMissing, RegisterItemRules.RequestOfficeMissing,
            FileRules.FileAlreadyRetired,
            RegisterItemRules.RetentionPeriodInvalid,
            WithholdFileItemsFromPublication.WithholdingOnlyForListedItems,
            ExtendRetentionPeriod.RetentionNotExtended,
            DisposeFileRecords.NoRecordsDueForDisposal,
            NotifyFileToMayor.NotificationNotInForce,
        ]);
}
