namespace AuditLedger.Tests.Web;

using System.Net;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Playwright;

/// <summary>
/// Each role sees only its pages (Art. 9): every page that names its roles answers the 403 page to every other role and
/// sends an anonymous browser to sign in; the board and audit pages by name; and the public pages (the accessibility
/// statement, the published documents) open to all.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class RoleAccessBrowserTests(LedgerFixture fixture)
{
    /// <summary>A user of each role, signed in in a browser context of its own.</summary>
    private static async Task<Dictionary<string, IPage>> Pages(BrowserSession web) => new()
    {
        [LedgerRoles.Staff] = await web.SignIn("S-WEB-ROLE-01", LedgerRoles.Staff),
        [LedgerRoles.Auditor] = await web.SignIn("A-WEB-ROLE-01", LedgerRoles.Auditor),
        [LedgerRoles.ReviewBoard] = await web.SignIn("B-WEB-ROLE-01", LedgerRoles.ReviewBoard),
        [LedgerRoles.Administrator] = await web.SignIn("X-WEB-ROLE-01", LedgerRoles.Administrator),
    };

    [Fact]
    public async Task staff_get_403_on_the_audit_and_board_pages_the_auditor_and_the_board_on_the_staff_pages_and_anonymous_users_sign_in()
    {
        var web = await BrowserSession.Of(fixture);
        var pages = await Pages(web);
        async Task Refused(string role, string route)
        {
            var response = await pages[role].GotoAsync(route);
            response!.Status.ShouldBe((int)HttpStatusCode.Forbidden, $"{role} on {route}");
            (await pages[role].Locator("main").InnerTextAsync()).ShouldNotBeEmpty();
        }

        await Refused(LedgerRoles.Staff, "/audit");
        await Refused(LedgerRoles.Staff, "/board");
        await BrowserSession.ShouldPassAxe(pages[LedgerRoles.Staff]);
        await Refused(LedgerRoles.Staff, "/audit/replay");
        await Refused(LedgerRoles.Staff, "/audit/reads");
        await Refused(LedgerRoles.Auditor, "/board");
        await Refused(LedgerRoles.ReviewBoard, "/audit");
        await Refused(LedgerRoles.ReviewBoard, "/audit/reads");

        // Every page that names its roles, for every other role (the staff pages /requests, /records … among them).
        var guarded = MappedRoute.Of(web.Service.Services, "/")
            .Where(r => !r.Route.StartsWith("/api", StringComparison.Ordinal) && r.Method == "GET")
            .Select(r => (Route: r.With(Guid.NewGuid().ToString()), Roles: r.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()))
            .Where(r => r.Roles.Count > 0)
            .ToList();
        guarded.Select(g => g.Route).ShouldContain("/audit");
        guarded.Select(g => g.Route).ShouldContain("/board");
        foreach (var (route, roles) in guarded)
        {
            foreach (var role in pages.Keys.Except(roles)) await Refused(role, route);
            var anonymous = await web.NewPage();
            await anonymous.GotoAsync(route);
            new Uri(anonymous.Url).AbsolutePath.ShouldBe("/sign-in", route);
            await anonymous.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task the_board_is_refused_every_page_not_marked_for_it_and_a_user_of_each_role_lands_on_their_own_page()
    {
        var web = await BrowserSession.Of(fixture);
        var pages = await Pages(web);
        new Uri(pages[LedgerRoles.Staff].Url).AbsolutePath.ShouldBe("/");
        new Uri(pages[LedgerRoles.Auditor].Url).AbsolutePath.ShouldBe("/audit");
        new Uri(pages[LedgerRoles.ReviewBoard].Url).AbsolutePath.ShouldBe("/board");

        // The review board reads only pages marked for it (LedgerSecurity's role rules), whatever the page's own roles say.
        var notTheBoards = MappedRoute.Of(web.Service.Services, "/")
            .Where(r => !r.Route.StartsWith("/api", StringComparison.Ordinal) && !r.Route.StartsWith("/openapi", StringComparison.Ordinal)
                && !r.Route.StartsWith("/register", StringComparison.Ordinal) && r.Method == "GET"
                && !r.Has<IAllowAnonymous>() && !r.Has<ReviewBoardMayReadAttribute>() && !r.Route.Contains("error", StringComparison.Ordinal))
            .Select(r => r.With(Guid.NewGuid().ToString()))
            .Where(r => r != "/")
            .ToList();
        foreach (var route in notTheBoards)
            (await pages[LedgerRoles.ReviewBoard].GotoAsync(route))!.Status.ShouldBe((int)HttpStatusCode.Forbidden, route);
        // The same rule refuses the board's POST to a page that appends (only [AppendsNothing] pages take its forms).
        (await pages[LedgerRoles.ReviewBoard].GotoAsync("/board"))!.Status.ShouldBe((int)HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_accessibility_statement_and_the_published_documents_are_open_to_all_and_pass_axe()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.NewPage();
        var response = await page.GotoAsync("/accessibility");
        response!.Status.ShouldBe((int)HttpStatusCode.OK);
        var statement = await page.Locator("main").InnerTextAsync();
        statement.ShouldContain("対象範囲");
        statement.ShouldContain("目標とする適合レベル");
        statement.ShouldContain("JIS X 8341-3:2016");
        statement.ShouldContain("試験結果");
        var axe = await BrowserSession.ShouldPassAxe(page);
        // The statement names the checker the tests run, at the version they run.
        statement.ShouldContain($"axe-core（バージョン {axe.TestEngine.Version}）");
        foreach (var route in new[] { "/board", "/audit", "/audit/replay", "/audit/reads", "/accessibility", "/published" })
            statement.ShouldContain(route);
        await BrowserSession.Screenshot(page, "accessibility");

        response = await page.GotoAsync("/published");
        response!.Status.ShouldBe((int)HttpStatusCode.OK);
        await BrowserSession.ShouldPassAxe(page);
        var fiscalYear = Domain.Common.FiscalYear.Of(fixture.Clock.GetUtcNow());
        var years = await page.Locator("a[href^='/api/annual-status/']").AllInnerTextsAsync();
        years.Count.ShouldBe(fiscalYear - Domain.Common.FiscalYear.First + 1);
        years[0].ShouldContain(Domain.Common.FiscalYear.Japanese(fiscalYear));
        years[^1].ShouldContain("令和5年度");
        // Each link names the body whose pages it opens (they are read without the session).
        var tenant = Uri.EscapeDataString(AuditLedger.Host.Tenancy.LedgerTenant.Default);
        foreach (var href in new[] { $"/register/published.html?tenant={tenant}", $"/register/published.csv?tenant={tenant}", $"/api/annual-status/{fiscalYear}?format=html&tenant={tenant}" })
        {
            (await page.Locator($"a[href='{href}']").CountAsync()).ShouldBe(1, href);
            (await page.Context.APIRequest.GetAsync(href)).Status.ShouldBe((int)HttpStatusCode.OK, href);
        }
    }
}
