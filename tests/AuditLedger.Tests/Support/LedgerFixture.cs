namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Configuration;
using JasperFx.Events.Daemon;
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
        // The daemon starts with the host; paused while the store is emptied, it resumes from the emptied progress
        // rather than from where the previous run left it (which would skip this run's first events).
        var coordinator = Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        await Store.Advanced.Clean.DeleteAllEventDataAsync();
        await Store.Advanced.Clean.DeleteAllDocumentsAsync();
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await coordinator.ResumeAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerFixture>
{
    public const string Name = "ledger on PostgreSQL";
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
