namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Access;
using AuditLedger.Host.Requests;
using AuditLedger.Tests.Support;
using Microsoft.Playwright;

/// <summary>The page that tells staff how to subscribe the office calendar to the deadline feed (/calendar).</summary>
[Collection(LedgerCollection.Name)]
public sealed class CalendarBrowserTests(LedgerFixture fixture)
{
    [Fact]
    public async Task staff_see_the_feed_address_to_copy_and_the_token_command_and_the_address_answers_with_the_feed()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-CAL-01", LedgerRoles.Staff);
        await page.GotoAsync("/calendar");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("期限のカレンダー登録");
        var address = await page.GetByLabel("購読用アドレス").InputValueAsync();
        address.ShouldBe($"{web.Address.ToString().TrimEnd('/')}{DeadlineCalendar.Route}?access_token=トークン");
        (await page.Locator("pre").InnerTextAsync()).ShouldBe("scripts/auditledger issue-token --calendar --user S-WEB-CAL-01 --hours 720");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "calendar");

        // The address, with a token the command would issue, is the feed.
        var token = fixture.Token("S-WEB-CAL-01", LedgerRoles.Staff);
        using var http = new HttpClient();
        var feed = await http.GetStringAsync(address.Replace("トークン", Uri.EscapeDataString(token), StringComparison.Ordinal));
        feed.ShouldStartWith("BEGIN:VCALENDAR");
    }

    [Fact]
    public async Task another_role_gets_the_refusal_page()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-CAL-02", LedgerRoles.Auditor);
        var response = await page.GotoAsync("/calendar");
        response!.Status.ShouldBe(403);
    }
}
