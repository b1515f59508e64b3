namespace AuditLedger.Benchmarks;

using System.Diagnostics;
using System.Globalization;

/// <summary>
/// One measured figure and how it compares with its baseline from the same run (raw Npgsql, or the API query a page is
/// made from). The ratio's target is a floor (≥, throughput), or a ceiling (≤) when <see cref="LowerIsBetter"/> (time).
/// </summary>
public sealed record Figure(string What, double Value, string Unit, string? Baseline = null, double? BaselineValue = null, double? Target = null, bool LowerIsBetter = false)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;

    public override string ToString()
    {
        var text = $"{What,-58} {Value.ToString("N1", CultureInfo.InvariantCulture),12} {Unit}";
        if (Ratio is { } r)
            text += $"   vs {Baseline} {BaselineValue!.Value.ToString("N1", CultureInfo.InvariantCulture)}: ratio {r.ToString("0.000", CultureInfo.InvariantCulture)}"
                  + (Target is { } t ? $" (target {(LowerIsBetter ? "≤" : "≥")} {t.ToString("0.0#", CultureInfo.InvariantCulture)}: {((LowerIsBetter ? r <= t : r >= t) ? "met" : "MISSED")})" : "");
        return text;
    }
}

public static class Measure
{
    /// <summary>Operations per second of <paramref name="count"/> operations run by <paramref name="clients"/> concurrent workers.</summary>
    public static async Task<double> Rate(int count, int clients, Func<int, int, Task> operation)
    {
        var perClient = count / clients;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < perClient; i++) await operation(client, i);
        })));
        return perClient * clients / watch.Elapsed.TotalSeconds;
    }

    public static async Task<(double P50, double P99)> Latency(int samples, Func<Task> query)
    {
        var times = await Latencies(samples, query);
        return (times[(int)(samples * 0.50)], Quantile(times, 0.99));
    }

    /// <summary>The milliseconds of <paramref name="samples"/> runs of the query after one warm-up (compiled queries, connection pool), sorted.</summary>
    public static async Task<IReadOnlyList<double>> Latencies(int samples, Func<Task> query)
    {
        await query();
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    /// <summary>The q-quantile of sorted times (nearest rank): 0.95 is the p95.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * q) - 1)];
}
