namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Tenancy;
using System.Net;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Playwright;

/// <summary>
/// The review board's pages (審査会, Art. 45, 50) in a real browser: the list holds only the cases referred to the board, a
/// referred case's timeline shows the clocks at each step, personal data appears only after a stated purpose and the read
/// is then in the log; a case not referred answers the 403 page, never its content.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class BoardBrowserTests(LedgerFixture fixture)
{
    private readonly CaseDriver _cases = new(new LedgerDriver(fixture));

    /// <summary>A case decided, reviewed, and referred to the board (諮問, Art. 45(1)); answers the case id.</summary>
    private async Task<Guid> Referred(string consultation)
    {
        var id = await _cases.Verified();
        await _cases.Decide(id, CaseOutcome.NotDisclosed, CaseDriver.Day(2025, 6, 20));
        var review = await _cases.Review(id, ReviewTarget.Decision, CaseDriver.Day(2025, 7, 1));
        await _cases.ReviewStep(review, new ConsultBoard { ConsultationReference = consultation }, CaseDriver.Day(2025, 7, 8));
        return id;
    }

    [Fact]
    public async Task the_board_member_sees_a_referred_case_and_its_timeline_and_personal_data_only_after_stating_a_purpose()
    {
        var referred = await Referred("諮問第701号");
        var notReferred = await _cases.Verified();
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("B-WEB-BOARD-01", LedgerRoles.ReviewBoard);

        // The member lands on the list: the referred case is there, the other is not.
        new Uri(page.Url).AbsolutePath.ShouldBe("/board");
        await page.GetByRole(AriaRole.Heading, new() { Name = "審査会に諮問された事案" }).WaitForAsync();
        (await page.Locator($"a[href='/board/{referred}']").CountAsync()).ShouldBe(1);
        (await page.Locator($"a[href='/board/{notReferred}']").CountAsync()).ShouldBe(0);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "board-list");

        // The timeline: every step with the clocks of its day; names hidden.
        await page.Locator($"a[href='/board/{referred}']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/board/{referred}");
        var timeline = await page.Locator("main").InnerTextAsync();
        timeline.ShouldContain("審査会に諮問（諮問第701号）");
        timeline.ShouldContain("開示決定等の期限（第25条第1項）: 期限 令和7年7月2日(水) 2025-07-02");
        timeline.ShouldContain("期限内に履行");
        timeline.ShouldContain("令和7年6月2日");
        timeline.ShouldNotContain("浦安 花子");
        timeline.ShouldContain("［氏名・住所：非表示］");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "board-case");

        // A purpose of spaces only is no purpose: refused beside its field, nothing shown, nothing recorded.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "閲覧目的" }).FillAsync("　　");
        await page.GetByRole(AriaRole.Button, new() { Name = "目的を記録して個人情報を表示する" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("第9条");
        (await page.GetByRole(AriaRole.Textbox, new() { Name = "閲覧目的" }).GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("浦安 花子");
        (await Reads(referred, "B-WEB-BOARD-01")).ShouldBeEmpty();
        await BrowserSession.ShouldPassAxe(page);

        // With a purpose: the read is recorded first, then the names are shown.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "閲覧目的" }).FillAsync("審査会 第3回調査審議");
        await page.GetByRole(AriaRole.Button, new() { Name = "目的を記録して個人情報を表示する" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "個人情報を表示しています（取扱いに注意）" }).WaitForAsync();
        var shown = await page.Locator("main").InnerTextAsync();
        shown.ShouldContain("浦安 花子");
        shown.ShouldContain("猫実 一郎");
        var read = (await Reads(referred, "B-WEB-BOARD-01")).ShouldHaveSingleItem();
        read.Purpose.ShouldBe("審査会 第3回調査審議");
        read.ReaderRole.ShouldBe(LedgerRoles.ReviewBoard);
        read.Channel.ShouldBe("web");
        read.DataSubjectIds.ShouldNotBeEmpty();
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task a_case_not_referred_to_the_board_answers_the_403_page_and_never_its_content()
    {
        var notReferred = await _cases.Verified();
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("B-WEB-BOARD-02", LedgerRoles.ReviewBoard);

        var response = await page.GotoAsync($"/board/{notReferred}");
        response!.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldContain("審査会に諮問されていない");
        text.ShouldNotContain("運転免許証");
        text.ShouldNotContain("浦安 花子");
        await BrowserSession.ShouldPassAxe(page);

        // Nor by posting a purpose: refused before anything is read or recorded.
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("Purpose", "審査会 調査審議");
        var posted = await page.Context.APIRequest.PostAsync($"/board/{notReferred}", new() { Form = form });
        posted.Status.ShouldBeOneOf((int)HttpStatusCode.Forbidden, (int)HttpStatusCode.BadRequest);
        (await posted.TextAsync()).ShouldNotContain("浦安 花子");
        (await Reads(notReferred, "B-WEB-BOARD-02")).ShouldBeEmpty();
    }

    private async Task<IReadOnlyList<PersonalDataRead>> Reads(Guid stream, string reader)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == stream && r.ReaderId == reader).ToListAsync();
    }
}
