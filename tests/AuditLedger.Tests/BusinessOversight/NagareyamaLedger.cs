namespace AuditLedger.Tests.BusinessOversight;

using AuditLedger.Host.Access;
using AuditLedger.Host.Tenancy;
using AuditLedger.Tests.Support;

/// <summary>
/// The ledger as Nagareyama's mayor (流山市長, tenant <c>nagareyama:mayor</c>) uses it: the fixture's service, entered as that
/// tenant, whose law (nagareyama-city) is then in force. Its users are that tenant's own directory's.
/// </summary>
public static class NagareyamaLedger
{
    public const string Tenant = "nagareyama:mayor";

    /// <summary>A client acting as staff member S-TEST of the mayor's office, stating a purpose, as the fixture's own clients do.</summary>
    public static HttpClient Staff(LedgerFixture fixture)
    {
        string token;
        using (LedgerTenant.Enter(Tenant))
        {
            Task.Run(async () =>
            {
                using var inTenant = LedgerTenant.Enter(Tenant);
                await fixture.User("S-TEST");
            }).GetAwaiter().GetResult();
            token = fixture.Token("S-TEST", LedgerRoles.Staff);
        }
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "automated test of the ledger");
        return client;
    }
}
