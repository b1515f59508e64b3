namespace AuditLedger.Tests.BusinessOversight;

using System.Runtime.CompilerServices;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// A second instance of the service on the tests' database and clock with Nagareyama's law in force
/// (<c>AuditLedger:Jurisdiction = nagareyama-city</c>), beside <see cref="LedgerFixture"/> (Urayasu's). The one place to change when
/// commands carry their tenant: then a client with a Nagareyama tenant's token replaces this host. The users are the fixture's
/// (same directory, same signing key).
/// </summary>
public sealed class NagareyamaLedger : WebApplicationFactory<Program>
{
    private static readonly ConditionalWeakTable<LedgerFixture, NagareyamaLedger> Hosts = [];

    private readonly LedgerFixture _fixture;

    private NagareyamaLedger(LedgerFixture fixture) => _fixture = fixture;

    /// <summary>The Nagareyama host on the fixture's ledger (one per fixture, started on first use).</summary>
    public static NagareyamaLedger On(LedgerFixture fixture) => Hosts.GetValue(fixture, f => new NagareyamaLedger(f));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        LedgerFixture.UseTestLedger(builder, _fixture.Clock);
        builder.UseSetting(LedgerJurisdictions.DefaultKey, "nagareyama-city");
    }

    /// <summary>A client acting as staff member S-TEST, stating a purpose, as the fixture's own clients do.</summary>
    public HttpClient Staff()
    {
        Task.Run(() => _fixture.User("S-TEST")).GetAwaiter().GetResult();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _fixture.Token("S-TEST", LedgerRoles.Staff));
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "automated test of the ledger");
        return client;
    }
}
