namespace AuditLedger.Host.Web.Pages;

using AuditLedger.Host.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// The page shown for a refused or failed page request, with the status it answers: 403 (this role may not see the page, or
/// the directory refused the user, with that refusal's words), 404, 400 (a form too old to be trusted: its antiforgery token
/// expired or is missing), 500.
/// </summary>
[AllowAnonymous, IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public PageRefusal? Refusal { get; private set; }

    public void OnGet(int code) => Show(code);
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        Code = code is >= 400 and < 600 ? code : 500;
        Refusal = HttpContext.Items[LedgerSecurity.RefusalItem] as PageRefusal;
        Response.StatusCode = Code;
        _ = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
    }
}
