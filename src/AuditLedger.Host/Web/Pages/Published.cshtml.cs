namespace AuditLedger.Host.Web.Pages;

using AuditLedger.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 公表資料 (public, as the footer promises): links to the published file register (個人情報ファイル簿, Art. 75 of the Act /
/// the ordinance's register, as HTML and CSV) and to the annual enforcement status (施行の状況, Art. 51) of each fiscal year
/// from 2023 (the ordinance's first) to the current one, in 和暦 (令和N年度). The pages linked are the API's public renderings.
/// </summary>
[AllowAnonymous]
public sealed class PublishedModel(TimeProvider time, Configuration.LedgerJurisdictions jurisdictions) : PageModel
{
    /// <summary>Whether the body's law provides the 届出 of its 事務 to the mayor (Nagareyama's), whose list is then published too.</summary>
    public bool NotificationsProvided => Files.NotificationList.Provided(jurisdictions.ForTenant(Tenancy.LedgerTenant.Current));

    /// <summary>Each fiscal year that has begun, newest first.</summary>
    public IReadOnlyList<int> FiscalYears { get; private set; } = [];

    public void OnGet()
    {
        var current = FiscalYear.Of(time.GetUtcNow());
        FiscalYears = [.. Enumerable.Range(FiscalYear.First, Math.Max(0, current - FiscalYear.First + 1)).Reverse()];
    }
}
