namespace AuditLedger.Projections.States;

using AuditLedger.Domain.Common;
using AuditLedger.Projections.Folding;
using JasperFx.Events;

/// <summary>
/// A state commands are decided from (file, record, incident, request case, review case), kept with the domain's pure
/// Evolve function and stamped with the version of the last event applied. The name is the state's, so each state is
/// its own projection.
/// </summary>
public sealed class StateFold<TState>(Type startedBy) : StreamFold<TState>(typeof(TState).Name, startedBy) where TState : class, IEvolvingState<TState>
{
    public override TState? Apply(TState? state, Guid id, IEvent e)
    {
        var next = TState.Evolve(state, e.Data);
        if (next is not null) next.Version = e.Version;
        return next;
    }
}
