namespace AuditLedger.Host.Security;

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
}

/// <summary>Marks an endpoint the review board may call; the endpoint itself checks that the case was referred to the board.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReviewBoardMayReadAttribute : Attribute;

/// <summary>Marks an endpoint (read or write) for administrators alone: the user directory.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AdministratorsOnlyAttribute : Attribute;

/// <summary>
/// Marks a POST that reads and appends nothing (it posts a document to check, e.g. a checkpoint to verify against),
/// so that the roles that read (auditors above all) may call it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AppendsNothingAttribute : Attribute;
