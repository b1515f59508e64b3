namespace AuditLedger.Benchmarks;

using System.Collections.Concurrent;
using System.Diagnostics;

/// <summary>
/// The database round trips of an operation, counted as Npgsql reports them: one tracing activity (source "Npgsql") per
/// command or batch it sends and waits for (Npgsql's tracing, https://www.npgsql.org/doc/diagnostics/tracing.html), with
/// its duration as the client saw it. A transaction's COMMIT is sent by Npgsql itself, outside any command, so it is not
/// counted: add one per transaction. Shows where the full path's time goes: what each round trip costs, and what is left
/// (the COMMIT's WAL flush and the client's own work) when they are taken from the operation's time.
/// </summary>
public sealed class RoundTrips : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<(string Statement, double Ms)> _seen = new();

    private RoundTrips()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _seen.Enqueue((activity.GetTagItem("db.query.text") as string ?? activity.DisplayName, activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>What <see cref="Of"/> found.</summary>
    /// <param name="PerOperation">Round trips per operation (COMMIT not included).</param>
    /// <param name="MsPerOperation">Wall-clock milliseconds per operation, round trips and all.</param>
    /// <param name="Statements">The statements of the last operation, in order, each with its mean milliseconds over every operation.</param>
    public sealed record Profile(double PerOperation, double MsPerOperation, IReadOnlyList<(string Statement, double MeanMs)> Statements);

    /// <summary>Runs <paramref name="operation"/> <paramref name="count"/> times, one after the other, counting what it sends.</summary>
    public static async Task<Profile> Of(int count, Func<int, Task> operation)
    {
        using var counter = new RoundTrips();
        var total = 0;
        var times = new Dictionary<string, (int N, double Ms)>();
        List<string> last = [];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            counter._seen.Clear();
            await operation(i);
            var seen = counter._seen.ToList();
            total += seen.Count;
            last = [.. seen.Select(s => s.Statement)];
            foreach (var (statement, ms) in seen)
                times[statement] = times.TryGetValue(statement, out var t) ? (t.N + 1, t.Ms + ms) : (1, ms);
        }
        var elapsed = watch.Elapsed.TotalMilliseconds;
        return new((double)total / count, elapsed / count, [.. last.Select(s => (s, times[s].Ms / times[s].N))]);
    }

    public void Dispose() => _listener.Dispose();
}
