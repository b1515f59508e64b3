namespace AuditLedger.Domain.Access;

using System.Security.Cryptography;
using System.Text;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>
/// The access roles of the ledger: staff (議会事務局職員) record and query; auditors read, replay and verify and write
/// nothing; the review board (審査会) reads the timelines of cases referred to it; administrators keep the user directory.
/// </summary>
public static class AccessRoles
{
    public const string Staff = "staff";
    public const string Auditor = "auditor";
    public const string ReviewBoard = "review-board";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All = [Staff, Auditor, ReviewBoard, Administrator];
}

// ---- events: the user directory is an audited stream per user (who added or disabled whom, when) ----

/// <summary>
/// A user was added to the directory by an administrator (Art. 9 安全管理措置: who may handle retained personal information).
/// The display name (氏名) and title (職名) are those of a public official acting in office, kept in plain text.
/// </summary>
public sealed record UserAdded(string UserId, string DisplayName, string Title, string Role, EventContext Context) : ILedgerEvent;

/// <summary>A user was disabled: from then on their tokens are refused (HTTP 403) and the command line will not act as them.</summary>
public sealed record UserDisabled(string UserId, string Reason, EventContext Context) : ILedgerEvent;

/// <summary>A user of the ledger as the directory holds them: the look-up document (one per user stream).</summary>
public sealed class DirectoryUser : IEvolvingState<DirectoryUser>
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    /// <summary>The staff id (職員番号), which tokens name in their subject.</summary>
    public string UserId { get; set; } = "";

    /// <summary>氏名.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>職名, e.g. 議会事務局 総務課 主査.</summary>
    public string Title { get; set; } = "";

    /// <summary>The access role (<see cref="AccessRoles"/>).</summary>
    public string Role { get; set; } = "";

    public bool Enabled { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public string AddedBy { get; set; } = "";
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledBy { get; set; }
    public string? DisabledReason { get; set; }

    /// <summary>The user as an event names them: id, access role, name and title.</summary>
    public Actor AsActor() => new(UserId, Role) { Name = DisplayName, Title = Title };

    public static DirectoryUser? Evolve(DirectoryUser? state, object @event)
    {
        switch (@event)
        {
            case UserAdded e:
                return new DirectoryUser
                {
                    Id = UserDirectory.StreamIdOf(e.UserId), UserId = e.UserId, DisplayName = e.DisplayName, Title = e.Title, Role = e.Role,
                    Enabled = true, AddedAt = e.Context.RecordedAt, AddedBy = e.Context.ShownRecorder.StaffId,
                };
            case UserDisabled e when state is not null:
                state.Enabled = false;
                state.DisabledAt = e.Context.RecordedAt;
                state.DisabledBy = e.Context.ShownRecorder.StaffId;
                state.DisabledReason = e.Reason;
                break;
        }
        return state;
    }
}

/// <summary>Where each user's stream is: a stream id derived from the staff id, so that a look-up needs no index.</summary>
public static class UserDirectory
{
    /// <summary>A name-based id (RFC 9562 §5.8 layout, version 8) from SHA-256 of "auditledger.user|" + the staff id.</summary>
    public static Guid StreamIdOf(string userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("auditledger.user|" + userId.Trim()));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public const int UserIdMaxLength = 64;

    public static readonly LedgerRule DirectoryUserUnknown = new(
        "directory.user-unknown", ArticleRef.Ordinance(9),
        "この職員番号は利用者台帳にありません。先に scripts/auditledger users add で登録してください（第9条）。",
        "This staff id is not in the user directory. Add the user first (scripts/auditledger users add, or POST /api/users) (Art. 9).");

    /// <summary>The user the directory holds under this id; refused when the id was never added (disabling a user, reading one).</summary>
    /// <param name="shownId">The id as the refusal names it.</param>
    public static DirectoryUser Known(DirectoryUser? user, string shownId) =>
        user ?? throw new LedgerRuleViolation(DirectoryUserUnknown, $"'{shownId}'.");
}

// ---- commands: kept by administrators, through `users add|disable` and /api/users, not the import (one file per use case:
// AddingAUser/AddUser.cs, DisablingAUser/DisableUser.cs) ----

/// <summary>A command on the user directory (administrators only).</summary>
public abstract record DirectoryCommand : LedgerCommand
{
    /// <summary>The staff id (職員番号) of the user the command is about.</summary>
    public string UserId { get; init; } = "";

    public override Guid StreamId => string.IsNullOrWhiteSpace(UserId) ? Guid.Empty : UserDirectory.StreamIdOf(UserId);

    public static readonly LedgerRule DirectoryAdministratorsOnly = new(
        "directory.administrators-only", ArticleRef.Ordinance(9),
        "利用者台帳の追加・停止は管理者（administrator）のみが行えます（第9条：安全管理措置）。記録は追加されていません。",
        "Only an administrator may add or disable users of the ledger (Art. 9: security control measures). Nothing was appended.");

    /// <summary>Refuses a directory command from anyone but an administrator (Art. 9 安全管理措置: who may handle personal information is decided by the administrators alone).</summary>
    protected void RequireAdministrator()
    {
        if (Recording?.RecordedBy.Role != AccessRoles.Administrator)
            throw new LedgerRuleViolation(DirectoryAdministratorsOnly, $"'{Recording?.RecordedBy.StaffId}' acts as {Recording?.RecordedBy.Role}.");
    }
}
