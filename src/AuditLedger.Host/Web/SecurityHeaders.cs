namespace AuditLedger.Host.Web;

/// <summary>
/// The headers every answer carries: a content security policy that allows no inline script or style and no framing
/// (<c>frame-ancestors 'none'</c>, with <c>X-Frame-Options: DENY</c> for older browsers), no MIME sniffing, no referrer sent
/// elsewhere, and no caching of pages that may show personal data.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public const string ApiContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static Task Add(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // The API's printable reports keep their print style inline: no script at all may run there, nor any other source load.
            headers.ContentSecurityPolicy = LedgerWeb.IsPage(http) ? ContentSecurityPolicy : ApiContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (LedgerWeb.IsPage(http) && !http.Request.Path.StartsWithSegments("/css") && !http.Request.Path.StartsWithSegments("/lib")
                && !http.Request.Path.StartsWithSegments("/js"))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
