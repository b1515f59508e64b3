namespace AuditLedger.Host.Operations;

using System.Diagnostics;
using AuditLedger.Host.Cli;
using JasperFx.Events.Projections;
using Marten;

/// <summary>A projection as registered: its name (what <c>rebuild</c> takes), inline or async, and the documents it writes.</summary>
/// <param name="Reads">The stored names of the events the projection reads (its declared event types); empty when it reads every event.</param>
public sealed record ProjectionInfo(string Name, ProjectionLifecycle Lifecycle, IReadOnlyList<string> Documents, IReadOnlyList<string> Reads);

/// <summary>How far a rebuild has read: the event sequence it reached, out of the store's high-water mark when it started.</summary>
public sealed record RebuildProgress(string Projection, long Sequence, long HighWater);

/// <summary>One projection rebuilt: how long it took, over how many events.</summary>
/// <param name="Events">Every event of the store when the rebuild began.</param>
/// <param name="EventsRead">Those the projection reads (of its declared types): what a rate of the rebuild should count.</param>
public sealed record RebuildResult(string Projection, ProjectionLifecycle Lifecycle, TimeSpan Elapsed, long Events, long EventsRead);

/// <summary>
/// Rebuilds projections from the events alone with Marten's projection daemon (its documents are torn down and
/// replayed), reporting progress from the daemon's shard tracker. Used by <c>scripts/auditledger rebuild</c> and
/// <c>bench-rebuild</c>. Run it while no one appends (the service stopped, or at a quiet hour): an inline projection
/// rebuilt while commands append may miss the documents written meanwhile, and an async one is also being run by the
/// service's daemon.
/// </summary>
public static class ProjectionRebuild
{
    public static IReadOnlyList<ProjectionInfo> List(IDocumentStore store) =>
        [.. ((StoreOptions)store.Options).Projections.All
            .Select(p => new ProjectionInfo(p.Name, p.Lifecycle, [.. p.PublishedTypes().Select(t => t.Name)], StoredNamesRead((StoreOptions)store.Options, p)))
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
            ?? throw new CommandLineInputException($"No projection is named '{name}'. Projections: {string.Join(", ", known.Select(p => p.Name))}."))];
    }

    /// <summary>Rebuilds each projection in turn, reporting progress as the daemon advances; returns how long each took.</summary>
    public static async Task<IReadOnlyList<RebuildResult>> Run(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections,
        IProgress<RebuildProgress> progress, CancellationToken ct)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var highWater = statistics.EventSequenceNumber;
        using var daemon = await store.BuildProjectionDaemonAsync();
        using var tracking = daemon.Tracker.Subscribe(new ShardObserver(state =>
        {
            // Shard names are "Projection:All"; the high-water agent reports too, and is not a projection.
            var projection = state.ShardName.Split(':')[0];
            if (projections.Any(p => p.Name == projection)) progress.Report(new RebuildProgress(projection, state.Sequence, highWater));
        }));
        var results = new List<RebuildResult>();
        foreach (var projection in projections)
        {
            var clock = Stopwatch.StartNew();
            progress.Report(new RebuildProgress(projection.Name, 0, highWater));
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(30), ct);
            progress.Report(new RebuildProgress(projection.Name, highWater, highWater));
            var read = projection.Reads.Count == 0 ? statistics.EventCount : await CountOf(store, projection.Reads, ct);
            results.Add(new RebuildResult(projection.Name, projection.Lifecycle, clock.Elapsed, statistics.EventCount, read));
        }
        return results;
    }

    /// <summary>An elapsed time as the figures print it: seconds with two decimals.</summary>
    private static async Task<long> CountOf(IDocumentStore store, IReadOnlyList<string> storedNames, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var counts = await session.QueryAsync<long>(
            $"select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events where type = any(?)", ct, new object[] { storedNames.ToArray() });
        return counts.Single();
    }

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
