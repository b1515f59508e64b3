namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Access;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// The staff web UI in a real browser: one instance of the service on a real port (<see cref="KestrelLedger"/>, the test
/// database and clock), Debian's chromium driven by Playwright (never a downloaded browser), started once for the run and
/// shared by the tests of <see cref="LedgerCollection"/> (which run one at a time). Each test signs in in a context of its own.
/// </summary>
public sealed class BrowserSession
{
    /// <summary>The password every browser test user is given.</summary>
    public const string Password = "correct horse battery staple";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BrowserSession? _shared;

    private BrowserSession(LedgerFixture fixture, KestrelLedger service, Uri address, IPlaywright playwright, IBrowser browser)
    {
        Fixture = fixture;
        Service = service;
        Address = address;
        Playwright = playwright;
        Browser = browser;
    }

    public LedgerFixture Fixture { get; }
    public KestrelLedger Service { get; }
    public Uri Address { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }

    /// <summary>Where the screenshots of the main pages are kept (a test artifact): .artifacts/screenshots.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AuditLedger.sln"))) directory = directory.Parent;
            var path = Path.Combine(directory?.FullName ?? Path.GetTempPath(), ".artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The shared service and browser, started on first use.</summary>
    public static async Task<BrowserSession> Of(LedgerFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            if (!File.Exists(HeadlessChromium.Executable))
                throw new InvalidOperationException($"{HeadlessChromium.Executable} is missing: install Debian's chromium (scripts/test does, as root).");
            // It only serves: the fixture's instance runs the async projections and the sealer on the same database (a third
            // instance holding the daemon's lock would leave the two-instance daemon test with none running).
            var service = new KestrelLedger(fixture.Clock, new Dictionary<string, string> { [Host.Configuration.ServiceHost.DaemonSetting] = "Disabled" });
            var address = service.Start();
            var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = HeadlessChromium.Executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            _shared = new BrowserSession(fixture, service, address, playwright, browser);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?.Stop();
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    private void Stop()
    {
        try
        {
            Browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            Playwright.Dispose();
            Service.Dispose();
        }
        catch (Exception)
        {
            // The run is ending; chromium goes with the driver's process.
        }
    }

    /// <summary>A fresh browser context (no cookies) at the service's address, in Japanese, on a desktop-sized window.</summary>
    public async Task<IPage> NewPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>The user in the directory with the role and <see cref="Password"/> set.</summary>
    public async Task EnsureUser(string userId, string role)
    {
        await Fixture.User(userId, role);
        await Service.Services.GetRequiredService<PasswordSignIn>().Set(userId, Password, default);
    }

    /// <summary>Signs in through the sign-in form, as a user typing; answers the page after sign-in.</summary>
    public async Task<IPage> SignIn(string userId, string role)
    {
        await EnsureUser(userId, role);
        var page = await NewPage();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("職員番号").FillAsync(userId);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return page;
    }

    /// <summary>
    /// axe-core on the page as it is now, for WCAG 2.1 A and AA (JIS X 8341-3:2016 level AA): no violation, or the test fails
    /// naming each rule, its impact and the elements.
    /// </summary>
    public static async Task<AxeResult> ShouldPassAxe(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(5).Select(n => n.Html))}").ToList();
        violations.ShouldBeEmpty($"axe-core found violations on {page.Url}:\n{string.Join("\n", violations)}");
        return result;
    }

    /// <summary>Keeps a full-page screenshot as a test artifact (.artifacts/screenshots/NAME.png).</summary>
    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
}
