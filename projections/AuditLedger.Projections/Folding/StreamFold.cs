namespace AuditLedger.Projections.Folding;

using JasperFx.Events;
using Marten.Events.Aggregation;

/// <summary>A per-stream document's fold, without its document type: what the replay and the operations commands list.</summary>
public interface IStreamFold
{
    /// <summary>The document's name, which is also its projection's name (scripts/auditledger rebuild NAME).</summary>
    string Name { get; }

    /// <summary>The document's type.</summary>
    Type DocumentType { get; }

    /// <summary>The event that starts a stream this document is kept for (a file's registration, a record's acquisition ...).</summary>
    Type StartedBy { get; }

    /// <summary>The events the document reads; empty when it reads every event of its stream.</summary>
    IReadOnlyList<Type> Reads { get; }

    /// <summary>The document after the given events of one stream, in order; null when they never started it.</summary>
    object? ReplayDocument(Guid id, IEnumerable<IEvent> events);
}

/// <summary>
/// How one per-stream document follows its stream's events: the one definition that Marten's projection
/// (<see cref="FoldProjection{TDoc}"/>, live and on rebuild) and the auditors' replay (events read up to an instant and
/// folded here) both run, so that a replay as of an instant is what the projection held at that instant.
/// </summary>
public abstract class StreamFold<TDoc> : IStreamFold where TDoc : class
{
    /// <param name="name">The document's (and projection's) name.</param>
    /// <param name="startedBy">The event that starts the streams this document is kept for.</param>
    /// <param name="reads">The events the document reads (Marten passes it no other); none for every event of the stream.</param>
    protected StreamFold(string name, Type startedBy, params Type[] reads)
    {
        Name = name;
        StartedBy = startedBy;
        Reads = reads;
    }

    public string Name { get; }

    public Type DocumentType => typeof(TDoc);

    public Type StartedBy { get; }

    public IReadOnlyList<Type> Reads { get; }

    /// <summary>The document after one more event (null while the stream has not started it).</summary>
    public abstract TDoc? Apply(TDoc? document, Guid id, IEvent e);

    /// <summary>Whether the document reads this event: the same filter Marten applies to the projection.</summary>
    public bool ReadsEvent(IEvent e) => Reads.Count == 0 || Reads.Any(type => type.IsInstanceOfType(e.Data));

    /// <summary>The document after the given events of one stream, in stream order, exactly as the projection folds them.</summary>
    public TDoc? Replay(Guid id, IEnumerable<IEvent> events) =>
        events.Where(ReadsEvent).Aggregate((TDoc?)null, (document, e) => Apply(document, id, e));

    object? IStreamFold.ReplayDocument(Guid id, IEnumerable<IEvent> events) => Replay(id, events);
}

/// <summary>
/// Marten's single-stream projection of a <see cref="StreamFold{TDoc}"/>: an explicit Evolve (the domain assembly stays
/// free of Marten and of its source generator) that is the fold itself, limited to the events the fold reads.
/// </summary>
public sealed class FoldProjection<TDoc> : SingleStreamProjection<TDoc, Guid>, IFoldProjection where TDoc : class
{
    public FoldProjection(StreamFold<TDoc> fold)
    {
        Fold = fold;
        Name = fold.Name;
        foreach (var type in fold.Reads) IncludeType(type);
    }

    public StreamFold<TDoc> Fold { get; }

    IStreamFold IFoldProjection.Fold => Fold;

    public override TDoc? Evolve(TDoc? snapshot, Guid id, IEvent e) => Fold.Apply(snapshot, id, e);
}

/// <summary>A projection that is a per-stream fold: the rebuild runs such folds itself, many in one read of the events.</summary>
public interface IFoldProjection
{
    /// <summary>The fold the projection runs.</summary>
    IStreamFold Fold { get; }
}
