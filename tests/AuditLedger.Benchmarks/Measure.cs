namespace AuditLedger.Benchmarks;

using System.Diagnostics;
using System.Globalization;

/// <summary>One measured figure and how it compares with its raw-Npgsql baseline from the same run.</summary>
public sealed record Figure(string What, double Value, string Unit, string? Baseline = null, double? BaselineValue = null, double? Target = null)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;

    public override string ToString()
    {
        var text = $"{What,-58} {Value.ToString("N1", CultureInfo.InvariantCulture),12} {Unit}";
        if (Ratio is { } r)
            text += $"   vs {Baseline} {BaselineValue!.Value.ToString("N1", CultureInfo.InvariantCulture)}: ratio {r.ToString("0.000", CultureInfo.InvariantCulture)}"
                  + (Target is { } t ? $" (target ≥ {t.ToString("0.0#", CultureInfo.InvariantCulture)}: {(r >= t ? "met" : "MISSED")})" : "");
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
        await query();   // warm-up: compiled queries, connection pool
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[(int)(samples * 0.50)], times[Math.Min(samples - 1, (int)Math.Ceiling(samples * 0.99) - 1)]);
    }
}
