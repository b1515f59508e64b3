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
public sealed class SignInModel(PasswordSignIn passwords, IAuthenticationSchemeProvider schemes) : PageModel
{
    [BindProperty, Required(ErrorMessage = "職員番号を入力してください。"), Display(Name = "職員番号")]
    public string UserId { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "パスワードを入力してください。"), DataType(DataType.Password), Display(Name = "パスワード")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Refusal { get; private set; }
    public string? RefusalEnglish { get; private set; }
    public bool OidcConfigured { get; private set; }

    public async Task OnGetAsync() => OidcConfigured = await schemes.GetSchemeAsync(LedgerWeb.OidcScheme) is not null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        OidcConfigured = await schemes.GetSchemeAsync(LedgerWeb.OidcScheme) is not null;
        if (!ModelState.IsValid) return Page();
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

    /// <summary>Sign in through the municipality's OpenID Connect provider.</summary>
    public IActionResult OnPostOidc() =>
        Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, LedgerWeb.OidcScheme);
}
