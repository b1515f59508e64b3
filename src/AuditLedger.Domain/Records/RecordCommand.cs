namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;

/// <summary>Base of commands on an existing record: nothing may happen after erasure.</summary>
public abstract record RecordCommand : StreamCommand, IStreamDecision<RetainedRecord>
{
    public Guid RecordId { get; init; }

    public override Guid StreamId => RecordId;

    public IReadOnlyList<ILedgerEvent> Decide(RetainedRecord record, DateTimeOffset now)
    {
        RecordChecks.NotErased(record);
        var events = DecideOnHeldRecord(record, now);
        foreach (var e in events)
            Chronology.NotBefore(e.Context, record.AcquiredAt, "acquisition of the record");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now);
}
