namespace AuditLedger.Tests.Web;

using System.Net;
using AuditLedger.Host.Access;
using AuditLedger.Host.Web;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>Sign-in, the session and the security headers of the web UI, in a real browser and over HTTP.</summary>
[Collection(LedgerCollection.Name)]
public sealed class SignInTests(LedgerFixture fixture)
{
    private string LastCall = "";

    [Fact]
    public async Task a_page_without_a_session_sends_the_browser_to_sign_in_and_the_staff_lands_on_the_dashboard()
    {
        var web = await BrowserSession.Of(fixture);
        await web.EnsureUser("S-WEB-01", LedgerRoles.Staff);
        var page = await web.NewPage();
        await page.GotoAsync("/requests");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ja");
        // Opening the page reports nothing as missing: nothing has been submitted yet, even with an empty choice in the link.
        (await page.GetByRole(AriaRole.Alert).CountAsync()).ShouldBe(0);
        (await page.Locator(".field-error").CountAsync()).ShouldBe(0);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "sign-in");
        var emptyChoice = await web.NewPage();
        await emptyChoice.GotoAsync("/sign-in?Tenant=&ReturnUrl=%2Frequests");
        (await emptyChoice.Locator(".field-error").CountAsync()).ShouldBe(0);
        (await emptyChoice.Locator("#Tenant").InputValueAsync()).ShouldBe(AuditLedger.Host.Tenancy.LedgerTenant.Default);

        await page.GetByLabel("職員番号").FillAsync("S-WEB-01");
        await page.GetByLabel("パスワード").FillAsync(BrowserSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/requests");
        (await page.Locator("header").InnerTextAsync()).ShouldContain("試験 S-WEB-01");
    }

    [Fact]
    public async Task a_wrong_password_is_refused_in_japanese_and_five_in_a_row_lock_the_account()
    {
        var web = await BrowserSession.Of(fixture);
        await web.EnsureUser("S-WEB-02", LedgerRoles.Staff);
        var page = await web.NewPage();
        await page.GotoAsync("/sign-in");
        for (var attempt = 1; attempt <= PasswordSignIn.MaxFailures; attempt++)
        {
            await page.GetByLabel("職員番号").FillAsync("S-WEB-02");
            await page.GetByLabel("パスワード").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
            var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
            alert.ShouldContain(attempt < PasswordSignIn.MaxFailures ? "職員番号またはパスワードが正しくありません" : "分間サインインできません");
        }
        await BrowserSession.ShouldPassAxe(page);
        // Locked: even the right password is refused now.
        await page.GetByLabel("職員番号").FillAsync("S-WEB-02");
        await page.GetByLabel("パスワード").FillAsync(BrowserSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("第9条");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task pages_carry_the_security_headers_and_the_api_does_not_take_the_session_cookie()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-03", LedgerRoles.Staff);
        var response = await page.GotoAsync("/");
        var headers = response!.Headers;
        headers["content-security-policy"].ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        headers["content-security-policy"].ShouldContain("frame-ancestors 'none'");
        headers["content-security-policy"].ShouldNotContain("unsafe-inline");
        headers["x-frame-options"].ShouldBe("DENY");
        headers["cache-control"].ShouldBe("no-store");

        // The session cookie is the browser's; the API answers it as unauthenticated (a page of another site cannot write through it).
        var api = await page.Context.APIRequest.GetAsync("/api/requests/deadlines");
        api.Status.ShouldBe((int)HttpStatusCode.Unauthorized);
        var write = await page.Context.APIRequest.PostAsync("/api/files", new() { DataObject = new { } });
        write.Status.ShouldBe((int)HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_form_posted_without_its_antiforgery_token_is_refused_and_signing_out_ends_the_session()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-04", LedgerRoles.Staff);
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("from", "another site");
        var forged = await page.Context.APIRequest.PostAsync("/sign-out", new() { Form = form });
        forged.Status.ShouldBe((int)HttpStatusCode.BadRequest);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task a_session_left_idle_past_its_timeout_ends_and_the_browser_is_asked_to_sign_in_again()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-05", LedgerRoles.Staff);
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/");
        var idle = TimeSpan.FromMinutes(21);
        fixture.Clock.Advance(idle);
        try
        {
            await page.GotoAsync("/");
            new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in", "20 minutes without a request end the session");
        }
        finally
        {
            fixture.Clock.Advance(-idle);
        }
    }

    [Fact]
    public async Task an_administrator_sets_a_password_on_the_command_line_from_standard_input_and_others_may_not()
    {
        Environment.SetEnvironmentVariable(AuditLedger.Host.Configuration.LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, null);
        await fixture.User(LedgerFixture.Administrator, LedgerRoles.Administrator);
        await fixture.User("S-WEB-06", LedgerRoles.Staff);
        var passwords = fixture.Services.GetRequiredService<PasswordSignIn>();

        var set = await SetPassword("S-WEB-06", "a long enough password", LedgerFixture.Administrator);
        set.ShouldBe(0, LastCall);
        (await passwords.Check("S-WEB-06", "a long enough password", default)).User!.UserId.ShouldBe("S-WEB-06");
        (await passwords.Check("S-WEB-06", "another password", default)).Refusal.ShouldBe(SignInRefusal.WrongUserOrPassword);

        (await SetPassword("S-WEB-06", "short", LedgerFixture.Administrator)).ShouldBe(2, "a password has at least 12 characters");
        (await SetPassword("S-WEB-06", "a long enough password 2", "S-WEB-06")).ShouldBe(2, "only administrators set passwords");
        (await SetPassword("S-NOBODY-06", "a long enough password", LedgerFixture.Administrator)).ShouldBe(2, "only users of the directory");
        (await passwords.Check("S-WEB-06", "a long enough password", default)).User.ShouldNotBeNull("a refused call changes nothing");
        (await passwords.Check("S-NOBODY-06", "a long enough password", default)).Refusal.ShouldBe(SignInRefusal.WrongUserOrPassword);

        async Task<int> SetPassword(string user, string password, string asUser)
        {
            var original = Console.In;
            Console.SetIn(new StringReader(password + "\n"));
            try
            {
                var errors = new StringWriter();
                var originalError = Console.Error;
                Console.SetError(errors);
                try
                {
                    var (status, output) = await ConsoleOutput.Capture(() => AuditLedger.Host.Cli.LedgerCommandLine.Run(["users", "set-password", user, "--as", asUser]));
                    LastCall = $"set-password {user} as {asUser}: {status} {output} {errors}";
                    return status;
                }
                finally
                {
                    Console.SetError(originalError);
                }
            }
            finally
            {
                Console.SetIn(original);
            }
        }
    }

    [Fact]
    public async Task a_page_for_a_stream_the_ledger_does_not_hold_answers_the_japanese_404_page_not_a_json_problem()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-07", LedgerRoles.Staff);
        var response = await page.GotoAsync($"/requests/{Guid.NewGuid()}");
        response!.Status.ShouldBe(404);
        response.Headers["content-type"].ShouldStartWith("text/html");
        var body = await page.Locator("main").InnerTextAsync();
        body.ShouldContain("ページが見つかりません");
        body.ShouldContain("台帳にありません");
        await BrowserSession.ShouldPassAxe(page);
    }
}
