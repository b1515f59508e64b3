namespace AuditLedger.Host.Operations;

using AuditLedger.Host.Tenancy;
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
    /// <summary>Events per page read (whole streams, so a page may hold a few more): one round trip, one session.</summary>
    public const int EventsPerPage = 20_000;

    /// <summary>Pages read at once, ahead of the fold: each a session of its own.</summary>
    public const int ReadAhead = 4;

    /// <summary>Documents written per bulk insert (one COPY per document type, one transaction).</summary>
    public const int DocumentsPerWrite = 10_000;

    public static IReadOnlyList<ProjectionInfo> List(IDocumentStore store) =>
        [.. ((StoreOptions)store.Options).Projections.All
            .Select(p => new ProjectionInfo(p.Name, p.Lifecycle, [.. p.PublishedTypes().Select(t => t.Name)], StoredNamesRead((StoreOptions)store.Options, p),
                (p as IFoldProjection)?.Fold))
            .OrderBy(p => p.Lifecycle).ThenBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>The stored names of the event types a projection declares (the store's own mapping: the modules' names, and
    /// Marten's archiving events; an interface, such as every ledger event for the daily activity, stands for the modules'
    /// events that implement it); empty when it reads every event.</summary>
    private static IReadOnlyList<string> StoredNamesRead(StoreOptions options, object projection) =>
        projection is EventFilterable { IncludedEventTypes.Count: > 0 } filtered
            ? [.. filtered.IncludedEventTypes.SelectMany(type => type.IsInterface || type.IsAbstract
                ? Domain.LedgerModules.Events.Where(e => type.IsAssignableFrom(e.Type)).Select(e => e.StoredName)
                : [((Marten.Events.EventGraph)options.Events).EventMappingFor(type).EventTypeName]).Distinct()]
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
    /// Rebuilds per-stream folds in one read of the events of their types: the streams holding such events are listed
    /// (and their events counted), the documents are deleted, then pages of whole streams are read a few at once while
    /// the page before is folded and its documents bulk inserted; finally the progress records are left as Marten's own
    /// rebuild leaves them (<see cref="MarkProgress"/>).
    /// </summary>
    private static async Task<IReadOnlyList<RebuildResult>> RunFolds(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        long highWater, long eventCount, IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var folds = projections.Select(p => p.Fold!).ToList();
        // A fold that declares no types reads every event of its stream: then the pass reads every event.
        Type[]? types = folds.Any(f => f.Reads.Count == 0) ? null : [.. folds.SelectMany(f => f.Reads).Distinct()];
        var storedNames = types is null ? [] : projections.SelectMany(p => p.Reads).Distinct().ToList();
        var (streams, total) = await StreamsRead(store, storedNames, highWater, ct);
        foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, 0, total));

        foreach (var fold in folds) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(fold.DocumentType, ct);

        // Pages are read and deserialised a few at once (a page waits on the database and, for sealed personal data, on the
        // key store), and folded in order as they arrive: at most ReadAhead pages in memory whatever the store's size.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pages = Channel.CreateBounded<Task<Page>>(new BoundedChannelOptions(ReadAhead - 1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var page in Cut(streams))
                    await pages.Writer.WriteAsync(Task.Run(() => Read(store, page, types, highWater, stop.Token), stop.Token), stop.Token);
                pages.Writer.Complete();
            }
            catch (Exception e)
            {
                pages.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            return await FoldPages(store, projections, folds, pages.Reader, total, highWater, eventCount, clock, progress, ct);
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
            // Pages still being read when the fold failed: awaited so that no session outlives the rebuild.
            while (pages.Reader.TryRead(out var pending)) await pending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Folds each page's streams with every fold as the pages arrive, writing the documents in bulk, one write in flight at a time.</summary>
    private static async Task<IReadOnlyList<RebuildResult>> FoldPages(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        IReadOnlyList<IStreamFold> folds, ChannelReader<Task<Page>> pages, long total, long highWater, long eventCount, Stopwatch clock,
        IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var read = 0L;
        var documents = new List<object>(DocumentsPerWrite + folds.Count * 64);
        Task writing = Task.CompletedTask;
        await foreach (var pending in pages.ReadAllAsync(ct))
        {
            var page = await pending;
            foreach (var stream in Streams(page.Events))
                foreach (var fold in folds)
                    if (fold.ReplayDocument(stream.Id, stream.Events) is { } document) documents.Add(document);
            read += page.Events.Count;
            if (documents.Count >= DocumentsPerWrite)
            {
                // One write in flight while the next page is folded: the database copies while this process deserialises.
                await writing;
                var batch = documents;
                writing = Task.Run(() => store.BulkInsertDocumentsAsync(batch, BulkInsertMode.InsertsOnly, DocumentsPerWrite, ct), ct);
                documents = new List<object>(DocumentsPerWrite + folds.Count * 64);
            }
            foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, read, Math.Max(total, read)));
        }
        await writing;
        if (documents.Count > 0) await store.BulkInsertDocumentsAsync(documents, BulkInsertMode.InsertsOnly, DocumentsPerWrite, ct);
        await MarkProgress(store, projections, highWater, ct);
        foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, read, read));
        return [.. projections.Select(p => new RebuildResult(p.Name, p.Lifecycle, clock.Elapsed, eventCount, read, InOnePass: true))];
    }

    /// <summary>
    /// The streams that hold events of the given stored types (every event for none) up to <paramref name="highWater"/>,
    /// in id order, with how many each holds; and their sum. One scan of the events (what a count of them costs anyway):
    /// a rebuild of a projection of few events then reads only the streams that have some.
    /// </summary>
    private static async Task<(IReadOnlyList<(Guid Id, long Events)> Streams, long Total)> StreamsRead(IDocumentStore store,
        IReadOnlyList<string> storedNames, long highWater, CancellationToken ct)
    {
        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select stream_id, count(*) from {events} where seq_id <= $1 and is_archived = false" +
            (storedNames.Count == 0 ? "" : " and type = any($2)") + " group by stream_id order by stream_id";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = highWater });
        if (storedNames.Count > 0) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = storedNames.ToArray() });
        var streams = new List<(Guid, long)>();
        var total = 0L;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            streams.Add((reader.GetGuid(0), reader.GetInt64(1)));
            total += reader.GetInt64(1);
        }
        return (streams, total);
    }

    /// <summary>Streams cut into pages of about <see cref="EventsPerPage"/> events, never splitting a stream.</summary>
    private static IEnumerable<Guid[]> Cut(IReadOnlyList<(Guid Id, long Events)> streams)
    {
        var page = new List<Guid>();
        var events = 0L;
        foreach (var (id, count) in streams)
        {
            page.Add(id);
            events += count;
            if (events < EventsPerPage) continue;
            yield return [.. page];
            page.Clear();
            events = 0;
        }
        if (page.Count > 0) yield return [.. page];
    }

    /// <summary>The events of the given streams of the given types (all for null) up to <paramref name="highWater"/>, each stream's in version order, deserialised by Marten.</summary>
    private static async Task<Page> Read(IDocumentStore store, Guid[] streams, Type[]? types, long highWater, CancellationToken ct)
    {
        await using var session = store.TenantQuerySession();
        var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence <= highWater && streams.Contains(e.StreamId));
        if (types is not null) query = query.Where(e => e.EventTypesAre(types));
        return new Page(await query.OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToListAsync(ct));
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
        await using var session = store.TenantLightweightSession();
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
        await using var session = store.TenantQuerySession();
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
