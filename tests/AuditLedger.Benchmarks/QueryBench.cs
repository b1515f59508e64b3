namespace AuditLedger.Benchmarks;

using AuditLedger.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What the queries section needs before it measures: the documents the deadline view and the register are read from,
/// built from the generated store (which is written by COPY, past the inline projections). When the rebuild section
/// runs too it has built some of them already; rebuilding them again costs time, not correctness.
/// </summary>
public sealed class QueryBench(IServiceProvider services)
{
    private readonly IDocumentStore _store = services.GetRequiredService<IDocumentStore>();
    private readonly LedgerFolds _folds = services.GetRequiredService<LedgerFolds>();

    /// <summary>The projections the measured queries read: the deadline list's slim rows, the deadline view (full: one case, and a recount), the file register.</summary>
    public IReadOnlyList<string> Read => [_folds.OpenClocks.Name, _folds.Deadlines.Name, _folds.Register.Name];

    /// <summary>Rebuilds <see cref="Read"/> from the events with Marten's daemon; returns the seconds it took.</summary>
    public async Task<double> BuildViews()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var daemon = await _store.BuildProjectionDaemonAsync();
        foreach (var name in Read) await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None);
        return watch.Elapsed.TotalSeconds;
    }
}
