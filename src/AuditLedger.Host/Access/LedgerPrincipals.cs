namespace AuditLedger.Host.Access;

using AuditLedger.Host.Tenancy;
using System.Security.Claims;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using Marten;

/// <summary>
/// An authenticated caller who may not act: not in the user directory, disabled, or holding a token for a role the
/// directory does not give them (HTTP 403; on the command line exit 2). Nothing is appended.
/// </summary>
public sealed class PrincipalRefused(string code, string japanese, string english) : Exception(english)
{
    public string Code { get; } = code;
    public string Japanese { get; } = japanese;
}

/// <summary>
/// Who is acting, from the user directory (Art. 9 安全管理措置, Art. 10 従事者の義務): the authenticated principal's id and
/// role come from the token's (or a signed-in session's) claims on <see cref="ClaimsPrincipal"/>, their name and title
/// from the directory as it stands now. The host sets the result on every command (<see cref="LedgerCommand.Recording"/>)
/// before its handler runs, on every path: HTTP, the command line, the import and the demo.
/// </summary>
public sealed class LedgerPrincipals(IDocumentStore store, TimeProvider time)
{
    /// <summary>The key under which the HTTP pipeline keeps the caller's resolved actor for the request.</summary>
    public const string HttpItem = "auditledger.principal";

    /// <summary>The user's directory entry, or null when the id was never added.</summary>
    public async Task<DirectoryUser?> Find(string userId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > UserDirectory.UserIdMaxLength) return null;
        await using var session = store.TenantQuerySession();
        return await session.LoadAsync<DirectoryUser>(UserDirectory.StreamIdOf(userId), ct);
    }

    /// <summary>Whether anyone was ever added (the first administrator is added by the operator without one).</summary>
    public async Task<bool> DirectoryIsEmpty(CancellationToken ct)
    {
        await using var session = store.TenantQuerySession();
        return !await session.Query<DirectoryUser>().AnyAsync(ct);
    }

    /// <summary>
    /// The claims' user as an actor: the subject (<c>sub</c>) must be an enabled user of the directory, and every role the
    /// token carries must be the one the directory gives them (a token issued before a user's role changed stops working).
    /// </summary>
    /// <exception cref="PrincipalRefused">Not in the directory, disabled, or a role the directory does not give.</exception>
    public async Task<Actor> Resolve(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.Identity?.Name ?? "";
        var roles = user.FindAll("role").Select(c => c.Value).ToList();
        var entry = await Enabled(id, ct);
        if (roles.Count == 0 || roles.Any(r => r != entry.Role))
            throw new PrincipalRefused("access.role-not-in-directory",
                $"トークンの権限（{string.Join(", ", roles)}）が利用者台帳の権限（{entry.Role}）と一致しません。現在の権限でトークンを発行し直してください。記録は追加されていません。",
                $"The token's roles ({string.Join(", ", roles)}) are not the role the user directory gives '{id}' ({entry.Role}). Issue a new token for the current role. Nothing was appended.");
        return entry.AsActor();
    }

    /// <summary>
    /// A user named on the command line with <c>--as</c>: the operator's statement on the server (where the database is),
    /// recorded as such in the actor's <see cref="Actor.Via"/>.
    /// </summary>
    public async Task<Actor> ResolveStated(string userId, string via, CancellationToken ct) =>
        (await Enabled(userId, ct)).AsActor() with { Via = via };

    private async Task<DirectoryUser> Enabled(string userId, CancellationToken ct)
    {
        var entry = await Find(userId, ct);
        if (entry is null)
            throw new PrincipalRefused("access.user-not-in-directory",
                $"利用者「{Shown(userId)}」は利用者台帳に登録されていません。管理者に登録を依頼してください（第9条：安全管理措置）。記録は追加されていません。",
                $"The user '{Shown(userId)}' is not in the user directory; ask an administrator to add them (scripts/auditledger users add) (Art. 9). Nothing was appended.");
        if (!entry.Enabled)
            throw new PrincipalRefused("access.user-disabled",
                $"利用者「{entry.UserId}」は利用停止されています（{entry.DisabledAt:yyyy-MM-dd}）。有効なトークンでも操作できません（第9条）。記録は追加されていません。",
                $"The user '{entry.UserId}' was disabled on {entry.DisabledAt:yyyy-MM-dd}; even a valid token is refused (Art. 9). Nothing was appended.");
        return entry;
    }

    private static string Shown(string id) => id.Length > UserDirectory.UserIdMaxLength ? id[..UserDirectory.UserIdMaxLength] + "…" : id;

    /// <summary>
    /// The command with its <see cref="Recording"/> and correlation id: the principal, and, when the command names another colleague (a late
    /// entry or an import line), that colleague as the directory knows them (name and title), else as stated.
    /// </summary>
    /// <param name="importedFrom">The import line ("import-SHA256(file):LINE"), when the command came from one.</param>
    public async Task<LedgerCommand> Prepare(LedgerCommand command, Actor principal, string? importedFrom, CancellationToken ct)
    {
        var stated = command.StaffId?.Trim() ?? "";
        Actor? statedActor = null;
        if (stated.Length > 0 && stated != principal.StaffId && (command.LateEntry is not null || importedFrom is not null)
            && await Find(stated, ct) is { } colleague)
            statedActor = colleague.AsActor();
        // The correlation id of the events: the caller's when given, else drawn here (time-ordered), so that the domain's decision
        // draws nothing of its own and decides the same events from the same command, state and time.
        return command with
        {
            Recording = new Recording(principal, statedActor, importedFrom) { CorrelationId = command.CorrelationId ?? Guid.CreateVersion7(time.GetUtcNow()) },
        };
    }
}
