namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>保有個人情報 (第4条から第13条まで、第15条、第40条): acquiring a record, its purpose, use and provision, and its correction, suspension and erasure.</summary>
public static class RecordsModule
{
    public static readonly LedgerModule Module = new(
        "records", "保有個人情報（第4条～第13条、第15条、第40条）",
        Events:
        [
            LedgerEventType.Of<RecordAcquired>("保有個人情報の取得"),
            LedgerEventType.Of<RecordPurposeChanged>("利用目的の変更"),
            LedgerEventType.Of<RecordUsedOutsidePurpose>("目的外利用"),
            LedgerEventType.Of<RecordProvided>("提供"),
            LedgerEventType.Of<RecordCorrected>("訂正の実施"),
            LedgerEventType.Of<RecordUseSuspended>("利用の停止"),
            LedgerEventType.Of<RecordProvisionStopped>("提供の停止"),
            LedgerEventType.Of<RecordErased>("消去・廃棄"),
        ],
        Commands:
        [
            typeof(AcquireRecord), typeof(ChangeRecordPurpose), typeof(UseRecordOutsidePurpose), typeof(ProvideRecord),
            typeof(CorrectRecord), typeof(SuspendRecordUse), typeof(StopRecordProvision), typeof(EraseRecord),
        ],
        Rules:
        [
            .. AcquireRecord.Rules,
            ChangeRecordPurpose.PurposeChangeNeedsReasonableRelation,
            .. UseGrounds.Rules,
            StopRecordProvision.ProvisionStopNeedsProvision,
            DecisionExecution.DecisionReferenceRequired,
            .. RecordChecks.Rules,
            .. ErasureScope.Rules,
            .. RecordPolicyChecks.Rules,
        ]);
}
