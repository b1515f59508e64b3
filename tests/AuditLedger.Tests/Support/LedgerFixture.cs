namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Configuration;
using AuditLedger.Host.Trust;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine;

/// <summary>
/// The real service (Marten on the real PostgreSQL, Wolverine, the HTTP pipeline, the HotCold daemon),
/// started once for all tests on the test database, which is emptied at start. Tests use fresh ids, so they
/// do not see each other's streams.
/// </summary>
public sealed class LedgerFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The test database: AUDITLEDGER_TEST_CONNECTION, else the project's own local cluster (scripts/db start).</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AUDITLEDGER_TEST_CONNECTION")
        ?? "Host=127.0.0.1;Port=54329;Database=auditledger_test;Username=postgres";

    /// <summary>Where the clock starts: Tuesday 24 November 2026, 10:00 JST.</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9));

    public TestClock Clock { get; } = new(Today);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => UseTestLedger(builder, Clock);

    /// <summary>The test database and the tests' clock, for this fixture and for any other host the tests start on the same ledger.</summary>
    public static void UseTestLedger(IWebHostBuilder builder, TimeProvider clock)
    {
        builder.UseSetting($"ConnectionStrings:{LedgerDatabase.ConnectionName}", ConnectionString);
        builder.UseSetting(TrustSettings.SigningKeyFile, TestSigningKey.File);
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
        });
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public IMessageBus Bus => Services.GetRequiredService<IMessageBus>();

    public async Task InitializeAsync()
    {
        // Under the sealer's lock, so that no sealing round straddles the reset.
        await Services.GetRequiredService<LedgerSealer>().ExclusivelyAsync(async () =>
        {
            await Store.Advanced.Clean.DeleteAllEventDataAsync();
            await TrustSchema.ResetAsync(Services.GetRequiredService<TrustDatabase>().DataSource);
        });
        await Store.Advanced.Clean.DeleteAllDocumentsAsync();
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public LedgerSealer Sealer => Services.GetRequiredService<LedgerSealer>();

    public LedgerVerifier Verifier => Services.GetRequiredService<LedgerVerifier>();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerFixture>
{
    public const string Name = "ledger on PostgreSQL";
}

/// <summary>
/// The tests' own checkpoint signing key, created once per test run in a temporary folder; also given to the command
/// line run in-process (through its environment variable).
/// </summary>
public static class TestSigningKey
{
    private static readonly Lazy<string> Path = new(() =>
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"auditledger-tests-{Guid.NewGuid():N}", "checkpoint-key.pem");
        AuditLedger.Trust.CheckpointKey.CreateFiles(file);
        Environment.SetEnvironmentVariable("AuditLedger__Trust__SigningKeyFile", file);
        return file;
    });

    public static string File => Path.Value;

    public static string PublicFile => AuditLedger.Trust.CheckpointKey.PublicPathFor(File);
}

/// <summary>A clock the tests move by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>Puts the clock at a given instant, for tests whose expectations are worked out for a fixed "today".</summary>
    public void Set(DateTimeOffset instant) => Interlocked.Exchange(ref _ticks, instant.UtcTicks);
}
