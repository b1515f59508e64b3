namespace AuditLedger.Host.Records;

using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;

/// <summary>The records module (保有個人情報, 第4条～第13条, 第15条, 第40条) in the host: each command's handler, HTTP endpoint and command-line name, in the same order.</summary>
public static class RecordsHost
{
    public static readonly HostModule Module = new(RecordsModule.Module,
    [
        new("acquire-record", typeof(AcquireRecord), "POST /api/records",
            "保有個人情報の取得 (Art. 4, 5) / record an acquisition", "RecordAcquisition"),
        new("change-record-purpose", typeof(ChangeRecordPurpose), "POST /api/records/{recordId}/purpose-changes",
            "利用目的の変更 (Art. 4(3)) / change a record's purpose", "change-purpose"),
        new("use-record-outside-purpose", typeof(UseRecordOutsidePurpose), "POST /api/records/{recordId}/outside-purpose-uses",
            "目的外利用 (Art. 12) / use a record outside its purpose", "use-outside-purpose", "RecordPurposeExternalUse"),
        new("provide-record", typeof(ProvideRecord), "POST /api/records/{recordId}/provisions",
            "提供 (Art. 12, 13, 15) / provide a record", "RecordProvision"),
        new("correct-record", typeof(CorrectRecord), "POST /api/records/{recordId}/corrections",
            "訂正の実施 (Art. 34, 37) / correct a record under a correction decision", "RecordCorrection"),
        new("suspend-record-use", typeof(SuspendRecordUse), "POST /api/records/{recordId}/use-suspensions",
            "利用停止の実施 (Art. 40) / suspend the use of a record", "suspend-use"),
        new("stop-record-provision", typeof(StopRecordProvision), "POST /api/records/{recordId}/provision-stops",
            "提供の停止 (Art. 40) / stop providing a record", "stop-provision"),
        new("erase-record", typeof(EraseRecord), "POST /api/records/{recordId}/erasure",
            "消去・廃棄 (Art. 40; Nagareyama) / erase a record"),
    ]);
}
