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

/// <summary>
/// A stream's state that the store keeps from the domain's own pure <see cref="Evolve"/> function, so that the stored
/// state, a command's decision and an auditor's replay are computed by the same code.
/// </summary>
public interface IEvolvingState<TSelf> : IStreamState where TSelf : class, IEvolvingState<TSelf>
{
    new long Version { get; set; }

    /// <summary>The state after one more event; events the state does not know leave it unchanged.</summary>
    static abstract TSelf? Evolve(TSelf? state, object @event);
}
