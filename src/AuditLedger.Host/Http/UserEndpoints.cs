namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Access;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

/// <summary>
/// The user directory over HTTP, for administrators alone (Art. 9 安全管理措置): who may act on the ledger, with their name
/// and title. Each change is an event on the user's stream (who added or disabled whom, when), recorded as the administrator.
/// </summary>
public static class UserEndpoints
{
    [WolverineGet("/api/users"), Tags("Users"), AdministratorsOnly]
    public static async Task<IReadOnlyList<DirectoryUser>> List(IQuerySession session, CancellationToken ct) =>
        await session.Query<DirectoryUser>().OrderBy(u => u.UserId).ToListAsync(ct);

    [WolverineGet("/api/users/{userId}"), Tags("Users"), AdministratorsOnly]
    public static async Task<DirectoryUser> Get(string userId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<DirectoryUser>(UserDirectory.StreamIdOf(userId), ct)
        ?? throw new Domain.Law.LedgerRuleViolation(Domain.Law.Rules.DirectoryUserUnknown, $"'{(userId.Length > 64 ? userId[..64] + "…" : userId)}'.");

    [WolverinePost("/api/users"), Tags("Users"), AdministratorsOnly]
    public static async Task<Created<AppendResult>> Add(AddUser command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(command.UserId.Trim())}", result);
    }

    [WolverinePost("/api/users/{userId}/disable"), Tags("Users"), AdministratorsOnly]
    public static Task<AppendResult> Disable(string userId, DisableUser command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { UserId = userId });
}
