namespace AuditLedger.Tests.Web;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using System.Net.Http.Json;
using AuditLedger.Host.Access;
using AuditLedger.Host.Http;
using AuditLedger.Host.Requests;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The staff dashboard (ホーム, <c>/</c>) in a real browser: cases set up through the drivers on a fixed "today", then what the
/// page shows checked against what the deadline engine, the incident reports and the disposal list hold.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class DashboardBrowserTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>Wednesday 25 November 2026, 10:00 JST: the dashboard's "today" (the week ends on Sunday the 29th).</summary>
    private static readonly DateTimeOffset Today = CaseDriver.Day(2026, 11, 25);

    private async Task<DeadlineRow> DecisionClock(Guid caseId)
    {
        using var scope = fixture.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<DeadlineQueries>().ForCase(caseId, default);
        return report.Clocks.Single(c => c.Party == ClockParty.Office && c.DueOn is not null && c.MetOn is null);
    }

    [Fact]
    public async Task the_dashboard_shows_overdue_and_this_weeks_clocks_with_their_days_left_a_paused_clock_and_why_an_incident_owing_notices_and_a_record_due_for_disposal()
    {
        fixture.Clock.Set(Today);
        var cases = new CaseDriver(_ledger);
        var jst = TimeSpan.FromHours(9);

        // A file kept one year, a record acquired in FY2024: past retention from 1 April 2026 (Art. 4(2)).
        var fileId = (await _ledger.Send(Registration() with
        {
            OccurredAt = new DateTimeOffset(2024, 4, 1, 9, 0, 0, jst),
            Items = Items() with { Name = $"議会傍聴者名簿 {Guid.NewGuid():N}", Retention = new Domain.Files.RetentionPeriod(1) },
        })).StreamId;
        var dueRecordId = (await _ledger.Send(Acquisition(fileId) with { OccurredAt = new DateTimeOffset(2024, 5, 1, 10, 0, 0, jst) })).StreamId;

        // An incident not yet assessed: its persons are still owed a notification (Art. 11).
        var (_, incidentRecordId) = await _ledger.Record();
        var incidentId = await _ledger.Incident(incidentRecordId);

        // Received 1 September: 30 days from the next day, due 1 October, long past. Received 27 October: due this week.
        var overdueId = await cases.Open(CaseDriver.Request(at: CaseDriver.Day(2026, 9, 1)));
        var weekId = await cases.Open(CaseDriver.Request(at: CaseDriver.Day(2026, 10, 27)));
        // Received 2 November, a 補正 asked on the 4th and not yet made: the decision clock is stopped.
        var pausedId = await cases.Open(CaseDriver.Request(at: CaseDriver.Day(2026, 11, 2)));
        await cases.Step(pausedId, new RequestFormCorrection { Deficiency = "請求書に求める保有個人情報の特定が不足" }, CaseDriver.Day(2026, 11, 4));

        var overdue = await DecisionClock(overdueId);
        var week = await DecisionClock(weekId);
        var paused = await DecisionClock(pausedId);
        overdue.State.ShouldBe(ClockState.Overdue);
        overdue.DaysLeft!.Value.ShouldBeLessThan(0);
        week.DueOn!.Value.ShouldBeInRange(DateOnly.FromDateTime(Today.Date), new DateOnly(2026, 11, 29));
        week.DaysLeft.ShouldBe(week.DueOn.Value.DayNumber - new DateOnly(2026, 11, 25).DayNumber);
        paused.State.ShouldBe(ClockState.Paused);

        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-DASH-01", LedgerRoles.Staff);
        await page.GotoAsync("/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("ホーム");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("令和8年11月25日(水) 2026-11-25");

        // 期限超過 N日, in words beside the colour, the case linked to its page.
        var overdueRow = page.Locator($"table[data-deadlines=overdue] tr[data-case='{overdueId}']");
        (await overdueRow.Locator(".status--overdue").InnerTextAsync()).ShouldBe($"期限超過 {-overdue.DaysLeft!.Value}日");
        (await overdueRow.InnerTextAsync()).ShouldContain(Host.Web.Display.Date(overdue.DueOn!.Value));
        (await overdueRow.GetByRole(AriaRole.Link).GetAttributeAsync("href")).ShouldBe($"/requests/{overdueId}");
        (await page.Locator($"table[data-deadlines=week] tr[data-case='{overdueId}']").CountAsync()).ShouldBe(0);

        // あとN日 for this week's clock.
        var weekRow = page.Locator($"table[data-deadlines=week] tr[data-case='{weekId}']");
        (await weekRow.Locator(".status").InnerTextAsync()).ShouldStartWith($"あと{week.DaysLeft}日");
        (await weekRow.InnerTextAsync()).ShouldContain(Host.Web.Display.Date(week.DueOn!.Value));

        // The stopped clock and why (補正, with its article); not among the due or overdue ones.
        var pausedRow = page.Locator($"#paused-heading ~ .table-wrap tr[data-case='{pausedId}']");
        var pausedText = await pausedRow.InnerTextAsync();
        pausedText.ShouldContain("停止中（補正中）");
        pausedText.ShouldContain("補正中：補正を求めた日から補正が済むまでの期間は");
        pausedText.ShouldContain(CaseArticles.For(RequestKind.Disclosure).FormCorrection.Japanese);
        (await page.Locator($"table[data-deadlines] tr[data-case='{pausedId}']").CountAsync()).ShouldBe(0);

        // The incident still owing its person a notification.
        var incidentRow = page.Locator($"tr[data-incident='{incidentId}']");
        (await incidentRow.InnerTextAsync()).ShouldContain("未了 1人");
        (await incidentRow.GetByRole(AriaRole.Link).GetAttributeAsync("href")).ShouldBe($"/incidents/{incidentId}");

        // The record past retention: its disposal date, file and link.
        var recordRow = page.Locator($"tr[data-record='{dueRecordId}']");
        var recordText = await recordRow.InnerTextAsync();
        recordText.ShouldContain("廃棄期限 令和8年4月1日(水) 2026-04-01");
        recordText.ShouldContain("1年");
        (await recordRow.GetByRole(AriaRole.Link).First.GetAttributeAsync("href")).ShouldBe($"/records/{dueRecordId}");

        // The latest events, the 補正 last among them, linked to its case; no personal data anywhere on the page.
        var activity = page.Locator("#activity-heading ~ .table-wrap");
        (await activity.Locator("tbody tr").First.InnerTextAsync()).ShouldContain(CaseLabels(typeof(FormCorrectionRequested)));
        (await activity.Locator($"a[href='/requests/{pausedId}']").CountAsync()).ShouldBeGreaterThan(0);
        var main = await page.Locator("main").InnerTextAsync();
        main.ShouldNotContain("浦安 花子");
        main.ShouldNotContain("請求書に求める保有個人情報の特定が不足");
        main.ShouldNotContain("傍聴者名簿の写しを誤って");

        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "dashboard");

        // The page follows its links: the incident's page is one click away.
        await incidentRow.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/incidents/{incidentId}");
        fixture.Clock.Set(LedgerFixture.Today);
    }

    [Fact]
    public async Task another_role_is_sent_to_its_own_first_page_and_an_empty_section_says_so_in_words()
    {
        var web = await BrowserSession.Of(fixture);
        var auditor = await web.SignIn("S-WEB-DASH-02", LedgerRoles.Auditor);
        var response = await auditor.GotoAsync("/");
        new Uri(auditor.Url).AbsolutePath.ShouldBe("/audit");
        response.ShouldNotBeNull();

        // Long before any test's case: nothing is due, nothing is overdue, and the page says so.
        fixture.Clock.Set(CaseDriver.Day(2001, 4, 2));
        try
        {
            var page = await web.SignIn("S-WEB-DASH-03", LedgerRoles.Staff);
            await page.GotoAsync("/");
            var main = await page.Locator("main").InnerTextAsync();
            main.ShouldContain("期限を過ぎた請求はありません。");
            main.ShouldContain("今週（日曜日まで）に期限を迎える請求はありません。");
            main.ShouldContain("期限を過ぎた請求（0件）");
            await BrowserSession.ShouldPassAxe(page);
        }
        finally
        {
            fixture.Clock.Set(LedgerFixture.Today);
        }
    }

    [Fact]
    public async Task the_latest_events_are_also_the_apis_newest_first_without_personal_data_and_a_count_out_of_range_is_refused()
    {
        fixture.Clock.Set(LedgerFixture.Today);
        var (_, record) = await _ledger.Record();
        var incidentId = await _ledger.Incident(record);
        var http = fixture.CreateClient();
        var rows = await http.GetFromJsonAsync<List<ActivityRow>>("/api/activity?count=2", Host.Configuration.LedgerJson.Options);
        rows!.Count.ShouldBe(2);
        rows[0].StreamId.ShouldBe(incidentId);
        rows[0].Module.ShouldBe("incidents");
        rows[0].EventJa.ShouldBe(CaseLabels(typeof(Domain.Incidents.LeakIncidentReported)));
        rows[0].ArticleJa.ShouldBe("第9条");
        rows[0].Sequence.ShouldBeGreaterThan(rows[1].Sequence);
        rows[1].StreamId.ShouldBe(record);
        var json = await http.GetStringAsync("/api/activity?count=2");
        json.ShouldNotContain("浦安 花子");
        json.ShouldNotContain("傍聴者名簿の写しを誤って");
        (await http.GetAsync("/api/activity?count=0")).StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await http.GetAsync($"/api/activity?count={RecentActivity.MaxCount + 1}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    private static string CaseLabels(Type eventType) => Projections.Reporting.CaseLabels.Event(eventType);
}
