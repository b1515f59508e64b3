namespace AuditLedger.Tests.Support;

using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Access;
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

    static LedgerFixture()
    {
        Environment.SetEnvironmentVariable("AuditLedger__MasterKey", MasterKey);
        // The tests act for Urayasu council unless a test enters another tenant (LedgerTenant.Enter) or signs in as a user of one.
        Host.Tenancy.LedgerTenant.ProcessFallback = Host.Tenancy.LedgerTenant.Default;
    }

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

    /// <summary>
    /// A client acting as the given user and roles (no roles: no token at all). The user is added to the user directory with
    /// that role first when missing (the service refuses a token of a user it does not know).
    /// </summary>
    public HttpClient ClientAs(string user, params string[] roles)
    {
        if (roles.Length == 1) Task.Run(() => User(user, roles[0])).GetAwaiter().GetResult();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = roles.Length == 0 ? null : new("Bearer", Token(user, roles));
        return client;
    }

    /// <summary>A client with the token of the staff member a command names (added to the directory when missing), else the default staff client.</summary>
    public HttpClient ClientFor(object body) =>
        body is LedgerCommand { StaffId: { Length: > 0 } staff } ? ClientAs(staff.Trim(), LedgerRoles.Staff) : CreateClient();

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>The tests' administrator of the user directory, who adds every other test user.</summary>
    public const string Administrator = "S-ADMIN";

    /// <summary>The title every test user gets unless the test names another.</summary>
    public const string StaffTitle = "議会事務局 総務課 主査";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Actor> _users = new();

    /// <summary>
    /// The user as the directory holds them, added first (by <see cref="Administrator"/>, through the directory's own
    /// command) when missing: "試験 ID" with <see cref="StaffTitle"/>. A user already there with another role is a test's mistake.
    /// </summary>
    public async Task<Actor> User(string id, string role = LedgerRoles.Staff, string? name = null, string title = StaffTitle)
    {
        // Each tenant (実施機関) has its own directory: a user added in one is not thereby in another.
        var key = $"{AuditLedger.Host.Tenancy.LedgerTenant.Require()} {id}";
        if (_users.TryGetValue(key, out var known) && known.Role == role) return known;
        var principals = Services.GetRequiredService<LedgerPrincipals>();
        if (await principals.Find(id, default) is not { } entry)
        {
            var administrator = await principals.Find(Administrator, default) is { } admin
                ? admin.AsActor()
                : new Actor(Administrator, LedgerRoles.Administrator) { Name = "試験 管理者", Title = "議会事務局 総務課長", Via = "test fixture: first administrator" };
            var add = new AddUser { UserId = id, DisplayName = name ?? $"試験 {id}", Title = title, Role = role, Recording = new Recording(administrator) { CorrelationId = Guid.CreateVersion7() } };
            if (id == Administrator) add = add with { DisplayName = "試験 管理者", Title = "議会事務局 総務課長", Role = LedgerRoles.Administrator };
            try
            {
                await Bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), add);
            }
            catch (Exception)
            {
                // Another test may have added the same user at the same moment; otherwise the failure stands.
                if (await principals.Find(id, default) is null) throw;
            }
            entry = (await principals.Find(id, default))!;
        }
        if (entry.Role != role) throw new InvalidOperationException($"Test user {id} is in the directory as {entry.Role}, not {role}: use another id.");
        return _users[key] = entry.AsActor();
    }

    /// <summary>The command recorded as the staff member it names (added to the directory as staff when missing), as the host would for that user's token.</summary>
    /// <remarks>A command that already carries its recording (a test of who may record what) is sent as it is.</remarks>
    public async Task<T> AsItsStaff<T>(T command) where T : LedgerCommand =>
        command.Recording is not null ? command
        : command with
        {
            // A user the tests have not used yet is added with the title the command states (the directory's from then on).
            Recording = new Recording(await User(string.IsNullOrWhiteSpace(command.StaffId) ? "S-TEST" : command.StaffId.Trim(),
                title: string.IsNullOrWhiteSpace(command.StaffRole) ? StaffTitle : command.StaffRole.Trim()))
            {
                // The correlation id the host's pipeline draws for a command sent without one.
                CorrelationId = command.CorrelationId ?? Guid.CreateVersion7(),
            },
        };

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
                // Writing the generated code anew (GeneratedCodeTests) starts every host, the migration's too, generating at run time.
                [LedgerConfiguration.CodeGenerationSetting] = Environment.GetEnvironmentVariable("AuditLedger__CodeGeneration"),
            })
            .Build());
        _ = Services;
        await User(Administrator, LedgerRoles.Administrator);
        await User("S-TEST");
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
