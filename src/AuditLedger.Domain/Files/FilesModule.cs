namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>個人情報ファイル簿 (第17条): registering, amending, publishing and retiring personal information files, and disposing of their records past retention (第4条第2項).</summary>
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
            LedgerEventType.Of<FileRetired>(storedAs: "personal_information_file_retired"),
            LedgerEventType.Of<Records.FileRecordsDisposed>(),
        ],
        Commands:
        [
            typeof(RegisterFile), typeof(AmendFile), typeof(ExemptFileFromPublication), typeof(WithholdFileItemsFromPublication),
            typeof(RetireFile), typeof(Records.DisposeFileRecords),
        ],
        Rules: []);
}
