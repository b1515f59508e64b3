namespace AuditLedger.Benchmarks;

using System.Diagnostics;
using AuditLedger.Host.Operations;
using Marten;
using Microsoft.Extensions.DependencyInjection;

/// <summary>One rebuild measured: what was rebuilt, the events it read, its rate, and the process's peak memory meanwhile.</summary>
/// <param name="EventsPerSecond">Events read (of the projections' declared types) per second of the whole rebuild, deletes and writes included.</param>
/// <param name="PeakWorkingSet">The process's peak resident set during the rebuild, in bytes (Linux VmHWM, reset before it; else the process's lifetime peak).</param>
/// <param name="PeakManagedHeap">The largest managed heap sampled during the rebuild, in bytes (GC.GetTotalMemory every 10 ms).</param>
public sealed record RebuildFigure(string What, long EventsRead, double EventsPerSecond, long PeakWorkingSet, long PeakManagedHeap);

/// <summary>
/// The rebuild section of the benchmark (issue 13 item 4): the one-pass rebuild of every per-stream fold, then each
/// projection on its own, each over the generated store, through <see cref="ProjectionRebuild.Run"/> (what
/// <c>scripts/auditledger rebuild</c> runs), with the peak memory of each.
/// </summary>
public sealed class RebuildBench(IServiceProvider services)
{
    private readonly IDocumentStore store = services.GetRequiredService<IDocumentStore>();

    /// <summary>Runs the one-pass rebuild of every fold, then every projection alone (folds and the async ones).</summary>
    public async Task<IReadOnlyList<RebuildFigure>> Run()
    {
        var projections = ProjectionRebuild.List(store);
        var folds = projections.Where(p => p.Fold is not null).ToList();
        var figures = new List<RebuildFigure> { await Measure($"one pass over every fold ({folds.Count} projections)", folds) };
        foreach (var projection in projections) figures.Add(await Measure(projection.Name, [projection]));
        return figures;
    }

    private async Task<RebuildFigure> Measure(string what, IReadOnlyList<ProjectionInfo> projections)
    {
        // Start from what the process holds anyway (the host, the generated store's garbage collected), so the peak is the rebuild's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var resetPeak = ResetPeakWorkingSet();
        var managed = GC.GetTotalMemory(false);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                managed = Math.Max(managed, GC.GetTotalMemory(false));
                try { await Task.Delay(10, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        var results = await ProjectionRebuild.Run(store, projections, new ImmediateProgress<RebuildProgress>(_ => { }), CancellationToken.None);
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        // A pass reads its events once for all its folds; the async projections each read their own.
        var read = results.Where(r => projections.Any(p => p.Name == r.Projection && p.Fold is not null)).Select(r => r.EventsRead).DefaultIfEmpty(0).Max()
            + results.Where(r => projections.Any(p => p.Name == r.Projection && p.Fold is null)).Sum(r => r.EventsRead);
        var peak = resetPeak ? PeakWorkingSet() ?? Process.GetCurrentProcess().PeakWorkingSet64 : Process.GetCurrentProcess().PeakWorkingSet64;
        return new RebuildFigure(what, read, read / elapsed.TotalSeconds, peak, managed);
    }

    /// <summary>Resets the kernel's peak resident set of this process to its current one (Linux: "5" to /proc/self/clear_refs).</summary>
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's peak resident set since the last reset (VmHWM of /proc/self/status), in bytes; null where there is none.</summary>
    private static long? PeakWorkingSet()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
