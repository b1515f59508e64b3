namespace AuditLedger.Projections.States;

using AuditLedger.Domain.Common;
using AuditLedger.Projections.Folding;
using JasperFx.Events;

/// <summary>
/// A state commands are decided from (file, record, incident, request case, review case), kept with the domain's pure
/// Evolve function and stamped with the version of the last event applied. The name is the state's, so each state is
/// its own projection. It reads exactly its module's events (<see cref="LedgerModule.EventTypes"/>): the list the store
/// names the events by is the list the projection is declared to Marten with, so no event of the module is left out.
/// </summary>
/// <param name="module">The module whose streams the state follows.</param>
/// <param name="startedBy">The module's event that starts such a stream.</param>
public sealed class StateFold<TState>(LedgerModule module, Type startedBy)
    : StreamFold<TState>(typeof(TState).Name, startedBy, [.. module.EventTypes]) where TState : class, IEvolvingState<TState>
{
    /// <summary>The module whose events the state reads.</summary>
    public LedgerModule Module { get; } = module;

    public override TState? Apply(TState? state, Guid id, IEvent e)
    {
        var next = TState.Evolve(state, e.Data);
        if (next is not null) next.Version = e.Version;
        return next;
    }
}
