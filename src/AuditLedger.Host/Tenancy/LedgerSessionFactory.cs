namespace AuditLedger.Host.Tenancy;

using Marten;

/// <summary>
/// Marten's sessions as the services ask for them (<c>IQuerySession</c>, <c>IDocumentSession</c> injected into pages, endpoints
/// and services): opened for the current tenant (<see cref="LedgerTenant.Current"/>), lightweight (no identity map: the ledger
/// reads each stream once per request). Wolverine's handlers get theirs from Wolverine, for the envelope's tenant.
/// </summary>
/// <exception cref="TenantRequired">When a session is asked for outside any tenant.</exception>
public sealed class LedgerSessionFactory(IDocumentStore store) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(LedgerTenant.Require());

    public IDocumentSession OpenSession() => store.LightweightSession(LedgerTenant.Require());
}

/// <summary>Sessions of the current tenant, for the code that opens its own.</summary>
public static class TenantSessions
{
    /// <summary>A read-only session of the current tenant.</summary>
    /// <exception cref="TenantRequired">No tenant is set.</exception>
    public static IQuerySession TenantQuerySession(this IDocumentStore store) => store.QuerySession(LedgerTenant.Require());

    /// <summary>A lightweight writing session of the current tenant.</summary>
    /// <exception cref="TenantRequired">No tenant is set.</exception>
    public static IDocumentSession TenantLightweightSession(this IDocumentStore store) => store.LightweightSession(LedgerTenant.Require());
}
