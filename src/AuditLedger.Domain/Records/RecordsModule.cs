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
            LedgerEventType.Of<RecordAcquired>(),
            LedgerEventType.Of<RecordPurposeChanged>(),
            LedgerEventType.Of<RecordUsedOutsidePurpose>(),
            LedgerEventType.Of<RecordProvided>(),
            LedgerEventType.Of<RecordCorrected>(),
            LedgerEventType.Of<RecordUseSuspended>(),
            LedgerEventType.Of<RecordProvisionStopped>(),
            LedgerEventType.Of<RecordErased>(),
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
        ]);
}
