namespace AuditLedger.Host.Web;

using System.Security.Claims;
using AuditLedger.Host.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

/// <summary>
/// The staff web UI's plumbing: Razor Pages (server-rendered, every form works without JavaScript) found in each module's
/// <c>Pages</c> folder, a cookie session for people in a browser beside the bearer tokens of the API, antiforgery on every
/// form, an idle timeout, the security headers, and an error page for every refused page request.
/// </summary>
/// <remarks>
/// The API (<c>/api/…</c>, <c>/register/…</c>) takes bearer tokens only: a session cookie is never accepted there, so a page of another site cannot
/// make a signed-in browser write through the API (the pages' forms carry antiforgery tokens instead). Pages take the session
/// cookie only. Either way the user is resolved from the directory by <see cref="LedgerSecurity"/> and is the actor of every
/// command the request sends.
/// </remarks>
public static class LedgerWeb
{
    /// <summary>The signed-in session of a browser.</summary>
    public const string SessionScheme = "ledger-session";

    /// <summary>Chooses the API's bearer tokens or the pages' session by path.</summary>
    public const string ByPathScheme = "ledger";

    /// <summary>A municipality's own OpenID Connect provider, when configured.</summary>
    public const string OidcScheme = "oidc";

    /// <summary>Minutes of inactivity after which a session ends (default 20).</summary>
    public const string IdleTimeoutSetting = "AuditLedger:Web:IdleTimeoutMinutes";

    /// <summary>
    /// Whether a request is for the pages: anything outside the API (<c>/api</c>), its description (<c>/openapi</c>) and the
    /// register's files (<c>/register/…csv|html</c>, the API's renderings with their own inline print style).
    /// </summary>
    public static bool IsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/openapi")
        && !http.Request.Path.StartsWithSegments("/register")
        // The public list of 届出 (/notifications.html|csv|xlsx) is a report like the published register: its print style is inline.
        && !(http.Request.Path.Value ?? "").StartsWith("/notifications.", StringComparison.Ordinal);

    public static IServiceCollection AddLedgerWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(options =>
        {
            // Pages live with their module (Requests/Pages, Records/Pages, …), each with its route in its @page line.
            options.RootDirectory = "/";
        });
        // Japanese stays Japanese in the pages' HTML (the default encoder writes every non-Latin character as &#x…;).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "auditledger-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });

        var idle = TimeSpan.FromMinutes(configuration.GetValue<int?>(IdleTimeoutSetting) ?? 20);
        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = ByPathScheme;
                options.DefaultChallengeScheme = ByPathScheme;
            })
            .AddPolicyScheme(ByPathScheme, "bearer token for the API, session for the pages", options =>
                // Pages take the session alone (a token in a page's URL opens nothing); the API takes tokens alone.
                options.ForwardDefaultSelector = http => IsPage(http) ? SessionScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddCookie(SessionScheme, options =>
            {
                options.Cookie.Name = "auditledger-session";
                options.Cookie.HttpOnly = true;
                // Lax, not Strict: a link from elsewhere (a mail naming a case, the identity provider's redirect back after
                // sign-in) must arrive signed in. Writes are POSTs, which Lax never sends cross-site, and carry antiforgery tokens.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = idle;
                options.SlidingExpiration = true;
                options.LoginPath = "/sign-in";
                options.LogoutPath = "/sign-out";
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    // A 403 page (re-executed by the status code pages), not a redirect to a page answering 200.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        // A municipality's own identity provider (AuditLedger:OpenIdConnect:Authority, ClientId, ClientSecret, UserIdClaim): the
        // provider says who signed in; the directory says whether they may act and as what role, as for a password.
        var oidc = configuration.GetSection("AuditLedger:OpenIdConnect");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            authentication.AddOpenIdConnect(OidcScheme, "自治体の認証基盤 / the municipality's sign-in", options =>
            {
                options.Authority = oidc["Authority"];
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.RequireHttpsMetadata = oidc.GetValue<bool?>("RequireHttpsMetadata") ?? true;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SignInScheme = SessionScheme;
                options.MapInboundClaims = false;
                options.CallbackPath = "/sign-in/oidc";
                // The provider answers by redirecting the browser (a top-level GET), so the correlation and nonce cookies can be
                // SameSite=Lax, and Secure where the service is served over HTTPS (as it must be in production).
                options.ResponseMode = "query";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // The protocol's own timing (the browser's cookie expiry, the provider's token lifetimes) is the wall clock the
                // browser and the provider share, not the ledger's business clock (which tests and replays may set).
                options.TimeProvider = TimeProvider.System;
                var userIdClaim = oidc["UserIdClaim"] ?? "sub";
                options.Events.OnTokenValidated = async context =>
                {
                    var userId = context.Principal?.FindFirst(userIdClaim)?.Value ?? "";
                    var principals = context.HttpContext.RequestServices.GetRequiredService<LedgerPrincipals>();
                    var entry = await principals.Find(userId, context.HttpContext.RequestAborted);
                    if (entry is null || !entry.Enabled)
                    {
                        context.Fail($"'{userId}' is not an enabled user of the directory.");
                        return;
                    }
                    context.Principal = SessionPrincipal(entry.UserId, entry.Role, "oidc");
                };
                // Refused by the directory or by the provider: back to the sign-in page, which says so (no stack trace, no 500).
                options.Events.OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AuditLedger.SignIn")
                        .LogWarning("OpenID Connect sign-in refused: {Reason}", context.Failure?.Message);
                    context.Response.Redirect("/sign-in?oidc=refused");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
        return services;
    }

    /// <summary>
    /// The session's claims: the directory's user id as <c>sub</c>, their role as <c>role</c> and the tenant (実施機関) whose
    /// directory holds them as <c>tenant</c> (the current one: the sign-in ran in it), as a token carries them.
    /// </summary>
    public static ClaimsPrincipal SessionPrincipal(string userId, string role, string method) =>
        new(new ClaimsIdentity([new Claim("sub", userId), new Claim("role", role), new Claim("amr", method),
            new Claim(Tenancy.LedgerTenant.Claim, Tenancy.LedgerTenant.Require())], method, "sub", "role"));

    /// <summary>
    /// Security headers on every answer, the error page for refused page requests, the pages' static files, then routing:
    /// after the status code pages, so that the error page they re-execute is routed again.
    /// </summary>
    public static void UseLedgerWebHeaders(this WebApplication app)
    {
        app.Use(SecurityHeaders.Add);
        app.UseWhen(IsPage, branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
    }

    public static void MapLedgerWeb(this WebApplication app) => app.MapRazorPages();
}
