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
using Marten.Storage;
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
    /// reporting progress as events are read; returns how long each took (the folds share their pass's time). Every tenant
    /// of every database is rebuilt: each tenant's documents from its own events only (conjoined tenancy: raw SQL filtered
    /// by <c>tenant_id</c>, sessions and bulk inserts of that tenant), and the progress records of each database as its
    /// daemon keeps them (one per shard and database: the daemon runs the tenants of a database together).
    /// </summary>
    public static async Task<IReadOnlyList<RebuildResult>> Run(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var databases = new List<(IMartenDatabase Database, long HighWater, long Events)>();
        foreach (var database in await store.Storage.AllDatabases())
        {
            var (highWater, events) = await Statistics(store, database, ct);
            databases.Add((database, highWater, events));
        }
        var eventCount = databases.Sum(d => d.Events);
        var results = new List<RebuildResult>();
        var folds = projections.Where(p => p.Fold is not null).ToList();
        if (folds.Count > 0) results.AddRange(await RunFolds(store, folds, databases, eventCount, progress, ct));

        var others = projections.Where(p => p.Fold is null).ToList();
        if (others.Count == 0) return results;
        var totals = new Dictionary<string, long>();
        var elapsed = new Dictionary<string, TimeSpan>();
        foreach (var projection in others)
        {
            totals[projection.Name] = 0;
            elapsed[projection.Name] = TimeSpan.Zero;
            foreach (var (database, highWater, _) in databases)
                totals[projection.Name] += await CountOf(store, database, projection.Reads, highWater, ct);
            progress.Report(new RebuildProgress(projection.Name, 0, totals[projection.Name]));
        }
        // Each database's daemon rebuilds the projection for every tenant it holds; the progress shown is the events of the
        // databases done plus the share of this database's reached.
        var done = others.ToDictionary(p => p.Name, _ => 0L);
        foreach (var (database, highWater, _) in databases)
        {
            var here = new Dictionary<string, long>();
            foreach (var projection in others) here[projection.Name] = await CountOf(store, database, projection.Reads, highWater, ct);
            #pragma warning disable CS0618 // the name the placement gives the database ("main", ...), which Marten finds it by
            using var daemon = await store.BuildProjectionDaemonAsync(database.Identifier);
#pragma warning restore CS0618
            using var tracking = daemon.Tracker.Subscribe(new ShardObserver(state =>
            {
                // Shard names are "Projection:All"; the high-water agent reports too, and is not a projection. The daemon
                // reports the sequence it reached: shown as a share of the events to read, which is what the bar measures.
                var projection = state.ShardName.Split(':')[0];
                if (here.TryGetValue(projection, out var count))
                    progress.Report(new RebuildProgress(projection,
                        done[projection] + (highWater == 0 ? count : count * Math.Min(state.Sequence, highWater) / highWater), totals[projection]));
            }));
            foreach (var projection in others)
            {
                var clock = Stopwatch.StartNew();
                await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(30), ct);
                elapsed[projection.Name] += clock.Elapsed;
                done[projection.Name] += here[projection.Name];
                progress.Report(new RebuildProgress(projection.Name, done[projection.Name], totals[projection.Name]));
            }
        }
        foreach (var projection in others)
        {
            progress.Report(new RebuildProgress(projection.Name, totals[projection.Name], totals[projection.Name]));
            results.Add(new RebuildResult(projection.Name, projection.Lifecycle, elapsed[projection.Name], eventCount, totals[projection.Name]));
        }
        return results;
    }

    /// <summary>How many events and streams the store holds, every tenant's of every database.</summary>
    public static async Task<(long Events, long Streams)> Size(IDocumentStore store, CancellationToken ct)
    {
        var (events, streams) = (0L, 0L);
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            var schema = store.Options.Events.DatabaseSchemaName;
            command.CommandText = $"select (select count(*) from {schema}.mt_events), (select count(*) from {schema}.mt_streams)";
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            events += reader.GetInt64(0);
            streams += reader.GetInt64(1);
        }
        return (events, streams);
    }

    /// <summary>A database's high-water mark (its highest event sequence) and how many events it holds, every tenant's.</summary>
    private static async Task<(long HighWater, long Events)> Statistics(IDocumentStore store, IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select coalesce(max(seq_id), 0), count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>One page of whole streams of one tenant: their events of the types read, in stream order then version order.</summary>
    private sealed record Page(string Tenant, IReadOnlyList<IEvent> Events);

    /// <summary>The streams of one tenant to read (with how many events each holds), in one database up to its high-water mark.</summary>
    private sealed record TenantStreams(IMartenDatabase Database, string Tenant, long HighWater, IReadOnlyList<(Guid Id, long Events)> Streams);

    /// <summary>
    /// Rebuilds per-stream folds in one read of the events of their types: for each database and each tenant in it, the
    /// streams holding such events are listed (and their events counted), the tenant's documents are deleted, then pages of
    /// whole streams of one tenant are read a few at once while the page before is folded and its documents bulk inserted
    /// for that tenant; finally the progress records of each database are left as Marten's own rebuild leaves them
    /// (<see cref="MarkProgress"/>).
    /// </summary>
    private static async Task<IReadOnlyList<RebuildResult>> RunFolds(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        IReadOnlyList<(IMartenDatabase Database, long HighWater, long Events)> databases, long eventCount, IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var folds = projections.Select(p => p.Fold!).ToList();
        // A fold that declares no types reads every event of its stream: then the pass reads every event.
        Type[]? types = folds.Any(f => f.Reads.Count == 0) ? null : [.. folds.SelectMany(f => f.Reads).Distinct()];
        var storedNames = types is null ? [] : projections.SelectMany(p => p.Reads).Distinct().ToList();
        var tenants = new List<TenantStreams>();
        foreach (var (database, highWater, _) in databases)
        {
            // Every tenant with events in the database, and every tenant holding documents of these folds there (deleted even
            // when it has no events left to fold, so that nothing survives the rebuild that the events do not give).
            var ids = await TenantsOf(store, database, folds.Select(f => f.DocumentType), ct);
            foreach (var tenant in ids)
                tenants.Add(new TenantStreams(database, tenant, highWater, await StreamsRead(store, database, tenant, storedNames, highWater, ct)));
        }
        var total = tenants.Sum(t => t.Streams.Sum(s => s.Events));
        foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, 0, total));

        foreach (var tenant in tenants) await DeleteDocuments(store, tenant.Database, tenant.Tenant, folds, ct);

        // Pages are read and deserialised a few at once (a page waits on the database and, for sealed personal data, on the
        // key store), and folded in order as they arrive: at most ReadAhead pages in memory whatever the store's size. A page
        // holds one tenant's streams, read in that tenant's session.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pages = Channel.CreateBounded<Task<Page>>(new BoundedChannelOptions(ReadAhead - 1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var tenant in tenants)
                    foreach (var page in Cut(tenant.Streams))
                        await pages.Writer.WriteAsync(Task.Run(() => Read(store, tenant.Tenant, page, types, tenant.HighWater, stop.Token), stop.Token), stop.Token);
                pages.Writer.Complete();
            }
            catch (Exception e)
            {
                pages.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            var read = await FoldPages(store, projections, folds, pages.Reader, total, progress, ct);
            foreach (var (database, highWater, _) in databases) await MarkProgress(store, database, projections, highWater, ct);
            foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, read, read));
            return [.. projections.Select(p => new RebuildResult(p.Name, p.Lifecycle, clock.Elapsed, eventCount, read, InOnePass: true))];
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
            // Pages still being read when the fold failed: awaited so that no session outlives the rebuild.
            while (pages.Reader.TryRead(out var pending)) await pending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Folds each page's streams with every fold as the pages arrive, writing the documents in bulk for the page's tenant,
    /// one write in flight at a time; returns how many events were read.
    /// </summary>
    private static async Task<long> FoldPages(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        IReadOnlyList<IStreamFold> folds, ChannelReader<Task<Page>> pages, long total, IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var read = 0L;
        var documents = new List<object>(DocumentsPerWrite + folds.Count * 64);
        string? tenantOfDocuments = null;
        Task writing = Task.CompletedTask;
        void Flush()
        {
            if (documents.Count == 0) return;
            var batch = documents;
            var tenant = tenantOfDocuments!;
            var previous = writing;
            // One write in flight while the next page is folded: the database copies while this process deserialises.
            writing = Task.Run(async () =>
            {
                await previous;
                await store.BulkInsertDocumentsAsync(tenant, batch, BulkInsertMode.InsertsOnly, DocumentsPerWrite, ct);
            }, ct);
            documents = new List<object>(DocumentsPerWrite + folds.Count * 64);
        }
        await foreach (var pending in pages.ReadAllAsync(ct))
        {
            var page = await pending;
            // A batch is one tenant's: another tenant's page starts another.
            if (tenantOfDocuments != page.Tenant)
            {
                Flush();
                tenantOfDocuments = page.Tenant;
            }
            foreach (var stream in Streams(page.Events))
                foreach (var fold in folds)
                    if (fold.ReplayDocument(stream.Id, stream.Events) is { } document) documents.Add(document);
            read += page.Events.Count;
            if (documents.Count >= DocumentsPerWrite)
            {
                await writing;
                Flush();
            }
            foreach (var p in projections) progress.Report(new RebuildProgress(p.Name, read, Math.Max(total, read)));
        }
        Flush();
        await writing;
        return read;
    }

    /// <summary>
    /// The tenants of a database whose documents a rebuild of folds writing <paramref name="documentTypes"/> touches: those
    /// with events there, and those holding such documents there.
    /// </summary>
    private static async Task<IReadOnlyList<string>> TenantsOf(IDocumentStore store, IMartenDatabase database, IEnumerable<Type> documentTypes, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var sources = new List<string> { $"select tenant_id from {schema}.mt_streams" };
        sources.AddRange(documentTypes.Select(t => $"select tenant_id from {Table(store, t)}"));
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select distinct tenant_id from ({string.Join(" union ", sources)}) t order by tenant_id";
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetString(0));
        return tenants;
    }

    /// <summary>The qualified table of a document type.</summary>
    private static string Table(IDocumentStore store, Type documentType) =>
        store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName;

    /// <summary>Deletes one tenant's documents of the folds (raw SQL filtered by its <c>tenant_id</c>), in one transaction.</summary>
    private static async Task DeleteDocuments(IDocumentStore store, IMartenDatabase database, string tenant, IEnumerable<IStreamFold> folds, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var type in folds.Select(f => f.DocumentType).Distinct())
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"delete from {Table(store, type)} where tenant_id = $1";
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// One tenant's streams that hold events of the given stored types (every event for none) up to <paramref name="highWater"/>,
    /// in id order, with how many each holds. One scan of the tenant's events (what a count of them costs anyway): a
    /// rebuild of a projection of few events then reads only the streams that have some.
    /// </summary>
    private static async Task<IReadOnlyList<(Guid Id, long Events)>> StreamsRead(IDocumentStore store, IMartenDatabase database, string tenant,
        IReadOnlyList<string> storedNames, long highWater, CancellationToken ct)
    {
        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select stream_id, count(*) from {events} where tenant_id = $1 and seq_id <= $2 and is_archived = false" +
            (storedNames.Count == 0 ? "" : " and type = any($3)") + " group by stream_id order by stream_id";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = highWater });
        if (storedNames.Count > 0) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = storedNames.ToArray() });
        var streams = new List<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) streams.Add((reader.GetGuid(0), reader.GetInt64(1)));
        return streams;
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

    /// <summary>
    /// The events of one tenant's given streams of the given types (all for null) up to <paramref name="highWater"/>, each
    /// stream's in version order, deserialised by Marten in a session of that tenant (conjoined: Marten filters by it).
    /// </summary>
    private static async Task<Page> Read(IDocumentStore store, string tenant, Guid[] streams, Type[]? types, long highWater, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence <= highWater && streams.Contains(e.StreamId));
        if (types is not null) query = query.Where(e => e.EventTypesAre(types));
        var events = await query.OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToListAsync(ct);
        // Never another tenant's: a page folded into this tenant's documents holds this tenant's events only.
        if (events.FirstOrDefault(e => e.TenantId != tenant) is { } stray)
            throw new InvalidOperationException($"The rebuild of tenant '{tenant}' read an event of tenant '{stray.TenantId}' (sequence {stray.Sequence}).");
        return new Page(tenant, events);
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
    /// Leaves one database's progress records of the projections (<c>mt_event_progression</c>, shard "Name:All", one per
    /// database: its daemon runs the tenants it holds together) as Marten's daemon leaves them after its own rebuild: an
    /// async projection's at the sequence the rebuild read up to (a daemon started afterwards continues from there); none
    /// for an inline one (it is written with its events, and a record left by an interrupted rebuild would claim a
    /// position that means nothing).
    /// </summary>
    private static async Task MarkProgress(IDocumentStore store, IMartenDatabase database, IEnumerable<ProjectionInfo> projections, long highWater, CancellationToken ct)
    {
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_event_progression";
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var projection in projections)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = projection.Lifecycle == ProjectionLifecycle.Async
                ? $"insert into {table} (name, last_seq_id, last_updated) values ($1, $2, transaction_timestamp()) " +
                  "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated"
                : $"delete from {table} where name = $1";
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ShardName(projection) });
            if (projection.Lifecycle == ProjectionLifecycle.Async) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = highWater });
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>The name of a projection's one shard, as the daemon records its progress under.</summary>
    public static string ShardName(ProjectionInfo projection) => $"{projection.Name}:All";

    /// <summary>How many events of the given stored types (every event for none) a database holds up to <paramref name="highWater"/>, every tenant's.</summary>
    private static async Task<long> CountOf(IDocumentStore store, IMartenDatabase database, IReadOnlyList<string> storedNames, long highWater, CancellationToken ct)
    {
        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from {events} where seq_id <= $1 and is_archived = false" + (storedNames.Count == 0 ? "" : " and type = any($2)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = highWater });
        if (storedNames.Count > 0) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = storedNames.ToArray() });
        return (long)(await command.ExecuteScalarAsync(ct))!;
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
