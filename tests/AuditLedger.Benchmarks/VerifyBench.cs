namespace AuditLedger.Benchmarks;

using AuditLedger.Host.Configuration;
using AuditLedger.Host.Trust;
using AuditLedger.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

/// <summary>
/// <c>verify</c> over the generated store (issue 13 item 6): the store is sealed once with a key made for the run (so the
/// verifier also checks a signed checkpoint), then verified with one range on one connection and with parallel ranges over
/// one exported snapshot (<see cref="LedgerVerifier.DefaultWorkers"/>), each the best of <see cref="Runs"/> runs after one
/// warm-up, in events per second.
/// </summary>
public sealed class VerifyBench(IConfiguration configuration)
{
    /// <summary>Runs of each way; the best is reported, as the machine is shared.</summary>
    public const int Runs = 3;

    /// <summary>Events per second of the single range and of the parallel ranges, and the number of events verified.</summary>
    public async Task<(double Single, double Parallel, long Events)> Measure()
    {
        var directory = Directory.CreateTempSubdirectory("auditledger-verify-bench-");
        try
        {
            var (privatePath, _) = CheckpointKey.CreateFiles(Path.Combine(directory.FullName, "checkpoint-key.pem"));
            var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TrustSettings.SigningKeyFile] = privatePath }).Build();
            using var keys = new TrustKeys(settings);
            await using var database = new TrustDatabase(NpgsqlDataSource.Create(
                new NpgsqlConnectionStringBuilder(LedgerDatabase.ConnectionString(configuration)) { CommandTimeout = 0 }.ConnectionString));
            // The bench store is one tenant's (the default's): its chain, tree and checkpoints.
            using var tenant = AuditLedger.Host.Tenancy.LedgerTenant.Enter(AuditLedger.Host.Tenancy.LedgerTenant.Default);
            var sealer = new LedgerSealer(database, keys, TimeProvider.System, NullLogger<LedgerSealer>.Instance);
            var sealedResult = await sealer.SealAsync(everything: true, CancellationToken.None);
            if (sealedResult.Detail.StartsWith("refused", StringComparison.Ordinal)) throw new InvalidOperationException("the bench store does not seal: " + sealedResult.Detail);
            var verifier = new LedgerVerifier(database, keys);

            async Task<(double Rate, long Events)> Best(int? workers)
            {
                var best = (Rate: 0.0, Events: 0L);
                for (var run = 0; run < Runs; run++)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var report = await verifier.VerifyAsync(null, CancellationToken.None, workers);
                    var rate = report.Events / watch.Elapsed.TotalSeconds;
                    if (!report.Ok) throw new InvalidOperationException("the bench store does not verify: " + report.Summary);
                    if (rate > best.Rate) best = (rate, report.Events);
                }
                return best;
            }
            await verifier.VerifyAsync(null, CancellationToken.None, 1); // warm-up: the code JIT-compiled, the store in the server's cache
            var single = await Best(1);
            var parallel = await Best(null);
            return (single.Rate, parallel.Rate, parallel.Events);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
