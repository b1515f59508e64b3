namespace AuditLedger.Projections.States;

using AuditLedger.Domain.Common;
using JasperFx.Events;
using Marten.Events.Aggregation;

/// <summary>
/// A state commands are decided from (file, record, incident, request case, review case), kept by Marten with the
/// domain's pure Evolve function. The explicit override keeps the domain assembly free of Marten and of its source
/// generator; the name is the state's, so each registration is its own projection.
/// </summary>
public sealed class StateProjection<TState> : SingleStreamProjection<TState, Guid> where TState : class, IEvolvingState<TState>
{
    public StateProjection() => Name = typeof(TState).Name;

    public override TState? Evolve(TState? snapshot, Guid id, IEvent e)
    {
        var state = TState.Evolve(snapshot, e.Data);
        if (state is not null) state.Version = e.Version;
        return state;
    }
}
