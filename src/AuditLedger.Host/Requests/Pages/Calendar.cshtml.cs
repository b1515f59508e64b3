namespace AuditLedger.Host.Requests.Pages;

using AuditLedger.Host.Access;
using AuditLedger.Host.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 期限のカレンダー登録: how to subscribe the office calendar to the deadline feed (<see cref="DeadlineCalendar"/>): the
/// address to copy, and how to issue the token the address carries (<c>scripts/auditledger issue-token</c>). Reads nothing
/// from the ledger.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class CalendarModel : PageModel
{
    /// <summary>The longest a token may be valid (hours), as the token command allows.</summary>
    public const int LongestTokenHours = 720;

    /// <summary>The feed's address on this service, without the token.</summary>
    public string FeedUrl { get; private set; } = "";

    /// <summary>The signed-in user's staff id, for the token command shown (an id, never a name).</summary>
    public string StaffId { get; private set; } = "";

    public void OnGet()
    {
        FeedUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}{DeadlineCalendar.Route}";
        StaffId = Navigation.CurrentUser(HttpContext)?.StaffId ?? "";
    }
}
