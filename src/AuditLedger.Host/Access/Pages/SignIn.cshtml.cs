namespace AuditLedger.Host.Access.Pages;

using System.ComponentModel.DataAnnotations;
using AuditLedger.Host.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// サインイン: a user of the directory signs in with their password (Art. 9 安全管理措置), or through the municipality's
/// OpenID Connect provider when one is configured. Five failures in a row lock the account for 15 minutes.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(PasswordSignIn passwords, IAuthenticationSchemeProvider schemes, Configuration.LedgerJurisdictions jurisdictions,
    Tenancy.TenantPlacement placement) : PageModel
{
    /// <summary>The body (実施機関, tenant) whose user directory the user belongs to; the session acts for it alone.</summary>
    [BindProperty(SupportsGet = true), Required(ErrorMessage = "実施機関を一覧から選んでください。"), Display(Name = "実施機関")]
    public string Tenant { get; set; } = Tenancy.LedgerTenant.Default;

    /// <summary>The bodies served here, for the choice: id and Japanese name, in the order the profiles declare them.</summary>
    public IReadOnlyList<(string Id, string Name)> Tenants =>
        [.. jurisdictions.Catalog.Tenants.Where(t => placement.TenantIds.Contains(t.Id, StringComparer.Ordinal)).Select(t => (t.Id, t.Name.Ja))];

    [BindProperty, Required(ErrorMessage = "職員番号を入力してください。"), Display(Name = "職員番号")]
    public string UserId { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "パスワードを入力してください。"), DataType(DataType.Password), Display(Name = "パスワード")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Refusal { get; private set; }
    public string? RefusalEnglish { get; private set; }
    public bool OidcConfigured { get; private set; }

    /// <summary>Set by the OpenID Connect sign-in when the provider or the directory refused it.</summary>
    [BindProperty(SupportsGet = true, Name = "oidc")]
    public string? OidcOutcome { get; set; }

    public async Task OnGetAsync()
    {
        // Opening the page is not a submission: nothing has been entered yet, so nothing is reported as missing
        // (a link such as /sign-in?Tenant= leaves the choice at the default body).
        ModelState.Clear();
        if (string.IsNullOrEmpty(Tenant)) Tenant = Tenancy.LedgerTenant.Default;
        OidcConfigured = await schemes.GetSchemeAsync(LedgerWeb.OidcScheme) is not null;
        if (OidcOutcome == "refused")
            (Refusal, RefusalEnglish) = ("認証基盤で確認された利用者は、利用者台帳に登録されていないか、利用停止されています。管理者に連絡してください（第9条：安全管理措置）。",
                "The user the identity provider signed in is not an enabled user of the directory; ask an administrator (Art. 9).");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        OidcConfigured = await schemes.GetSchemeAsync(LedgerWeb.OidcScheme) is not null;
        if (!placement.TenantIds.Contains(Tenant, StringComparer.Ordinal))
            ModelState.AddModelError(nameof(Tenant), "実施機関を一覧から選んでください。");
        if (!ModelState.IsValid) return Page();
        // The password is checked in the chosen body's directory, and the session is issued for that body alone.
        using var inTenant = Tenancy.LedgerTenant.Enter(Tenant);
        var (user, refusal) = await passwords.Check(UserId, Password, ct);
        if (user is null)
        {
            (Refusal, RefusalEnglish) = refusal switch
            {
                SignInRefusal.LockedOut => ($"続けて{PasswordSignIn.MaxFailures}回失敗したため、このアカウントは{PasswordSignIn.Lockout.TotalMinutes:0}分間サインインできません。時間をおいて再度お試しいただくか、管理者に連絡してください（第9条：安全管理措置）。",
                    $"After {PasswordSignIn.MaxFailures} failures in a row this account is locked for {PasswordSignIn.Lockout.TotalMinutes:0} minutes; try again later or ask an administrator (Art. 9)."),
                SignInRefusal.Disabled => ("この利用者は利用停止されています。管理者に連絡してください（第9条）。", "This user is disabled; ask an administrator (Art. 9)."),
                _ => ("職員番号またはパスワードが正しくありません。", "The staff id or the password is wrong."),
            };
            Password = "";
            return Page();
        }
        await HttpContext.SignInAsync(LedgerWeb.SessionScheme, LedgerWeb.SessionPrincipal(user.UserId, user.Role, "pwd"));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Navigation.Home(user.Role));
    }

    /// <summary>
    /// Sign in through the municipality's OpenID Connect provider: a link (GET), not a form, because the content security
    /// policy's form-action 'self' rightly stops a form from being redirected to another origin.
    /// </summary>
    public IActionResult OnGetOidc() =>
        Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, LedgerWeb.OidcScheme);
}
