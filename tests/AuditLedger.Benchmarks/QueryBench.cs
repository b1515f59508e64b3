namespace AuditLedger.Benchmarks;

using AuditLedger.Domain.Common;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Tenancy;
using AuditLedger.Projections;
using AuditLedger.Projections.Deadlines;
using AuditLedger.Projections.Folding;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

/// <summary>
/// What the queries section needs before it measures: the documents the deadline view and the register are read from,
/// built from the generated store (which is written by COPY, past the inline projections). When the rebuild section
/// runs too it has built some of them already; rebuilding them again costs time, not correctness.
/// </summary>
public sealed class QueryBench(IServiceProvider services)
{
    // The application role's connections without Marten: the raw baseline.
    private readonly NpgsqlDataSource _raw = NpgsqlDataSource.Create(LedgerDatabase.ConnectionString(services.GetRequiredService<IConfiguration>()));
    private readonly IDocumentStore _store = services.GetRequiredService<IDocumentStore>();
    private readonly LedgerFolds _folds = services.GetRequiredService<LedgerFolds>();

    /// <summary>The projections the measured queries read: the deadline list's slim rows, the deadline view (full: one case, and a recount), the file register.</summary>
    public IReadOnlyList<string> Read => [.. Folds.Select(f => f.Name)];

    /// <summary>
    /// Rebuilds each of <see cref="Read"/> that does not hold one document per stream it is kept for (all, on a store just
    /// generated; none, on a store an earlier run built them over), with Marten's daemon; returns the seconds it took,
    /// null when nothing was rebuilt.
    /// </summary>
    public async Task<double?> BuildViews()
    {
        var stale = new List<string>();
        foreach (var fold in Folds)
            if (!await Built(fold)) stale.Add(fold.Name);
        if (stale.Count == 0) return null;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var daemon = await _store.BuildProjectionDaemonAsync(TenantPlacement.MainDatabase);
        foreach (var name in stale) await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None);
        return watch.Elapsed.TotalSeconds;
    }

    private IReadOnlyList<IStreamFold> Folds => [_folds.OpenClocks, _folds.Deadlines, _folds.Register];

    /// <summary>Whether a fold's documents number the streams its starting event began (the generator only adds streams).</summary>
    private async Task<bool> Built(IStreamFold fold)
    {
        // Marten's table for a document type, and the name its module stores the starting event under.
        var table = $"{LedgerConfiguration.SchemaName}.mt_doc_{fold.DocumentType.Name.ToLowerInvariant()}";
        var started = Domain.LedgerModules.Events.Single(e => e.Type == fold.StartedBy).StoredName;
        await using var command = _raw.CreateCommand($"""
            select (select count(*) from {table})
                 = (select count(*) from {LedgerConfiguration.SchemaName}.mt_events where type = '{started}')
            """);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The deadline list's statement (<see cref="DeadlineQueries.OpenRowsSql"/>) through raw Npgsql, every value read as
    /// text: what PostgreSQL itself costs for the rows the list reads, p50 and p99 in ms, and how many cases' rows.
    /// </summary>
    public async Task<(double P50, double P99, int Rows)> RawDeadlineRows(int samples)
    {
        var day = JapanDate.Of(TimeProvider.System.GetUtcNow()).DayNumber;
        var rows = 0;
        var (p50, p99) = await Measure.Latency(samples, async () =>
        {
            await using var command = _raw.CreateCommand(DeadlineQueries.OpenRowsSql(LedgerConfiguration.SchemaName));
            command.Parameters.Add(new NpgsqlParameter { Value = day });
            command.Parameters.Add(new NpgsqlParameter { Value = LedgerTenant.Default });
            await using var reader = await command.ExecuteReaderAsync();
            rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i).ToString();
            }
        });
        return (p50, p99, rows);
    }
}
