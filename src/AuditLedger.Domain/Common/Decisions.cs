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

/// <summary>Names the kind of stream a state type is, for messages (e.g. "retained record").</summary>
public interface IStreamState
{
    Guid Id { get; }
    long Version { get; }
}
