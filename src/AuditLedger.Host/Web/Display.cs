namespace AuditLedger.Host.Web;

using System.Globalization;
using AuditLedger.Deadlines;
using AuditLedger.Host.Access;

/// <summary>
/// Dates, times, amounts and roles as the pages show them: 和暦 beside the ISO date (令和8年11月30日(月) 2026-11-30), times in
/// Japan, yen with separators (1,200円).
/// </summary>
public static class Display
{
    private static readonly TimeSpan Japan = JapaneseDateInput.JapanOffset;

    /// <summary>令和8年11月30日(月) 2026-11-30.</summary>
    public static string Date(DateOnly date) => $"{JapaneseDateInput.Wareki(date)} {date:yyyy-MM-dd}";

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    /// <summary>An instant as the Japan date and time: 令和8年11月30日(月) 2026-11-30 14:05.</summary>
    public static string Instant(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Japan);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    public static string Instant(DateTimeOffset? instant) => instant is { } i ? Instant(i) : "—";

    /// <summary>1,200円.</summary>
    public static string Yen(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + "円";

    /// <summary>The role's name as users read it.</summary>
    public static string Role(string role) => role switch
    {
        LedgerRoles.Staff => "職員",
        LedgerRoles.Auditor => "監査",
        LedgerRoles.ReviewBoard => "審査会委員",
        LedgerRoles.Administrator => "管理者",
        _ => role,
    };
}
