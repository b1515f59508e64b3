namespace AuditLedger.Host.Tenancy;

using System.Security.Claims;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Host.Configuration;

/// <summary>
/// The tenant (実施機関, one body of one municipality: <c>nagareyama:mayor</c>, <c>urayasu:council</c>) an operation acts for.
/// Every command, query, projection, replay, export and page is scoped to one: Marten's sessions are opened for it
/// (<see cref="LedgerSessionFactory"/>), Wolverine's handlers run under it (<see cref="Ledger.LedgerCommands"/> sends every
/// command with it), raw SQL filters by it.
///
/// Where it comes from, and nowhere else:
/// <list type="bullet">
/// <item>HTTP: the authenticated principal's <see cref="Claim"/> (a token or a signed-in session, both issued by this service
/// for a user of that tenant's directory); an anonymous request to a public page names the body in its route or query
/// (<c>?tenant=</c>), and is given only what the law publishes (<see cref="TenantMiddleware"/>).</item>
/// <item>Command line: <c>--tenant</c> (or <c>AUDITLEDGER_TENANT</c>), default <see cref="Default"/>.</item>
/// <item>Background work: the daemon runs every tenant's projections itself; the sealer and the refreshers loop over
/// the tenants and enter each with <see cref="Enter"/>.</item>
/// </list>
/// It is ambient (an <see cref="AsyncLocal{T}"/> that flows with the operation's awaits, as <c>IHttpContextAccessor</c> does)
/// so that the singletons that open sessions need no parameter threaded through every call.
/// </summary>
public static class LedgerTenant
{
    /// <summary>The claim that carries the tenant in a token or a session cookie.</summary>
    public const string Claim = "tenant";

    /// <summary>
    /// The tenant of a store from before tenancy, and of the demo: Urayasu's council (浦安市議会), whose ordinance the ledger
    /// was first written for. An existing single-jurisdiction store migrates into it (<see cref="TenantMigration"/>).
    /// </summary>
    public const string Default = "urayasu:council";

    /// <summary>The environment variable the command line reads when <c>--tenant</c> is not given.</summary>
    public const string EnvironmentVariable = "AUDITLEDGER_TENANT";

    private static readonly AsyncLocal<string?> CurrentTenant = new();

    /// <summary>The tenant the current operation acts for, or null outside any (start-up, the daemon's own work).</summary>
    public static string? Current => CurrentTenant.Value ?? ProcessFallback;

    /// <summary>The current tenant.</summary>
    /// <exception cref="TenantRequired">No tenant is set: a path that reads or writes tenant data without one (a fault of that path).</exception>
    public static string Require() => Current ?? throw new TenantRequired();

    /// <summary>
    /// A tenant for code that runs outside any operation's flow, for a process that serves one body only (the tests' own
    /// calls into the store, which act for <see cref="Default"/> unless a test enters another). Null in the service and the
    /// command line: there a path without a tenant is a fault (<see cref="TenantRequired"/>), never silently the default.
    /// </summary>
    public static string? ProcessFallback { get; set; }

    /// <summary>Acts for <paramref name="tenantId"/> until the returned scope is disposed (the previous tenant is restored).</summary>
    public static IDisposable Enter(string tenantId)
    {
        var previous = CurrentTenant.Value;
        CurrentTenant.Value = tenantId;
        return new Scope(previous);
    }

    /// <summary>The tenant a principal acts for: its <see cref="Claim"/> claim, or null.</summary>
    public static string? Of(ClaimsPrincipal? user) => user?.FindFirst(Claim)?.Value;

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentTenant.Value = previous;
    }
}

/// <summary>An operation on tenant data without a tenant: a fault of the path that started it.</summary>
public sealed class TenantRequired() : InvalidOperationException(
    "No tenant (実施機関) is set for this operation: enter one with LedgerTenant.Enter, sign in as a user of one, or pass --tenant.");

/// <summary>
/// Where each tenant's data lives. By default every tenant of every profile in the one configured database (Marten's
/// conjoined tenancy: a <c>tenant_id</c> column on every table, the events partitioned by it). A deployment that grows past one
/// server lists further databases in <c>AuditLedger:Tenancy:Databases</c>: each an entry <c>{ "Name": "east",
/// "ConnectionString": "...", "Tenants": ["nagareyama:mayor", ...] }</c>; the tenants it names live there (conjoined
/// within it), the rest in the main database. Marten's static multi-tenancy with multi-tenant databases
/// (<c>MultiTenantedDatabases</c>, <c>AddMultipleTenantDatabase(...).ForTenants(...)</c>) is the mechanism.
/// </summary>
public sealed record TenantPlacement(IReadOnlyList<TenantDatabase> Databases)
{
    public const string Section = "AuditLedger:Tenancy:Databases";

    /// <summary>The name of the configured (main) database among the tenant databases.</summary>
    public const string MainDatabase = "main";

    /// <summary>The database a tenant lives in.</summary>
    /// <exception cref="UnknownTenant">No database holds it.</exception>
    public TenantDatabase DatabaseOf(string tenantId) =>
        Databases.FirstOrDefault(d => d.TenantIds.Contains(tenantId, StringComparer.Ordinal)) ?? throw new UnknownTenant(tenantId);

    /// <summary>Every tenant, in the order of the databases.</summary>
    public IEnumerable<string> TenantIds => Databases.SelectMany(d => d.TenantIds);

    /// <summary>Reads the placement from configuration; every tenant of the catalog is placed exactly once.</summary>
    /// <exception cref="ServiceRefusedToStart">A listed tenant no profile defines, or a tenant listed twice.</exception>
    public static TenantPlacement From(IConfiguration configuration, string mainConnectionString, ProfileCatalog catalog)
    {
        var extra = new List<TenantDatabase>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var name = section["Name"] ?? section.Key;
            var connection = section["ConnectionString"] ?? throw new ServiceRefusedToStart($"{Section}:{section.Key}:ConnectionString is missing.");
            var tenants = section.GetSection("Tenants").GetChildren().Select(c => c.Value!).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            foreach (var t in tenants)
            {
                if (catalog.FindTenant(t) is null) throw new ServiceRefusedToStart($"{Section}:{section.Key} lists '{t}', which no jurisdiction profile defines as a tenant.");
                if (!placed.Add(t)) throw new ServiceRefusedToStart($"{Section}: the tenant '{t}' is listed twice.");
            }
            if (name == MainDatabase) throw new ServiceRefusedToStart($"{Section}:{section.Key}: the name '{MainDatabase}' is the configured database's.");
            extra.Add(new TenantDatabase(name, connection, tenants));
        }
        var main = new TenantDatabase(MainDatabase, mainConnectionString, catalog.Tenants.Select(t => t.Id).Where(t => !placed.Contains(t)).ToList());
        return new TenantPlacement([main, .. extra]);
    }
}

/// <summary>One PostgreSQL database holding some tenants (conjoined within it).</summary>
public sealed record TenantDatabase(string Name, string ConnectionString, IReadOnlyList<string> TenantIds);

/// <summary>A tenant no profile defines (HTTP 404: the caller named a body this deployment does not serve).</summary>
public sealed class UnknownTenant(string tenantId) : Exception($"No body (実施機関) '{tenantId}' is served here.")
{
    public string TenantId { get; } = tenantId;
}
