namespace AuditLedger.Host.Web;

using AuditLedger.Domain.Common;
using AuditLedger.Host.Access;

/// <summary>One entry of the main menu: where it goes, what it says, and which roles see it.</summary>
public sealed record NavigationItem(string Href, string Label, params string[] Roles);

/// <summary>
/// The main menu, by role: each role sees only its own pages (a page also refuses other roles itself, with a 403 page).
/// A module adds its pages' entries here, in the order clerks use them.
/// </summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavigationItem> Items =
    [
        new("/", "ホーム", LedgerRoles.Staff),
        new("/requests", "請求", LedgerRoles.Staff),
        new("/records", "保有個人情報", LedgerRoles.Staff),
        new("/files", "個人情報ファイル簿", LedgerRoles.Staff),
        new("/incidents", "漏えい等", LedgerRoles.Staff),
        new("/calendar", "期限カレンダー", LedgerRoles.Staff),
        new("/board", "審査会", LedgerRoles.ReviewBoard),
        new("/audit", "監査", LedgerRoles.Auditor),
    ];

    public static IEnumerable<NavigationItem> For(string? role) => Items.Where(i => role is not null && i.Roles.Contains(role));

    /// <summary>Where a role lands after signing in.</summary>
    public static string Home(string role) => role switch
    {
        LedgerRoles.ReviewBoard => "/board",
        LedgerRoles.Auditor => "/audit",
        LedgerRoles.Administrator => "/accessibility",
        _ => "/",
    };

    /// <summary>The signed-in user of this request, as the directory knows them (null on public pages).</summary>
    public static Actor? CurrentUser(HttpContext http) => http.Items[LedgerPrincipals.HttpItem] as Actor;

    /// <summary>
    /// A link to one of the body's public pages (the published register, the annual status, the list of 届出): those are read
    /// without the session, so the link names the body of the request in <c>?tenant=</c>.
    /// </summary>
    public static string PublicLink(string path) =>
        $"{path}{(path.Contains('?') ? '&' : '?')}{Tenancy.TenantMiddleware.QueryParameter}={Uri.EscapeDataString(Tenancy.LedgerTenant.Current ?? Tenancy.LedgerTenant.Default)}";

    /// <summary>The name (Japanese) of the body (実施機関) the signed-in user acts for, as its profile declares it; the id when no profile does.</summary>
    public static string CurrentBody(HttpContext http) =>
        Tenancy.LedgerTenant.Current is not { } tenant ? ""
        : http.RequestServices.GetRequiredService<Configuration.LedgerJurisdictions>().BodyName(tenant);
}
