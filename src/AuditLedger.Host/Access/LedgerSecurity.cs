namespace AuditLedger.Host.Access;

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

/// <summary>
/// Authentication (bearer tokens), the role rules, and the rate limit. Every endpoint requires an authenticated caller
/// unless it is marked public on purpose (<see cref="AllowAnonymousAttribute"/>: the published register, the rules).
/// </summary>
public static class LedgerSecurity
{
    public const string RateLimitSetting = "AuditLedger:RequestsPerMinute";
    public const string PurposeHeader = "X-Access-Purpose";

    public static IServiceCollection AddLedgerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => LedgerTokens.From(configuration, sp.GetRequiredService<TimeProvider>()));
        // The default scheme is chosen by path (Web/LedgerWeb): bearer tokens for the API, the session cookie for the pages.
        services.AddAuthentication().AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<LedgerTokens>((options, tokens) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = tokens.ValidationParameters();
            options.Events = new JwtBearerEvents
            {
                // A printable page opened in a browser cannot send a header: GET may carry the token as access_token.
                OnMessageReceived = context =>
                {
                    if (HttpMethods.IsGet(context.Request.Method) && context.Request.Query.TryGetValue("access_token", out var token))
                        context.Token = token;
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "access.unauthenticated",
                        "認証が必要です。発行されたトークンを Authorization: Bearer で送ってください。",
                        "Authentication is required: send the token you were issued as 'Authorization: Bearer <token>' (tokens: scripts/auditledger issue-token).");
                },
            };
        });
        services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var perMinute = configuration.GetValue<int?>(RateLimitSetting) ?? 600;
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    http.User.Identity?.Name is { } user ? $"user:{user}" : $"address:{http.Connection.RemoteIpAddress}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problem(context.HttpContext, StatusCodes.Status429TooManyRequests, "access.rate-limited",
                    $"リクエストが多すぎます。{retryAfter}秒後に再度お試しください。",
                    $"Too many requests: at most {perMinute} a minute per user. Try again in {retryAfter} seconds.");
            };
        });
        return services;
    }

    /// <summary>Authentication, the rate limit, authorization (the fallback policy), then the role rules.</summary>
    public static void UseLedgerSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        // The tenant (実施機関) every read and write of the request is scoped to, from the authenticated principal (Tenancy/).
        Tenancy.TenantMiddleware.UseLedgerTenants(app);
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(DirectoryRules);
        app.Use(RoleRules);
    }

    /// <summary>
    /// An authenticated caller acts only as an enabled user of the directory with the role it gives them (Art. 9): otherwise
    /// 403 even with a valid token. The resolved actor (id, role, name, title) is kept for the request, and every command
    /// the request sends records it as its principal.
    /// </summary>
    private static async Task DirectoryRules(HttpContext http, RequestDelegate next)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        try
        {
            var principals = http.RequestServices.GetRequiredService<LedgerPrincipals>();
            http.Items[LedgerPrincipals.HttpItem] = await principals.Resolve(http.User, http.RequestAborted);
        }
        catch (PrincipalRefused refused)
        {
            await Problem(http, StatusCodes.Status403Forbidden, refused.Code, refused.Japanese, refused.Message);
            return;
        }
        await next(http);
    }

    /// <summary>
    /// Writes (POST) are for staff. Reads (GET, and a POST marked as appending nothing) are for staff, auditors and
    /// administrators; the review board reads only the endpoints marked for it. Public endpoints are open to all.
    /// </summary>
    private static async Task RoleRules(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        var user = http.User;
        // A token limited to the calendar feed (pasted into an office calendar's URL) opens that feed alone.
        if (user.FindFirst(LedgerTokens.ScopeClaim)?.Value is { } scope && !(scope == LedgerTokens.CalendarScope && endpoint.Metadata.GetMetadata<CalendarFeedAttribute>() is not null))
        {
            await Problem(http, StatusCodes.Status403Forbidden, "access.token-scope",
                "このトークンは期限カレンダーの購読専用です。ほかの操作には通常のトークンを発行してください。記録は追加されていません。",
                $"This token is limited to '{scope}' (the deadline calendar feed); issue an ordinary token for anything else. Nothing was appended.");
            return;
        }
        var reads = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || endpoint.Metadata.GetMetadata<AppendsNothingAttribute>() is not null;
        var access = endpoint.Metadata.GetMetadata<AdministratorsOnlyAttribute>() is not null ? LedgerAccess.Directory
            : !reads ? LedgerAccess.Write
            : endpoint.Metadata.GetMetadata<ReviewBoardMayReadAttribute>() is not null ? LedgerAccess.ReviewBoardRead
            : LedgerAccess.Read;
        var roles = user.FindAll("role").Select(c => c.Value).ToList();
        if (LedgerRoles.Allows(access, roles))
        {
            await next(http);
            return;
        }
        var refused = LedgerRoles.Refusal(access, roles);
        await Problem(http, StatusCodes.Status403Forbidden, refused.Code, refused.Japanese, refused.Message);
    }

    /// <summary>The key under which a refusal of a page request is kept for the error page (Web/Pages/Error) to show.</summary>
    public const string RefusalItem = "auditledger.refusal";

    public static Task Problem(HttpContext http, int status, string code, string ja, string en)
    {
        http.Response.StatusCode = status;
        if (Web.LedgerWeb.IsPage(http))
        {
            // A page: the error page is shown by the status code pages, with this refusal's words.
            http.Items[RefusalItem] = new Web.PageRefusal(code, ja, en);
            return Task.CompletedTask;
        }
        return http.Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = status,
            Type = $"urn:auditledger:{code}",
            Title = ja,
            Detail = en,
            Extensions = { ["code"] = code, ["appended"] = 0 },
        }, options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json");
    }
}
