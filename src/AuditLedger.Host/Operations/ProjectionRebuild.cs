namespace AuditLedger.Host.Operations;

using System.Diagnostics;
using System.Threading.Channels;
using AuditLedger.Host.Cli;
using AuditLedger.Projections;
using AuditLedger.Projections.Folding;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Weasel.Core;

/// <summary>A projection as registered: its name (what <c>rebuild</c> takes), inline or async, and the documents it writes.</summary>
/// <param name="Reads">The stored names of the events the projection reads (its declared event types); empty when it reads every event.</param>
/// <param name="Fold">The per-stream fold the projection runs (<see cref="IFoldProjection"/>); null for one Marten's daemon rebuilds (the async ones that span streams).</param>
public sealed record ProjectionInfo(string Name, ProjectionLifecycle Lifecycle, IReadOnlyList<string> Documents, IReadOnlyList<string> Reads, IStreamFold? Fold = null);

/// <summary>How far a rebuild has gone: the events it has read and applied, out of those it has to read (the projection's types up to the high-water mark).</summary>
public sealed record RebuildProgress(string Projection, long Read, long Total);

/// <summary>One projection rebuilt: how long it took, over how many events.</summary>
/// <param name="Events">Every event of the store when the rebuild began.</param>
/// <param name="EventsRead">Those the projection reads (of its declared types): what a rate of the rebuild should count.</param>
/// <param name="Elapsed">For folds rebuilt in one pass, the pass's time (they share it).</param>
/// <param name="InOnePass">Whether the projection was rebuilt in the one pass over the folds (its time and events read are the pass's).</param>
public sealed record RebuildResult(string Projection, ProjectionLifecycle Lifecycle, TimeSpan Elapsed, long Events, long EventsRead, bool InOnePass = false);

/// <summary>
/// Rebuilds projections from the events alone. The per-stream folds (<see cref="LedgerFolds"/>: every inline projection)
/// are rebuilt together in one pass: their documents are deleted, the events of the union of their declared types (up to
/// the store's high-water mark when the rebuild began) are read once, server-filtered by type, a page of whole streams at a
/// time in stream order, deserialised once by Marten, folded in memory per stream by each fold (the same
/// <see cref="IStreamFold.ReplayDocument"/> the auditors' replay runs, so the documents are what the live projections
/// wrote), and written with Marten's bulk insert (binary COPY into the document tables) while the next page is read.
/// Memory stays bounded by a few pages, whatever the store's size. The projections that span streams (async: daily
/// activity, annual status) go through Marten's projection daemon, which tears their documents down and replays them,
/// and sets their progress records. Used by <c>scripts/auditledger rebuild</c> and <c>bench-rebuild</c>. Run it while
/// no one appends (the service stopped, or at a quiet hour): an inline projection rebuilt while commands append may
/// miss the documents written meanwhile, and an async one is also being run by the service's daemon.
/// </summary>
public static class ProjectionRebuild
{
    /// <summary>Whole streams per page read: about this many times a stream's events (a few) per round trip.</summary>
    public const int StreamsPerPage = 4_000;

    /// <summary>Documents written per bulk insert (one COPY per document type, one transaction).</summary>
    public const int DocumentsPerWrite = 10_000;

