namespace AuditLedger.Tests.Nagareyama;

using System.Net.Http.Json;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;

/// <summary>
/// The ledger as Nagareyama's mayor (流山市長, tenant <c>nagareyama:mayor</c>) uses it: the fixture's own service, with a token of
/// that tenant, whose law (nagareyama-city) is then in force. The users are that tenant's own directory's.
/// </summary>
public sealed class NagareyamaLedger(LedgerFixture fixture) : IAsyncDisposable
{
    public const string Tenant = "nagareyama:mayor";

    /// <summary>A client acting as the staff member <paramref name="user"/> of the mayor's office (added to its directory when missing).</summary>
    public async Task<HttpClient> Client(string user = "S-TEST")
    {
        string token;
        using (Host.Tenancy.LedgerTenant.Enter(Tenant))
        {
            await fixture.User(user, LedgerRoles.Staff);
            token = fixture.Token(user, LedgerRoles.Staff);
        }
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "automated test of Nagareyama's rules");
        return client;
    }

    /// <summary>Posts a command as the staff member it names (the actor is the signed-in user).</summary>
    public async Task<HttpResponseMessage> Post(string path, AuditLedger.Domain.Common.LedgerCommand command) =>
        await (await Client(string.IsNullOrWhiteSpace(command.StaffId) ? "S-TEST" : command.StaffId.Trim()))
            .PostAsJsonAsync<object>(path, command, AuditLedger.Host.Configuration.LedgerJson.Options);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
