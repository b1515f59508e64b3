using AuditLedger.Domain.Common;

namespace AuditLedger.Domain.Tests.Support;

/// <summary>
/// A stream held in memory: its events, and its state folded from them through the aggregate's pure <c>Evolve</c>
/// (a fresh fold on every read, so a decision never sees a state mutated by an earlier one).
/// </summary>
public sealed class EventStream<TState>(Func<TState?, object, TState?> evolve) where TState : class
{
    private readonly List<ILedgerEvent> events = [];

    public IReadOnlyList<ILedgerEvent> Events => events;

    public long Version => events.Count;

    public TState State => events.Aggregate((TState?)null, (state, e) => evolve(state, e))
        ?? throw new InvalidOperationException("The stream has no start event.");

    public EventStream<TState> Append(IEnumerable<ILedgerEvent> newEvents)
    {
        events.AddRange(newEvents);
        return this;
    }

    /// <summary>Decides the command on the current state at <see cref="Clock.Now"/>; appends nothing.</summary>
    public IReadOnlyList<ILedgerEvent> Decide(IStreamDecision<TState> command, DateTimeOffset? now = null) =>
        command.Decide(State, now ?? Clock.Now);

    /// <summary>Decides the command and appends the events it returns.</summary>
    public EventStream<TState> Then(IStreamDecision<TState> command) => Append(Decide(command));
}
