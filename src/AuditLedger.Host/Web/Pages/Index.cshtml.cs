namespace AuditLedger.Host.Web.Pages;

using AuditLedger.Host.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>ホーム: the staff's dashboard; other roles go to their own first page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        var user = Navigation.CurrentUser(HttpContext);
        if (user is null) return Challenge();
        if (user.Role != LedgerRoles.Staff) return Redirect(Navigation.Home(user.Role));
        return Page();
    }
}
