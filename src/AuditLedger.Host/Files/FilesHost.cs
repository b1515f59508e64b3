namespace AuditLedger.Host.Files;

using AuditLedger.Domain.Files;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;

/// <summary>The files module (個人情報ファイル, 第17条) in the host: each command's handler, HTTP endpoint and command-line name, in the same order.</summary>
public static class FilesHost
{
    public static readonly HostModule Module = new(FilesModule.Module,
    [
        new("register-file", typeof(RegisterFile), "POST /api/files",
            "個人情報ファイルの登録 (Art. 17(1)) / register a personal information file", "RegisterPersonalInformationFile"),
        new("amend-file", typeof(AmendFile), "POST /api/files/{fileId}/amendments",
            "個人情報ファイル簿の変更 (Art. 17(1)) / amend a file's register items", "AmendPersonalInformationFile"),
        new("exempt-file-from-publication", typeof(ExemptFileFromPublication), "POST /api/files/{fileId}/publication-exemption",
            "ファイル簿への不掲載 (Art. 17(2)) / keep a file out of the published register", "exempt-file"),
        new("withhold-file-items-from-publication", typeof(WithholdFileItemsFromPublication), "POST /api/files/{fileId}/withheld-items",
            "一部事項の不記載 (Art. 17(3)) / withhold items from the published register", "withhold-file-items"),
        new("retire-file", typeof(RetireFile), "POST /api/files/{fileId}/retirement",
            "個人情報ファイルの廃止 (Art. 4(2)) / retire a file", "RetirePersonalInformationFile"),
        new("dispose-file-records", typeof(DisposeFileRecords), "POST /api/files/{fileId}/disposal",
            "保存期間を経過した保有個人情報の廃棄 (Art. 4(2); Nagareyama) / dispose of a file's records past retention", "dispose-records"),
    ]);
}
