namespace AuditLedger.Projections.Reporting;

using JasperFx.Events;
using Marten.Events.Aggregation;

/// <summary>
/// A read model kept per stream from a pure function of (document, event), limited to the event types it reads, and
/// stamped with the version of the last event it applied. Explicit Evolve, as in StateProjections.cs: the domain
/// assembly stays free of Marten and of its source generator.
/// </summary>
public abstract class ReadModelProjection<TDoc> : SingleStreamProjection<TDoc, Guid> where TDoc : class
{
    private readonly Func<TDoc?, object, TDoc?> _next;
    private readonly Action<TDoc, long> _stamp;

    /// <param name="next">The document after one more event (null while the stream has not started it).</param>
    /// <param name="stamp">Records the version of the last event applied.</param>
    /// <param name="eventTypes">The events the document reads; Marten passes it no other.</param>
    protected ReadModelProjection(Func<TDoc?, object, TDoc?> next, Action<TDoc, long> stamp, params Type[] eventTypes)
    {
        _next = next;
        _stamp = stamp;
        foreach (var type in eventTypes) IncludeType(type);
    }

    public sealed override TDoc? Evolve(TDoc? snapshot, Guid id, IEvent e)
    {
        var document = _next(snapshot, e.Data);
        if (document is not null) _stamp(document, e.Version);
        return document;
    }
}
