namespace AuditLedger.Projections.Reporting;

using AuditLedger.Projections.Folding;
using JasperFx.Events;

/// <summary>
/// A read model kept per stream from a pure function of (document, event), limited to the event types it reads, and
/// stamped with the version of the last event it applied.
/// </summary>
public abstract class ReadModelFold<TDoc> : StreamFold<TDoc> where TDoc : class
{
    private readonly Func<TDoc?, object, TDoc?> _next;
    private readonly Action<TDoc, long> _stamp;

    /// <param name="next">The document after one more event (null while the stream has not started it).</param>
    /// <param name="stamp">Records the version of the last event applied.</param>
    /// <param name="startedBy">The event that starts the stream (also among those read).</param>
    /// <param name="eventTypes">The events the document reads (a module's list, or the part of it the document keeps); Marten passes it no other.</param>
    protected ReadModelFold(Func<TDoc?, object, TDoc?> next, Action<TDoc, long> stamp, Type startedBy, params IEnumerable<Type> eventTypes)
        : base(typeof(TDoc).Name, startedBy, [.. eventTypes.Prepend(startedBy).Distinct()])
    {
        _next = next;
        _stamp = stamp;
    }

    public sealed override TDoc? Apply(TDoc? document, Guid id, IEvent e)
    {
        var next = _next(document, e.Data);
        if (next is not null) _stamp(next, e.Version);
        return next;
    }
}
