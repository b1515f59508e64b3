namespace AuditLedger.Host.Operations;

using AuditLedger.Host.Tenancy;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Demo;
using AuditLedger.Host.Replay;
using AuditLedger.Host.Reports;
using Marten;
using Marten.Events;
using Wolverine;

/// <summary>
/// How long a full rebuild and a replay take (scripts/auditledger bench-rebuild): fills the configured store with demo years through
/// the real command path when asked, then times a full rebuild of every projection and the replay of single cases,
/// the register and the deadline view, and prints the figures with the machine they were taken on.
/// </summary>
public sealed class RebuildBenchmark(IServiceProvider services, TextWriter output, TextWriter log)
{
    private readonly IDocumentStore _store = services.GetRequiredService<IDocumentStore>();

    /// <summary>Appends demo years (each through the commands, with new ids) until the store holds at least <paramref name="events"/> events.</summary>
    public async Task Generate(long events, int workers, CancellationToken ct)
    {
        var bus = services.GetRequiredService<IMessageBus>();
        var time = services.GetRequiredService<TimeProvider>();
        var clock = Stopwatch.StartNew();
        var start = await Count(ct);
        var seed = Environment.TickCount;
        var years = 0;
        // The demo's users once, before the workers (each Load finds them there).
        await Demo.DemoDirectory.Seed(bus, new Access.LedgerPrincipals(_store, time), ct);
        while (await Count(ct) is var count && count < events)
        {
            log.WriteLine($"generate: {count:N0} of {events:N0} events, {Rate(count - start, clock.Elapsed)}");
            await Task.WhenAll(Enumerable.Range(0, workers).Select(i => DemoYear.Load(_store, bus, time, new Random(seed + years + i))));
            years += workers;
        }
        var total = await Count(ct);
        output.WriteLine($"generated {years} demo years through the commands: {total - start:N0} events appended in {ProjectionRebuild.Seconds(clock.Elapsed)} ({Rate(total - start, clock.Elapsed)}, {workers} at once)");
    }

    /// <summary>The machine and the store the figures are taken on.</summary>
    public async Task Context(CancellationToken ct)
    {
        var (eventCount, streamCount) = await ProjectionRebuild.Size(_store, ct);
        await using var session = _store.TenantQuerySession();
        var server = (await session.QueryAsync<string>("select version()", ct)).Single();
        output.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"database: {server.Split(',')[0]}");
        output.WriteLine($"store: {eventCount:N0} events in {streamCount:N0} streams (every tenant's)");
    }

    public void Report(IReadOnlyList<RebuildResult> results)
    {
        foreach (var r in results)
            output.WriteLine($"rebuild {r.Projection,-22} {r.Lifecycle.ToString().ToLowerInvariant(),-7} {ProjectionRebuild.Seconds(r.Elapsed),10}{(r.InOnePass ? "  (one pass over the folds)" : "")}");
        output.WriteLine($"full rebuild of {results.Count} projections over {results.FirstOrDefault()?.Events ?? 0:N0} events: {ProjectionRebuild.Seconds(ProjectionRebuild.Total(results))}");
    }

    /// <summary>Times the replay of single cases (as of now and as of the middle of their history), the register and the deadline view.</summary>
    public async Task Replays(int samples, CancellationToken ct)
    {
        List<Guid> cases;
        await using (var session = _store.TenantQuerySession())
        {
            Type[] received = [typeof(RequestReceived)];
            cases = [.. (await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(received)).ToListAsync(ct)).Select(e => e.StreamId)];
        }
        if (cases.Count == 0)
        {
            output.WriteLine("no request case in the store: nothing to replay");
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var random = new Random(1);
        var chosen = cases.OrderBy(_ => random.Next()).Take(samples).ToList();
        var timings = new List<double>();
        var events = new List<long>();
        foreach (var id in chosen)
        {
            var (elapsed, replay) = await Timed(r => r.Stream(id, now, "cases", ct));
            timings.Add(elapsed.TotalMilliseconds);
            events.Add(replay.Version);
        }
        timings.Sort();
        output.WriteLine($"replay of one case (all its documents, as of now), {chosen.Count} cases of {events.Min()}-{events.Max()} events: " +
            $"median {Ms(timings[timings.Count / 2])}, 95th percentile {Ms(timings[(int)(timings.Count * 0.95)])}, max {Ms(timings[^1])}");
        var (caseDeadlines, _) = await Timed(r => r.CaseDeadlines(chosen[0], now, ct));
        output.WriteLine($"replay of one case's deadline view as of now: {Ms(caseDeadlines.TotalMilliseconds)}");
        var (register, _) = await Timed(r => r.Register(now, published: false, ReportFormat.Json, ct));
        output.WriteLine($"replay of the whole register as of now: {Ms(register.TotalMilliseconds)}");
        var (deadlines, view) = await Timed(r => r.Deadlines(now, DeadlineFilter.Open, DeadlineQueries.DueSoonDays, ct));
        output.WriteLine($"replay of the whole deadline view as of now ({cases.Count:N0} cases, {view.Clocks.Count} open clocks): {Ms(deadlines.TotalMilliseconds)}");
    }

    private async Task<(TimeSpan Elapsed, T Result)> Timed<T>(Func<LedgerReplay, Task<T>> run)
    {
        using var scope = services.CreateScope();
        var replay = scope.ServiceProvider.GetRequiredService<LedgerReplay>();
        var clock = Stopwatch.StartNew();
        var result = await run(replay);
        return (clock.Elapsed, result);
    }

    private async Task<long> Count(CancellationToken ct) => (await ProjectionRebuild.Size(_store, ct)).Events;

    private static string Rate(long events, TimeSpan elapsed) =>
        (events / Math.Max(elapsed.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture) + " events/s";

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