    public static IReadOnlyList<ProjectionInfo> List(IDocumentStore store) =>
        [.. ((StoreOptions)store.Options).Projections.All
            .Select(p => new ProjectionInfo(p.Name, p.Lifecycle, [.. p.PublishedTypes().Select(t => t.Name)], StoredNamesRead((StoreOptions)store.Options, p),
                (p as IFoldProjection)?.Fold))
            .OrderBy(p => p.Lifecycle).ThenBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>The stored names of the event types a projection declares (the store's own mapping: the modules' names, and
    /// Marten's archiving events); empty when it reads every event.</summary>
    private static IReadOnlyList<string> StoredNamesRead(StoreOptions options, object projection) =>
        projection is EventFilterable { IncludedEventTypes.Count: > 0 } filtered
            ? [.. filtered.IncludedEventTypes.Select(t => ((Marten.Events.EventGraph)options.Events).EventMappingFor(t).EventTypeName)]
            : [];

    /// <summary>The projections to rebuild: every one for <paramref name="all"/>, else those named (case-insensitive); an unknown name is refused.</summary>
    public static IReadOnlyList<ProjectionInfo> Select(IDocumentStore store, IReadOnlyList<string> names, bool all)
    {
        var known = List(store);
        if (all) return known;
        if (names.Count == 0)
            throw new CommandLineInputException($"Name the projections to rebuild, or --all. Projections: {string.Join(", ", known.Select(p => p.Name))} (rebuild --list).");
        return [.. names.Select(name => known.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CommandLineInputException($"No projection is named '{name}'. Projections: {string.Join(", ", known.Select(p => p.Name))}."))
            .Distinct()];
    }

    /// <summary>
    /// Rebuilds the folds among <paramref name="projections"/> in one pass, then each other projection through the daemon,
    /// reporting progress as events are read; returns how long each took (the folds share their pass's time).
    /// </summary>
    public static async Task<IReadOnlyList<RebuildResult>> Run(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var highWater = statistics.EventSequenceNumber;
        var results = new List<RebuildResult>();
        var folds = projections.Where(p => p.Fold is not null).ToList();
        if (folds.Count > 0) results.AddRange(await RunFolds(store, folds, highWater, statistics.EventCount, progress, ct));

        var others = projections.Where(p => p.Fold is null).ToList();
        if (others.Count == 0) return results;
        using var daemon = await store.BuildProjectionDaemonAsync();
        var totals = new Dictionary<string, long>();
        foreach (var projection in others) totals[projection.Name] = await CountOf(store, projection.Reads, highWater, ct);
        using var tracking = daemon.Tracker.Subscribe(new ShardObserver(state =>
        {
            // Shard names are "Projection:All"; the high-water agent reports too, and is not a projection. The daemon
            // reports the sequence it reached: shown as a share of the events to read, which is what the bar measures.
            var projection = state.ShardName.Split(':')[0];
            if (totals.TryGetValue(projection, out var total))
                progress.Report(new RebuildProgress(projection, highWater == 0 ? total : total * Math.Min(state.Sequence, highWater) / highWater, total));
        }));
        foreach (var projection in others)
        {
            var clock = Stopwatch.StartNew();
            progress.Report(new RebuildProgress(projection.Name, 0, totals[projection.Name]));
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(30), ct);
            progress.Report(new RebuildProgress(projection.Name, totals[projection.Name], totals[projection.Name]));
            results.Add(new RebuildResult(projection.Name, projection.Lifecycle, clock.Elapsed, statistics.EventCount, totals[projection.Name]));
        }
        return results;
    }

    /// <summary>One page of whole streams: their events of the types read, in stream order then version order.</summary>
    private sealed record Page(IReadOnlyList<IEvent> Events);

    /// <summary>
    /// Rebuilds per-stream folds in one read of the events of their types: the documents are deleted, then pages of whole
    /// streams are read (by stream id, from <c>mt_streams</c>) while the previous page is folded and its documents bulk
    /// inserted; finally each projection's progress record is set to the high-water mark the events were read up to.
    /// </summary>
    private static async Task<IReadOnlyList<RebuildResult>> RunFolds(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        long highWater, long eventCount, IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var folds = projections.Select(p => p.Fold!).ToList();
        // A fold that declares no types reads every event of its stream: then the pass reads every event.
        Type[]? types = folds.Any(f => f.Reads.Count == 0) ? null : [.. folds.SelectMany(f => f.Reads).Distinct()];
        var storedNames = types is null ? [] : projections.SelectMany(p => p.Reads).Distinct().ToList();
        var total = await CountOf(store, storedNames, highWater, ct);
        foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, 0, total));

        foreach (var fold in folds) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(fold.DocumentType, ct);

