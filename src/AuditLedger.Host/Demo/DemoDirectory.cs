namespace AuditLedger.Host.Demo;

using AuditLedger.Host.Tenancy;
using Marten;

using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Access;
using Wolverine;

/// <summary>
/// The demo's user directory (invented names): an administrator, the two members of staff whose actions the demo year records
/// (S-1024, S-1031), the staff id scripts/run's hint issues a token for (S-0001), an auditor and a member of the review board.
/// Added through the directory's own commands, so the directory's streams say who added whom, and when.
/// </summary>
public static class DemoDirectory
{
    public static readonly IReadOnlyList<AddUser> Users =
    [
        new() { UserId = "S-9001", DisplayName = "浦安 総一", Title = "議会事務局 総務課長", Role = AccessRoles.Administrator },
        new() { UserId = "S-0001", DisplayName = "猫実 一郎", Title = "議会事務局 総務課 主査", Role = AccessRoles.Staff },
        new() { UserId = "S-1024", DisplayName = "堀江 千尋", Title = "議会事務局 総務課 主査", Role = AccessRoles.Staff },
        new() { UserId = "S-1031", DisplayName = "舞浜 悠斗", Title = "議会事務局 総務課 主事", Role = AccessRoles.Staff },
        new() { UserId = "A-0001", DisplayName = "入船 恵", Title = "監査委員事務局 主査", Role = AccessRoles.Auditor },
        new() { UserId = "B-0001", DisplayName = "富士見 和子", Title = "浦安市情報公開・個人情報保護審査会 委員", Role = AccessRoles.ReviewBoard },
    ];

    /// <summary>Adds the users not yet in the directory; the first administrator is recorded as adding themselves (the directory was empty).</summary>
    public static async Task Seed(IMessageBus bus, LedgerPrincipals principals, CancellationToken ct = default)
    {
        var administrator = Users[0];
        foreach (var user in Users)
        {
            if (await principals.Find(user.UserId, ct) is not null) continue;
            var recorder = await principals.Find(administrator.UserId, ct) is { } admin
                ? admin.AsActor()
                : UserAdministration.FirstAdministrator(administrator, "demo directory (scripts/run)");
            await bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await principals.Prepare(user, recorder, null, ct), ct);
        }
    }

    /// <summary>The password of every demo user for the web sign-in: demo data only, set only by scripts/run's demo.</summary>
    public const string DemoPassword = "urayasu-demo-2026";

    /// <summary>
    /// Gives each demo user who has no password yet <see cref="DemoPassword"/>, so that a newcomer can sign in to the demo
    /// (scripts/run only, with the demo loaded). A password already set is kept.
    /// </summary>
    public static async Task SetDemoPasswords(IDocumentStore store, PasswordSignIn passwords, CancellationToken ct = default)
    {
        await using var session = store.TenantQuerySession();
        foreach (var user in Users)
        {
            if (await session.LoadAsync<UserCredential>(user.UserId, ct) is not null) continue;
            await passwords.Set(user.UserId, DemoPassword, ct);
        }
    }

    /// <summary>The command recorded as the demo user it names (the demo acts as its staff, each as themselves).</summary>
    public static async Task<LedgerCommand> AsItsStaff(LedgerCommand command, LedgerPrincipals principals, CancellationToken ct = default)
    {
        var user = await principals.Find(command.StaffId, ct)
            ?? throw new InvalidOperationException($"The demo's staff member {command.StaffId} is not in the directory; seed it first.");
        return await principals.Prepare(command, user.AsActor(), null, ct);
    }
}
