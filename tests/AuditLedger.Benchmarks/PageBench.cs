namespace AuditLedger.Benchmarks;

using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Demo;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

/// <summary>
/// The staff pages' server time against the API query that reads the same data, in the same run on the same store (issue
/// 11, Speed: p95 &lt; 150 ms, ratio ≤ 1.5×). The real service (ServiceHost, Kestrel on a loopback port) runs in this process
/// on the benchmark's database; each request is timed from sending it to its last byte over loopback, the page with a
/// session cookie from a password sign-in, the API with a bearer token: what differs is the page's own work.
/// </summary>
public sealed partial class PageBench : IAsyncDisposable
{
    /// <summary>
    /// Each page and the API query it is made from. A page not built yet (404) is reported as such: adding a page is a line.
    /// </summary>
    public static readonly IReadOnlyList<(string Page, string[] Api)> Pages =
    [
        // The dashboard shows five lists: it is compared with the five API queries that answer them, one after the other.
        ("/", ["/api/deadlines?filter=overdue", "/api/deadlines?filter=this-week", "/api/incident-reports/notifications-owed",
            "/api/records/disposal-due", "/api/activity?count=15"]),
        ("/requests", ["/api/deadlines"]),
        ("/records", ["/api/records/disposal-due"]),
        ("/files", ["/api/register"]),
        ("/incidents", ["/api/incident-reports"]),
        ("/audit/reads", ["/api/reads"]),
    ];

    public const double P95TargetMs = 150;
    public const double RatioTarget = 1.5;

    private readonly WebApplication _app;
    private readonly HttpClient _pages;
    private readonly HttpClient _auditorPages;
    private readonly HttpClient _api;

    private PageBench(WebApplication app, HttpClient pages, HttpClient auditorPages, HttpClient api)
    {
        _auditorPages = auditorPages;
        _app = app;
        _pages = pages;
        _api = api;
    }

    /// <summary>Starts the service on the benchmark's database, adds the demo users, and signs the demo clerk in once.</summary>
    public static async Task<PageBench> Start()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // The service's assembly is the application (its Razor Pages are found there, not in the benchmark's), quiet but for warnings.
        var app = ServiceHost.Build(["--urls", "http://127.0.0.1:0", $"--{LedgerTokens.KeySetting}={key}",
            $"--applicationName={typeof(ServiceHost).Assembly.GetName().Name}", "--Logging:LogLevel:Default=Warning",
            // one client asks hundreds of times a minute: the per-user rate limit of the service is not what is measured
            $"--{LedgerSecurity.RateLimitSetting}=100000000"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var principals = app.Services.GetRequiredService<LedgerPrincipals>();
        await DemoDirectory.Seed(app.Services.GetRequiredService<IMessageBus>(), principals);
        var clerk = DemoDirectory.Users.First(u => u.Role == LedgerRoles.Staff).UserId;
        var auditor = DemoDirectory.Users.First(u => u.Role == LedgerRoles.Auditor).UserId;
        var pages = await SignedIn(app, address, clerk);
        var auditorPages = await SignedIn(app, address, auditor);

        var api = new HttpClient { BaseAddress = new Uri(address) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", app.Services.GetRequiredService<LedgerTokens>().Issue(clerk, [LedgerRoles.Staff], TimeSpan.FromHours(1)));

        // The service's daemon catches the async projections up on the generated store first, so it does not run while measuring.
        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
        return new PageBench(app, pages, auditorPages, api);
    }

    /// <summary>A client with the session of the demo user, signed in once through the sign-in form with a password set here.</summary>
    private static async Task<HttpClient> SignedIn(WebApplication app, string address, string user)
    {
        const string password = "benchmark pages password";
        await app.Services.GetRequiredService<PasswordSignIn>().Set(user, password, default);
        var pages = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var form = await pages.GetStringAsync("/sign-in");
        var antiforgery = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery field.");
        var signedIn = await pages.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserId"] = user, ["Password"] = password, ["__RequestVerificationToken"] = antiforgery,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"Signing in as {user} failed: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        return pages;
    }

    /// <summary>A page's and its API query's p95 (ms); null for a page not built yet (404).</summary>
    public async Task<(double Page, double Api)?> Measure(string page, string[] api, int samples)
    {
        // The auditors' pages with the demo auditor's session, the others with the demo clerk's.
        var session = page.StartsWith("/audit", StringComparison.Ordinal) ? _auditorPages : _pages;
        var probe = await session.GetAsync(page);
        if (probe.StatusCode == HttpStatusCode.NotFound) return null;
        if (probe.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The page {page} answered {(int)probe.StatusCode} {probe.Headers.Location} to the signed-in clerk.");
        var pageTimes = await Benchmarks.Measure.Latencies(samples, () => Get(session, page));
        var apiTimes = await Benchmarks.Measure.Latencies(samples, async () =>
        {
            foreach (var query in api) await Get(_api, query);
        });
        return (Benchmarks.Measure.Quantile(pageTimes, 0.95), Benchmarks.Measure.Quantile(apiTimes, 0.95));
    }

    private static async Task Get(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
    }

    public async ValueTask DisposeAsync()
    {
        _pages.Dispose();
        _auditorPages.Dispose();
        _api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