        // Reading runs ahead of folding and writing by at most two pages: memory stays a few pages whatever the store's size.
        var pages = Channel.CreateBounded<Page>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var page in Pages(store, types, highWater, ct)) await pages.Writer.WriteAsync(page, ct);
                pages.Writer.Complete();
            }
            catch (Exception e)
            {
                pages.Writer.Complete(e);
            }
        }, ct);

        var read = 0L;
        var documents = new List<object>(DocumentsPerWrite + folds.Count * 64);
        Task writing = Task.CompletedTask;
        await foreach (var page in pages.Reader.ReadAllAsync(ct))
        {
            foreach (var stream in Streams(page.Events))
                foreach (var fold in folds)
                    if (fold.ReplayDocument(stream.Id, stream.Events) is { } document) documents.Add(document);
            read += page.Events.Count;
            if (documents.Count >= DocumentsPerWrite)
            {
                // One write in flight while the next page is folded: the database copies while this process deserialises.
                await writing;
                writing = store.BulkInsertDocumentsAsync(documents, BulkInsertMode.InsertsOnly, DocumentsPerWrite, ct);
                documents = new List<object>(DocumentsPerWrite + folds.Count * 64);
            }
            foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, read, Math.Max(total, read)));
        }
        await reading;
        await writing;
        if (documents.Count > 0) await store.BulkInsertDocumentsAsync(documents, BulkInsertMode.InsertsOnly, DocumentsPerWrite, ct);
        await MarkProgress(store, projections, highWater, ct);
        foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, read, read));
        return [.. projections.Select(p => new RebuildResult(p.Name, p.Lifecycle, clock.Elapsed, eventCount, read, InOnePass: true))];
    }

    /// <summary>The events of the given types (all for null) up to <paramref name="highWater"/>, a page of whole streams at a time, each stream's in version order.</summary>
    private static async IAsyncEnumerable<Page> Pages(IDocumentStore store, Type[]? types, long highWater,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var streams = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";
        Guid? after = null;
        while (true)
        {
            await using var session = store.QuerySession();
            var ids = after is { } last
                ? await session.QueryAsync<Guid>($"select id from {streams} where id > ? order by id limit {StreamsPerPage}", ct, last)
                : await session.QueryAsync<Guid>($"select id from {streams} order by id limit {StreamsPerPage}", ct);
            if (ids.Count == 0) yield break;
            after = ids[^1];
            var chosen = ids.ToArray();
            var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence <= highWater && chosen.Contains(e.StreamId));
            if (types is not null) query = query.Where(e => e.EventTypesAre(types));
            var events = await query.OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToListAsync(ct);
            if (events.Count > 0) yield return new Page(events);
            if (ids.Count < StreamsPerPage) yield break;
        }
    }

    /// <summary>A page's events cut into its streams (they come in stream order).</summary>
    private static IEnumerable<(Guid Id, ArraySegment<IEvent> Events)> Streams(IReadOnlyList<IEvent> events)
    {
        var all = events as IEvent[] ?? [.. events];
        var start = 0;
        for (var i = 1; i <= all.Length; i++)
            if (i == all.Length || all[i].StreamId != all[start].StreamId)
            {
                yield return (all[start].StreamId, new ArraySegment<IEvent>(all, start, i - start));
                start = i;
            }
    }

    /// <summary>
    /// Leaves the projections' progress records (<c>mt_event_progression</c>, shard "Name:All") as Marten's daemon leaves
    /// them after its own rebuild: an async projection's at the sequence the rebuild read up to (a daemon started
    /// afterwards continues from there); none for an inline one (it is written with its events, and a record left
    /// by an interrupted rebuild would claim a position that means nothing).
    /// </summary>
    private static async Task MarkProgress(IDocumentStore store, IEnumerable<ProjectionInfo> projections, long highWater, CancellationToken ct)
    {
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_event_progression";
        await using var session = store.LightweightSession();
        foreach (var projection in projections)
            if (projection.Lifecycle == ProjectionLifecycle.Async)
                session.QueueSqlCommand(
                    $"insert into {table} (name, last_seq_id, last_updated) values (?, ?, transaction_timestamp()) " +
                    "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated", ShardName(projection), highWater);
            else
                session.QueueSqlCommand($"delete from {table} where name = ?", ShardName(projection));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The name of a projection's one shard, as the daemon records its progress under.</summary>
    public static string ShardName(ProjectionInfo projection) => $"{projection.Name}:All";

    /// <summary>How many events of the given stored types (every event for none) the store holds up to <paramref name="highWater"/>.</summary>
    private static async Task<long> CountOf(IDocumentStore store, IReadOnlyList<string> storedNames, long highWater, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var counts = storedNames.Count == 0
            ? await session.QueryAsync<long>($"select count(*) from {events} where seq_id <= ? and is_archived = false", ct, highWater)
            : await session.QueryAsync<long>($"select count(*) from {events} where seq_id <= ? and is_archived = false and type = any(?)", ct, highWater, storedNames.ToArray());
        return counts.Single();
    }

    /// <summary>The time a rebuild took in all: the one pass over the folds once, plus each projection the daemon rebuilt.</summary>
    public static TimeSpan Total(IReadOnlyList<RebuildResult> results) =>
        results.Where(r => r.InOnePass).Select(r => r.Elapsed).DefaultIfEmpty(TimeSpan.Zero).Max()
        + TimeSpan.FromTicks(results.Where(r => !r.InOnePass).Sum(r => r.Elapsed.Ticks));

    /// <summary>An elapsed time as the figures print it: seconds with two decimals.</summary>
    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private sealed class ShardObserver(Action<ShardState> next) : IObserver<ShardState>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void OnNext(ShardState value) => next(value);
    }
}

/// <summary>Reports progress synchronously, in order, on the reporting thread (Progress&lt;T&gt; posts and may reorder).</summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
