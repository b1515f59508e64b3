namespace AuditLedger.Benchmarks;

using System.Text.Json.Nodes;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Tenancy;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

/// <summary>
/// The tenancy section (issue 12): the full command path and the deadline view with one tenant and with fifty (a profile
/// of fifty bodies loaded from a directory through <c>AuditLedger:ProfilesDirectory</c>, as a deployment adds a municipality),
/// the events spread over them, all conjoined in the one database.
/// </summary>
public sealed partial class LedgerBench
{
    public const int ManyTenants = 50;

    /// <summary>A host of its own on the same database, whose profiles add one jurisdiction of <paramref name="tenants"/> bodies.</summary>
    public static async Task<(IHost Host, string[] Tenants, string Directory)> StartManyTenantHost(IConfiguration configuration, int tenants)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"auditledger-bench-profiles-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        await using (var embedded = typeof(AuditLedger.Deadlines.Profiles.JurisdictionProfile).Assembly.GetManifestResourceStream("AuditLedger.Deadlines.Profiles.urayasu-council.json")!)
        {
            var profile = JsonNode.Parse(embedded)!.AsObject();
            profile["id"] = "bench-fifty";
            profile["name"] = new JsonObject { ["ja"] = "計測市", ["en"] = "Bench City" };
            profile["tenants"] = new JsonArray([.. Enumerable.Range(1, tenants).Select(n =>
                (JsonNode)new JsonObject { ["id"] = $"bench-fifty:body-{n:00}", ["name"] = new JsonObject { ["ja"] = $"計測市 機関{n}", ["en"] = $"Bench City body {n}" } })]);
            await System.IO.File.WriteAllTextAsync(Path.Combine(directory, "bench-fifty.json"), profile.ToJsonString());
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [LedgerJurisdictions.ProfilesDirectoryKey] = directory });
        builder.Services.AddAuditLedger(builder.Configuration, DaemonMode.Disabled);
        builder.Services.AddWolverine(LedgerConfiguration.Wolverine(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return (host, [.. Enumerable.Range(1, tenants).Select(n => $"bench-fifty:body-{n:00}")], directory);
    }

    /// <summary>
    /// The full command path (as <see cref="FullPathAppends"/>) with the commands spread over <paramref name="tenants"/>: each
    /// client's n-th command goes to the next tenant in turn, each tenant holding a record per client.
    /// </summary>
    public async Task<double> FullPathAppendsOver(IServiceProvider host, IReadOnlyList<string> tenants, int clients)
    {
        var bus = host.GetRequiredService<IMessageBus>();
        var records = new (Guid Id, long Version)[clients, tenants.Count];
        for (var t = 0; t < tenants.Count; t++)
        {
            using var _ = LedgerTenant.Enter(tenants[t]);
            var file = (await bus.InvokeForTenantAsync<AppendResult>(tenants[t], Staff(new RegisterFile
            {
                Kind = FileKind.ComputerProcessed,
                Items = new RegisterItems("議会傍聴者名簿（計測用）", "計測市 総務課", ["本会議及び委員会の傍聴者の受付及び管理"], ["氏名"],
                    "傍聴者", "本人からの受付票の提出", false, [], "計測市 総務課", "千葉県計測市一丁目1番1号", null),
            }))).StreamId;
            for (var c = 0; c < clients; c++)
            {
                var id = (await bus.InvokeForTenantAsync<AppendResult>(tenants[t], Acquisition(file))).StreamId;
                records[c, t] = (id, (await bus.InvokeForTenantAsync<AppendResult>(tenants[t], Use(id, 1))).Version);
            }
        }
        return await Measure.Rate(options.Appends, clients, async (client, i) =>
        {
            var t = (client + i) % tenants.Count;
            using var _ = LedgerTenant.Enter(tenants[t]);
            var (id, version) = records[client, t];
            await using var scope = host.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<LedgerCommands>().Append(Use(id, version), BenchPrincipal);
            records[client, t] = (id, result.Version);
        });
    }

    /// <summary>The deadline view query (open clocks) of one tenant after another, on <paramref name="host"/>; answers p50, p99 and the rows of the last.</summary>
    public async Task<(double P50, double P99)> DeadlineQueryLatencyOver(IServiceProvider host, IReadOnlyList<string> tenants)
    {
        var n = 0;
        return await Measure.Latency(options.QuerySamples, async () =>
        {
            using var _ = LedgerTenant.Enter(tenants[n++ % tenants.Count]);
            await using var scope = host.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadlineQueries>().Find(DeadlineFilter.Open, DeadlineQueries.DueSoonDays, CancellationToken.None);
        });
    }
}
