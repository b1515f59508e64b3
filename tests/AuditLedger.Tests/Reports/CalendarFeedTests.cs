namespace AuditLedger.Tests.Reports;

using Microsoft.Extensions.DependencyInjection;

using System.Net;
using System.Net.Http.Json;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Requests;
using AuditLedger.Tests.Support;
using Ical.Net;
using static AuditLedger.Tests.Support.CaseDriver;

/// <summary>
/// The deadline feed (iCalendar, RFC 5545) over HTTP, parsed back with Ical.Net: one all-day event per open clock on the
/// engine's due date, a UID stable per case and clock, no personal data, and a token required (header or access_token).
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CalendarFeedTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();

    [Fact]
    public async Task the_feed_has_an_all_day_event_on_each_open_clocks_due_date_and_no_personal_data()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var name = $"暦野 {marker}太郎";
        var address = $"千葉県浦安市暦町{marker}番地";
        var request = Request(RequestKind.Disclosure, fixture.Clock.GetUtcNow());
        var person = request.DataSubjectId;
        request = request with { Requester = [new PersonalData(person, PersonalDataKind.Name, name), new PersonalData(person, PersonalDataKind.Address, address)] };
        var cases = new CaseDriver(new LedgerDriver(fixture));
        var caseId = await cases.Open(request);

        var response = await _http.GetAsync(DeadlineCalendar.Route);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain(name);
        body.ShouldNotContain(marker + "太郎");
        body.ShouldNotContain(address);
        body.ShouldNotContain("浦安 花子");   // the drivers' requester, in the other tests' cases

        var calendar = Calendar.Load(body)!;
        var engine = (await _http.GetFromJsonAsync<List<DeadlineRow>>("/api/deadlines", LedgerJson.Options))!;
        // One event per open clock with a due date, all cases of the office.
        calendar.Events.Count.ShouldBe(engine.Count(r => r.DueOn is not null));
        calendar.Events.Select(e => e.Uid).ShouldBeUnique();

        var clocks = engine.Where(r => r.CaseId == caseId && r.DueOn is not null).ToList();
        clocks.ShouldNotBeEmpty();
        foreach (var clock in clocks)
        {
            var e = calendar.Events.Single(e => e.Uid == DeadlineCalendar.Uid(caseId, clock.ClockId));
            e.IsAllDay.ShouldBeTrue();
            DateOnly.FromDateTime(e.Start!.Value).ShouldBe(clock.DueOn!.Value);
            e.Summary.ShouldBe($"開示請求 {DeadlineCalendar.Reference(caseId)}: {clock.NameJa}");
            e.Description!.ShouldContain(clock.ArticleJa);
        }
        // The decision clock is the engine's: received today, decided within the ordinance's days.
        var report = await _http.GetFromJsonAsync<CaseDeadlineReport>($"/api/cases/{caseId}/deadlines", LedgerJson.Options);
        report!.Clocks.Where(c => c.DueOn is not null && c.State.IsOpen()).Select(c => DeadlineCalendar.Uid(caseId, c.ClockId))
            .ShouldBeSubsetOf(calendar.Events.Select(e => e.Uid));

        // The same UID on the next read: a subscribed calendar updates the event instead of adding one.
        var again = Calendar.Load(await _http.GetStringAsync(DeadlineCalendar.Route))!;
        again.Events.Select(e => e.Uid).ShouldBe(calendar.Events.Select(e => e.Uid), ignoreOrder: true);
    }

    [Fact]
    public async Task the_feed_needs_a_token_and_takes_it_as_access_token_on_get()
    {
        var anonymous = fixture.ClientAs("nobody");
        var refused = await anonymous.GetAsync(DeadlineCalendar.Route);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("BEGIN:VCALENDAR");

        await fixture.User("S-CAL-01");
        var token = fixture.Token("S-CAL-01", LedgerRoles.Staff);
        var subscribed = await anonymous.GetAsync($"{DeadlineCalendar.Route}?access_token={Uri.EscapeDataString(token)}");
        subscribed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await subscribed.Content.ReadAsStringAsync()).ShouldStartWith("BEGIN:VCALENDAR");

        // The review board reads only the timelines referred to it, not the office's deadlines.
        await fixture.User("S-CAL-BOARD", LedgerRoles.ReviewBoard);
        (await fixture.ClientAs("S-CAL-BOARD", LedgerRoles.ReviewBoard).GetAsync(DeadlineCalendar.Route)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_calendar_token_reads_the_feed_and_nothing_else_and_no_page_takes_a_token()
    {
        await fixture.User("S-CAL-02");
        var tokens = fixture.Services.GetRequiredService<LedgerTokens>();
        var calendarToken = tokens.Issue("S-CAL-02", [LedgerRoles.Staff], TimeSpan.FromDays(30), LedgerTokens.CalendarScope);
        var client = fixture.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        string WithToken(string path) => $"{path}{(path.Contains('?') ? '&' : '?')}access_token={Uri.EscapeDataString(calendarToken)}";

        var feed = await client.GetAsync(WithToken(DeadlineCalendar.Route));
        feed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await feed.Content.ReadAsStringAsync()).ShouldStartWith("BEGIN:VCALENDAR");

        foreach (var path in new[] { "/api/deadlines", "/api/register", "/api/records/disposal-due", "/register/internal.csv" })
        {
            var refused = await client.GetAsync(WithToken(path));
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("access.token-scope");
        }
        var write = new HttpRequestMessage(HttpMethod.Post, "/api/files") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        write.Headers.Authorization = new("Bearer", calendarToken);
        (await client.SendAsync(write)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A page takes the signed-in session alone: even a full token in its URL is sent to sign in.
        var page = await client.GetAsync(WithToken("/requests").Replace(Uri.EscapeDataString(calendarToken), Uri.EscapeDataString(fixture.Token("S-CAL-02", LedgerRoles.Staff))));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
    }
}
