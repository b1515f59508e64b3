namespace AuditLedger.Domain.Common;

/// <summary>
/// A command on an existing stream, decided purely from the stream's current state and the time:
/// it returns the events to append or throws a refusal. No I/O happens here.
/// </summary>
public interface IStreamDecision<in TState> where TState : class
{
    Guid StreamId { get; }
    long? ExpectedVersion { get; }
    IReadOnlyList<ILedgerEvent> Decide(TState state, DateTimeOffset now);
}

/// <summary>A stream's current state as the store keeps it: its id and the version of its last event.</summary>
public interface IStreamState
{
    Guid Id { get; }
    long Version { get; }
}
