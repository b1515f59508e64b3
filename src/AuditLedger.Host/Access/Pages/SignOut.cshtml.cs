namespace AuditLedger.Host.Access.Pages;

using AuditLedger.Host.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>サインアウト: ends the session (POST with the antiforgery token, so another site cannot sign a user out).</summary>
[AllowAnonymous]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Access/Pages/SignIn");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(LedgerWeb.SessionScheme);
        return Redirect("/sign-in?signedOut=1");
    }
}
