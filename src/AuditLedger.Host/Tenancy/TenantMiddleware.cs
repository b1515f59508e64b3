namespace AuditLedger.Host.Tenancy;

using Wolverine.Http.Runtime.MultiTenancy;

/// <summary>
/// Sets the tenant of an HTTP request (<see cref="LedgerTenant"/>), right after authentication and before anything reads:
/// an authenticated caller acts for the tenant its token or session was issued for (claim <see cref="LedgerTenant.Claim"/>;
/// a token from before tenancy, which has none, for the one body the store then served, <see cref="LedgerTenant.Default"/>);
/// an anonymous request for the body its query names (<c>?tenant=nagareyama:mayor</c>) or the default, and it reaches only
/// what the law publishes (every other endpoint needs a user). A tenant this deployment does not serve is refused (404);
/// an authenticated caller naming a body other than its own in <c>?tenant=</c> is refused (403 <c>tenant.not-yours</c>).
/// </summary>
public static class TenantMiddleware
{
    /// <summary>The query parameter by which an anonymous request names the body whose published pages it reads.</summary>
    public const string QueryParameter = "tenant";

    /// <summary>The key of <c>HttpContext.Items</c> holding the request's tenant.</summary>
    public const string HttpItem = "auditledger.tenant";

    /// <summary>The request's tenant as this middleware set it (null before it ran).</summary>
    public static string? Of(HttpContext http) => http.Items[HttpItem] as string;

    public static void UseLedgerTenants(this WebApplication app) => app.Use(async (http, next) =>
    {
        var named = http.Request.Query[QueryParameter].FirstOrDefault() is { Length: > 0 } n ? n : null;
        var tenant = http.User.Identity?.IsAuthenticated == true
            ? LedgerTenant.Of(http.User) ?? LedgerTenant.Default
            : named ?? LedgerTenant.Default;
        // A user who names another body gets a refusal, not their own body's data under the other's name. The sign-in page
        // is exempt: its Tenant field is the body a new sign-in is for.
        if (named is not null && !string.Equals(named, tenant, StringComparison.Ordinal) && !http.Request.Path.StartsWithSegments("/sign-in"))
        {
            await Access.LedgerSecurity.Problem(http, StatusCodes.Status403Forbidden, "tenant.not-yours",
                $"この利用者は実施機関「{tenant}」の利用者で、「{named}」のデータは扱えません。自機関のデータは tenant= を付けずに開いてください。他の機関の公表資料は、サインインせずに（トークンなしで）tenant= を付けて開けます。記録は追加されていません。",
                $"This user belongs to the body '{tenant}' and may not act for '{named}'. Leave out tenant= for your own body's data; another body's published pages open without a token or session, with tenant=. Nothing was appended.");
            return;
        }
        var placement = http.RequestServices.GetRequiredService<TenantPlacement>();
        if (!placement.TenantIds.Contains(tenant, StringComparer.Ordinal))
        {
            await Access.LedgerSecurity.Problem(http, StatusCodes.Status404NotFound, "tenant.unknown",
                $"実施機関「{tenant}」はこのシステムで扱っていません。URLの tenant= を確かめてください。記録は追加されていません。",
                $"The body '{tenant}' is not served here. Check the tenant= of the address. Nothing was appended.");
            return;
        }
        // Also on the request, for what runs after this middleware has returned (the exception handler's refusal texts).
        http.Items[HttpItem] = tenant;
        using (LedgerTenant.Enter(tenant)) await next(http);
    });
}

/// <summary>Wolverine's HTTP endpoints open their sessions for the tenant <see cref="TenantMiddleware"/> set: one source of the tenant.</summary>
public sealed class AmbientTenantDetection : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => ValueTask.FromResult(LedgerTenant.Current);
}
