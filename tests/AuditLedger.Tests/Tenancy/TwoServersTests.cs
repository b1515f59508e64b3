namespace AuditLedger.Tests.Tenancy;

using System.Diagnostics;
using System.Net.Http.Json;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Tenancy;
using AuditLedger.Host.Trust;
using AuditLedger.Projections.Activity;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Xunit.Abstractions;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Issue 12: tenants placed on two PostgreSQL servers (two private clusters on two ports, <c>AuditLedger:Tenancy:Databases</c>),
/// served by two instances of the service on the same placement. Commands reach tenants on either server over HTTP through
/// either instance, the async daemon (HotCold, one leader per database) builds both servers' projections, each tenant
/// verifies, and when one instance stops the other's daemon takes the work over and the projections catch up.
/// </summary>
public sealed class TwoServersTests(ITestOutputHelper output)
{
    private const string AppRole = "auditledger_app";

    /// <summary>One tenant per server: Urayasu's council in the main database (west), Nagareyama's mayor on the second server (east).</summary>
    private static readonly string[] Tenants = [LedgerTenant.Default, "nagareyama:mayor"];

    /// <summary>A business day no other event of these tests falls on, so that its daily activity counts this test's commands alone.</summary>
    private static readonly DateTimeOffset Day = new(2025, 6, 17, 10, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task tenants_on_two_servers_are_served_by_two_instances_projected_verified_and_taken_over_when_one_stops()
    {
        var clock = new TestClock(LedgerFixture.Today);
        PrivateCluster? west = null, east = null;
        var instances = new List<WebApplicationFactory<Program>>();
        try
        {
            var phase = Stopwatch.StartNew();
            var clusters = await Task.WhenAll(PrivateCluster.Start(AppRole), PrivateCluster.Start(AppRole));
            (west, east) = (clusters[0], clusters[1]);
            var settings = new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{LedgerDatabase.ConnectionName}"] = west.ConnectionString(AppRole),
                [$"ConnectionStrings:{LedgerDatabase.OwnerConnectionName}"] = west.ConnectionString("postgres"),
                [AuditLedger.Host.Erasure.MasterKey.KeySetting] = LedgerFixture.MasterKey,
                [TrustSettings.SigningKeyFile] = TestSigningKey.File,
                // The second server: its database is built by the migration through this connection (the owner's there).
                [$"{TenantPlacement.Section}:0:Name"] = "east",
                [$"{TenantPlacement.Section}:0:ConnectionString"] = east.ConnectionString("postgres"),
                [$"{TenantPlacement.Section}:0:Tenants:0"] = Tenants[1],
            };
            output.WriteLine($"two clusters started in {phase.ElapsedMilliseconds} ms");
            phase.Restart();
            await SchemaMigration.Apply(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            output.WriteLine($"both databases migrated in {phase.ElapsedMilliseconds} ms");

            WebApplicationFactory<Program> Instance() => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                LedgerFixture.UseTestLedger(builder, clock);
                foreach (var (key, value) in settings) builder.UseSetting(key, value);
            });
            instances.Add(Instance());
            instances.Add(Instance());
            var started = Stopwatch.StartNew();
            _ = instances[0].Services;
            _ = instances[1].Services;
            output.WriteLine($"two instances started in {started.ElapsedMilliseconds} ms");

            foreach (var tenant in Tenants)
            {
                await AddUser(instances[0], tenant, LedgerFixture.Administrator, LedgerRoles.Administrator);
                await AddUser(instances[0], tenant, "S-0001", LedgerRoles.Staff, "議会事務局 総務課 主査");
                await AddUser(instances[0], tenant, "S-0002", LedgerRoles.Staff, "議会事務局 議事課 主事");
                await AddUser(instances[0], tenant, "A-0001", LedgerRoles.Auditor);
            }

            // Commands over HTTP, to the tenants of both servers, through both instances.
            var files = new Dictionary<string, Guid>();
            foreach (var tenant in Tenants)
            {
                var registered = await Post(instances[Array.IndexOf(Tenants, tenant)], tenant, "S-0001", "/api/files", Registration() with { OccurredAt = Day });
                files[tenant] = registered;
                // Nagareyama's law: the 事務 is notified to the mayor (届出) before its file acquires records (Urayasu's provides none).
                if (tenant.StartsWith("nagareyama:", StringComparison.Ordinal))
                    await Post(instances[Array.IndexOf(Tenants, tenant)], tenant, "S-0001", $"/api/files/{registered}/notifications",
                        new Domain.Files.NotifyFileToMayor { FileId = registered, ExpectedVersion = 1, AffairName = "議会傍聴者受付事務", OccurredAt = Day });
            }
            async Task Acquire(IReadOnlyList<WebApplicationFactory<Program>> through, int perTenant) =>
                await Task.WhenAll(Tenants.SelectMany(tenant => Enumerable.Range(0, perTenant).Select(i =>
                    Post(through[i % through.Count], tenant, "S-0002", "/api/records", Acquisition(files[tenant]) with { OccurredAt = Day }))));
            await Acquire(instances, 6);

            var caughtUp = Stopwatch.StartNew();
            foreach (var tenant in Tenants) (await Counted(instances[0], tenant, Notified(tenant) + 1 + 6)).ShouldBe(Notified(tenant) + 1 + 6, $"daily activity of {tenant}");
            output.WriteLine($"projections of both servers caught up {caughtUp.ElapsedMilliseconds} ms after the last command");

            // Each tenant verifies, through either instance. NB on `tenancy` the verifier reads the main database's chain whatever
            // the tenant (TrustDatabase is the main connection): when trust per tenant merges, also assert that report.Events is
            // the tenant's own count, so that the second server's chain is what is verified for its tenant.
            foreach (var (tenant, i) in Tenants.Select((t, i) => (t, i)))
            {
                var report = await Verify(instances[i], tenant);
                report.Ok.ShouldBeTrue($"{tenant}: {report.Summary}");
                output.WriteLine($"{tenant}: {report.Summary}");
            }

            // Failover: the first instance stops (its daemon's leadership locks are released with its connections); the second
            // takes every database's async work over, and the projections catch up with what is appended after.
            var stopping = Stopwatch.StartNew();
            await instances[0].DisposeAsync();
            instances.RemoveAt(0);
            output.WriteLine($"first instance stopped in {stopping.ElapsedMilliseconds} ms");
            var takeover = Stopwatch.StartNew();
            await Acquire(instances, 4);
            foreach (var tenant in Tenants) (await Counted(instances[0], tenant, Notified(tenant) + 1 + 6 + 4)).ShouldBe(Notified(tenant) + 1 + 6 + 4, $"daily activity of {tenant} after the takeover");
            output.WriteLine($"after the first instance stopped, both servers' projections caught up in {takeover.ElapsedMilliseconds} ms");
            foreach (var tenant in Tenants) (await Verify(instances[0], tenant)).Ok.ShouldBeTrue(tenant);

            // Where the events are: each tenant's on its own server only.
            (await EventsOf(west, Tenants[0])).ShouldBeGreaterThanOrEqualTo(1 + 6 + 4);
            (await EventsOf(west, Tenants[1])).ShouldBe(0);
            (await EventsOf(east, Tenants[1])).ShouldBeGreaterThanOrEqualTo(1 + 6 + 4);
            (await EventsOf(east, Tenants[0])).ShouldBe(0);
        }
        finally
        {
            foreach (var instance in instances)
            {
                try
                {
                    await instance.DisposeAsync();
                }
                catch (Exception e)
                {
                    output.WriteLine($"stopping an instance: {e.Message}");
                }
            }
            if (west is not null) await west.DisposeAsync();
            if (east is not null) await east.DisposeAsync();
        }
    }

    private static LedgerTokens Tokens() =>
        new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(LedgerFixture.SigningKey)),
            new TestClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static HttpClient Client(WebApplicationFactory<Program> instance, string tenant, string user, string role)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens().Issue(user, [role], TimeSpan.FromDays(365 * 20), tenant: tenant));
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "automated test of two servers");
        return client;
    }

    /// <summary>Adds a user to a tenant's directory (the first administrator is added by itself, as the fixture does).</summary>
    private static async Task AddUser(WebApplicationFactory<Program> instance, string tenant, string id, string role, string title = "議会事務局 総務課長")
    {
        var administrator = new Actor(LedgerFixture.Administrator, LedgerRoles.Administrator) { Name = "試験 管理者", Title = "議会事務局 総務課長", Via = "test: first administrator" };
        using var _ = LedgerTenant.Enter(tenant);
        await instance.Services.GetRequiredService<IMessageBus>().InvokeForTenantAsync<AppendResult>(tenant, new AddUser
        {
            UserId = id, DisplayName = $"試験 {id}", Title = title, Role = role,
            Recording = new Recording(administrator) { CorrelationId = Guid.CreateVersion7() },
        });
    }

    private static async Task<Guid> Post(WebApplicationFactory<Program> instance, string tenant, string user, string path, object command)
    {
        using var client = Client(instance, tenant, user, LedgerRoles.Staff);
        var response = await client.PostAsync(path, JsonContent.Create(command, command.GetType(), options: LedgerJson.Options));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{tenant} {path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("streamId").GetGuid();
    }

    private static async Task<VerificationReport> Verify(WebApplicationFactory<Program> instance, string tenant)
    {
        using var client = Client(instance, tenant, "A-0001", LedgerRoles.Auditor);
        var response = await client.GetAsync("/api/verify");
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{tenant} /api/verify: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize<VerificationReport>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    /// <summary>The day's daily activity of a tenant once it reaches <paramref name="total"/> (or 60 s pass), read a little later again so that double counting shows.</summary>
    /// <summary>The 届出 event a Nagareyama body's file holds before its acquisitions (Urayasu's law has none).</summary>
    private static int Notified(string tenant) => tenant.StartsWith("nagareyama:", StringComparison.Ordinal) ? 1 : 0;

    private static async Task<int> Counted(WebApplicationFactory<Program> instance, string tenant, int total)
    {
        var store = instance.Services.GetRequiredService<IDocumentStore>();
        async Task<int> Load()
        {
            using var _ = LedgerTenant.Enter(tenant);
            await using var session = store.TenantQuerySession();
            return (await session.LoadAsync<DailyActivity>(DailyActivityProjection.BusinessDay(Day)))?.Total ?? 0;
        }
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && await Load() < total) await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await Load();
    }

    private static async Task<long> EventsOf(PrivateCluster cluster, string tenant)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select count(*) from {LedgerConfiguration.SchemaName}.mt_events where tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
