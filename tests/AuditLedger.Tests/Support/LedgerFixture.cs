namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Configuration;
using AuditLedger.Host.Security;
using AuditLedger.Host.Trust;
using Marten;
using Microsoft.Extensions.Configuration;
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
    /// <summary>
    /// The test database as its owner (schema changes, and emptying it at start; a superuser, as the local cluster's
    /// postgres): AUDITLEDGER_TEST_CONNECTION, else the project's own local cluster (scripts/db start).
    /// </summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AUDITLEDGER_TEST_CONNECTION")
        ?? "Host=127.0.0.1;Port=54329;Database=auditledger_test;Username=postgres";

    public const string AppRole = "auditledger_app";

    /// <summary>
    /// The same database as the application role the service runs as (AUDITLEDGER_TEST_APP_CONNECTION, else the owner's
    /// connection with the user <see cref="AppRole"/>): the tests exercise exactly the grants production has.
    /// </summary>
    public static string AppConnectionString =>
        Environment.GetEnvironmentVariable("AUDITLEDGER_TEST_APP_CONNECTION")
        ?? new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Username = AppRole, Password = null }.ConnectionString;

    /// <summary>Where the clock starts: Tuesday 24 November 2026, 10:00 JST.</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9));

    public TestClock Clock { get; } = new(Today);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => UseTestLedger(builder, Clock);

    /// <summary>The test database and the tests' clock, for this fixture and for any other host the tests start on the same ledger.</summary>
    public static void UseTestLedger(IWebHostBuilder builder, TimeProvider clock)
    {
        builder.UseSetting($"ConnectionStrings:{LedgerDatabase.ConnectionName}", AppConnectionString);
        builder.UseSetting($"ConnectionStrings:{LedgerDatabase.OwnerConnectionName}", ConnectionString);
        builder.UseSetting(LedgerTokens.KeySetting, SigningKey);
        builder.UseSetting(Host.Erasure.MasterKey.KeySetting, MasterKey);
        builder.UseSetting(LedgerSecurity.RateLimitSetting, "1000000");
        builder.UseSetting(TrustSettings.SigningKeyFile, TestSigningKey.File);
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
        });
    }

    /// <summary>The tests' token signing key (32 bytes, base64).</summary>
    public const string SigningKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>
    /// The tests' own personal-data master key (32 bytes, base64), also put in the environment so that the command line
    /// run in-process by tests can open what the service sealed.
    /// </summary>
    public const string MasterKey = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    static LedgerFixture() => Environment.SetEnvironmentVariable("AuditLedger__MasterKey", MasterKey);

    /// <summary>Every client the tests create acts as a member of staff stating a purpose, unless a test asks for someone else.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token("S-TEST", LedgerRoles.Staff));
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "automated test of the ledger");
    }

    /// <summary>
    /// A token for a user in the given roles, valid from 2020 to 2040 whatever the tests do with their clock
    /// (the service checks it against the tests' clock, which they move back and forth).
    /// </summary>
    public string Token(string user, params string[] roles) =>
        new LedgerTokens(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(SigningKey)),
                new TestClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .Issue(user, roles, TimeSpan.FromDays(365 * 20));

    /// <summary>A client acting as the given user and roles (no roles: no token at all).</summary>
    public HttpClient ClientAs(string user, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = roles.Length == 0 ? null : new("Bearer", Token(user, roles));
        return client;
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public IMessageBus Bus => Services.GetRequiredService<IMessageBus>();

    /// <summary>Empties the ledger, migrates the schema as its owner (the app role is created if missing), then starts the service.</summary>
    public async Task InitializeAsync()
    {
        await TestDatabase.Empty(ConnectionString, AppRole);
        await SchemaMigration.Apply(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{LedgerDatabase.ConnectionName}"] = AppConnectionString,
                [$"ConnectionStrings:{LedgerDatabase.OwnerConnectionName}"] = ConnectionString,
            })
            .Build());
        _ = Services;
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
