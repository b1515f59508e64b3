namespace AuditLedger.Tests.Nagareyama;

using System.Net.Http.Json;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// The real service with Nagareyama's law in force, on the tests' ledger (the same database and clock as <see cref="LedgerFixture"/>,
/// so it lives in the same collection and never empties the database). The one place that says "Nagareyama": when commands carry
/// their tenant, this becomes a client with a <c>nagareyama:mayor</c> token on the shared fixture.
/// </summary>
public sealed class NagareyamaLedger(LedgerFixture fixture) : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        LedgerFixture.UseTestLedger(b, fixture.Clock);
        b.UseSetting(LedgerJurisdictions.DefaultKey, "nagareyama-city");
    });

    /// <summary>A client of the Nagareyama host acting as the staff member <paramref name="user"/> (added to the directory when missing).</summary>
    public async Task<HttpClient> Client(string user = "S-TEST")
    {
        await fixture.User(user, LedgerRoles.Staff);
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token(user, LedgerRoles.Staff));
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "automated test of Nagareyama's rules");
        return client;
    }

    /// <summary>Posts a command to the Nagareyama host as the staff member it names (the actor is the signed-in user).</summary>
    public async Task<HttpResponseMessage> Post(string path, AuditLedger.Domain.Common.LedgerCommand command) =>
        await (await Client(string.IsNullOrWhiteSpace(command.StaffId) ? "S-TEST" : command.StaffId.Trim()))
            .PostAsJsonAsync<object>(path, command, AuditLedger.Host.Configuration.LedgerJson.Options);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
