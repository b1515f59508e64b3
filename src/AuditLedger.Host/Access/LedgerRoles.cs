namespace AuditLedger.Host.Access;

/// <summary>
/// Who may do what. Staff (議会事務局職員) record and query; auditors read everything, replay and verify, and write
/// nothing; the review board (審査会) reads the timelines of cases referred to it; administrators manage profiles and
/// users (tokens are issued on the command line, which runs on the server).
/// </summary>
public static class LedgerRoles
{
    public const string Staff = Domain.Access.AccessRoles.Staff;
    public const string Auditor = Domain.Access.AccessRoles.Auditor;
    public const string ReviewBoard = Domain.Access.AccessRoles.ReviewBoard;
    public const string Administrator = Domain.Access.AccessRoles.Administrator;

    public static readonly IReadOnlyList<string> All = Domain.Access.AccessRoles.All;

    /// <summary>The roles that may read the ledger's data in general (the board only what is referred to it).</summary>
    public static readonly IReadOnlyList<string> Readers = [Staff, Auditor, Administrator];

    /// <summary>The roles that may append (every ledger command, an import, dispose-file-records).</summary>
    public static readonly IReadOnlyList<string> Writers = [Staff];

    /// <summary>The roles that keep the user directory (<c>/api/users</c>, <c>users add|list|disable</c>).</summary>
    public static readonly IReadOnlyList<string> DirectoryKeepers = [Administrator];

    /// <summary>
    /// The roles an access needs: the one policy that HTTP (<see cref="LedgerSecurity"/>) and the command line
    /// (<see cref="UserAdministration.Principal"/>) both apply.
    /// </summary>
    public static IReadOnlyList<string> Needed(LedgerAccess access) => access switch
    {
        LedgerAccess.Write => Writers,
        LedgerAccess.Read => Readers,
        LedgerAccess.ReviewBoardRead => [.. Readers, ReviewBoard],
        LedgerAccess.Directory => DirectoryKeepers,
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    /// <summary>Whether any of the caller's roles is one the access needs.</summary>
    public static bool Allows(LedgerAccess access, IEnumerable<string> roles) => roles.Any(Needed(access).Contains);

    /// <summary>The refusal of a caller whose roles the access does not allow (HTTP 403 access.role; command line exit 2).</summary>
    public static PrincipalRefused Refusal(LedgerAccess access, IEnumerable<string> roles)
    {
        var needed = string.Join(", ", Needed(access));
        var has = string.Join(", ", roles);
        var reads = access is LedgerAccess.Read or LedgerAccess.ReviewBoardRead;
        return access == LedgerAccess.Directory
            ? new PrincipalRefused("access.role",
                $"利用者台帳は管理者（{needed}）のみが扱えます（第9条）。記録は追加されていません。",
                $"The user directory is for administrators ({needed}) alone (Art. 9); you act as {has}. Nothing was appended.")
            : new PrincipalRefused("access.role",
                $"この操作は権限（{needed}）のある利用者のみが行えます（現在の権限：{has}）。{(reads ? "個人情報は表示されていません。" : "")}記録は追加されていません。",
                $"This needs the role {needed}; you act as {has}. {(reads ? "Nothing was read or shown, and nothing was appended." : "Nothing was appended.")}");
    }
}

/// <summary>What a caller asks to do, for <see cref="LedgerRoles.Needed"/>.</summary>
public enum LedgerAccess
{
    /// <summary>Append to the ledger (HTTP POST; every ledger command, import and dispose-file-records on the command line).</summary>
    Write,

    /// <summary>Read the ledger's data (HTTP GET; history and replay with personal data on the command line).</summary>
    Read,

    /// <summary>Read what the review board may also read (a referred case's timeline; the endpoint checks the referral).</summary>
    ReviewBoardRead,

    /// <summary>Read or keep the user directory.</summary>
    Directory,
}

/// <summary>
/// Marks an endpoint the review board may call; the endpoint itself checks that the case was referred to the board. On a
/// page model (a class) it marks the page's GETs.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReviewBoardMayReadAttribute : Attribute;

/// <summary>Marks an endpoint (read or write) for administrators alone: the user directory.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AdministratorsOnlyAttribute : Attribute;

/// <summary>
/// Marks a POST that reads and appends nothing (it posts a document to check, e.g. a checkpoint to verify against),
/// so that the roles that read (auditors above all) may call it. On a page model (a class) it marks every POST of the page.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AppendsNothingAttribute : Attribute;

/// <summary>Marks the endpoint a calendar-feed token (<see cref="LedgerTokens.CalendarScope"/>) may call; every other refuses it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CalendarFeedAttribute : Attribute;
