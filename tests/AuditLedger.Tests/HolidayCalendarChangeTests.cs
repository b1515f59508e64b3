namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Deadlines.Calendars;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Operations;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Access;
using AuditLedger.Projections.Annual;
using AuditLedger.Tests.Support;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static AuditLedger.Tests.Support.CaseDriver;

/// <summary>
/// A corrected or newly published holiday calendar reaches what is stored. A case is recorded under the calendar
/// shipped with the service; a second instance of the service starts on the same ledger with a corrected list in force
/// (<c>AuditLedger:HolidayCalendarFile</c>); the open case's due date, the deadline view's "met late", the annual status's
/// in-time count and the auditors' replay all follow it, each naming the calendar's version.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class HolidayCalendarChangeTests(LedgerFixture fixture)
{
    private static readonly HolidayCalendar Shipped = HolidayCalendar.JapanNational;

    [Fact]
    public async Task a_corrected_calendar_moves_the_due_date_the_view_the_annual_in_time_count_and_the_replay_and_each_names_its_version()
    {
        var cases = new CaseDriver(new LedgerDriver(fixture));
        var http = await Client(fixture, LedgerRoles.Staff);

        // Received Monday 1 June 2026. Art. 25(1), 民法第140条: 30 days from 2 June end Wednesday 1 July, an open day.
        // Decided Thursday 2 July: one day late. A second case, still open, is due Wednesday 1 July too.
        var decided = await cases.Verified(at: Day(2026, 6, 1));
        await cases.Decide(decided, CaseOutcome.DisclosedInFull, Day(2026, 7, 2));
        var open = await cases.Verified(at: Day(2026, 6, 1));
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var before = await Get<CaseDeadlineReport>(http, $"/api/cases/{decided}/deadlines");
        before.CalendarVersion.ShouldBe(Shipped.Version);
        before.Clocks.Single().ShouldSatisfyAllConditions(c => c.DueOn.ShouldBe(new DateOnly(2026, 7, 1)), c => c.State.ShouldBe(ClockState.MetLate));
        (await Get<CaseDeadlineReport>(http, $"/api/cases/{open}/deadlines")).Clocks.Single().DueOn.ShouldBe(new DateOnly(2026, 7, 1));
        var statusBefore = await Get<AnnualStatusDocument>(http, "/api/annual-status/2026");
        statusBefore.CalendarVersion.ShouldBe(Shipped.Version);
        var countedBefore = statusBefore.Status.Deadlines.Single(d => d.Kind == RequestKind.Disclosure);
        (await Decision(decided)).InTime.ShouldBe(false);

        // A corrected list comes into force: 1 July 2026 is a holiday in it (a correction made up for the test), published 15 July.
        var file = Path.Combine(Directory.CreateTempSubdirectory("auditledger-calendar-").FullName, "japan-national-holidays.csv");
        await File.WriteAllTextAsync(file, ShippedText().Replace("# published: 2026-02-02", "# published: 2026-07-15", StringComparison.Ordinal)
            + "2026-07-01,休日（訂正の試験）\n");
        var corrected = HolidayCalendar.Load(file);
        corrected.Version.ShouldNotBe(Shipped.Version);
        corrected.Version.ShouldStartWith("2026-07-15+");

        await using var second = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            LedgerFixture.UseTestLedger(b, fixture.Clock);
            b.UseSetting(LedgerJurisdictions.HolidayCalendarFileKey, file);
        });
        try
        {
            var http2 = await Client(second, LedgerRoles.Staff);   // starting it rebuilds the views counted with the shipped calendar

            // The decided case: due Thursday 2 July (民法第142条: the last day is now a closed day), so decided in time.
            var after = await Get<CaseDeadlineReport>(http2, $"/api/cases/{decided}/deadlines");
            after.CalendarVersion.ShouldBe(corrected.Version);
            after.HistoryCalendarVersion.ShouldBeNull();
            var clock = after.Clocks.Single();
            clock.DueOn.ShouldBe(new DateOnly(2026, 7, 2));
            clock.State.ShouldBe(ClockState.Met);
            clock.CalendarVersion.ShouldBe(corrected.Version);
            after.Rules["disclosure-decision"].ShouldContain(r => r.Code == "closed-day" && r.Ja.Contains("訂正の試験"));
            after.History.First().DueAfter.ShouldBe(new DateOnly(2026, 7, 2));

            // The open case's due date moves too, in the query of what is due as well as in the case's own view.
            (await Get<CaseDeadlineReport>(http2, $"/api/cases/{open}/deadlines")).Clocks.Single().DueOn.ShouldBe(new DateOnly(2026, 7, 2));
            (await Get<List<DeadlineRow>>(http2, "/api/deadlines?filter=overdue")).Single(r => r.CaseId == open)
                .ShouldSatisfyAllConditions(r => r.DueOn.ShouldBe(new DateOnly(2026, 7, 2)), r => r.CalendarVersion.ShouldBe(corrected.Version));

            // The annual status: the decision now counts as in time.
            var statusAfter = await Get<AnnualStatusDocument>(http2, "/api/annual-status/2026");
            statusAfter.CalendarVersion.ShouldBe(corrected.Version);
            var counted = statusAfter.Status.Deadlines.Single(d => d.Kind == RequestKind.Disclosure);
            (counted.InTime, counted.Late).ShouldBe((countedBefore.InTime + 1, countedBefore.Late - 1));
            (await Decision(decided)).ShouldSatisfyAllConditions(d => d.InTime.ShouldBe(true), d => d.DueOn.ShouldBe(new DateOnly(2026, 7, 2)));

            // The auditors' replay of this moment folds the events with the calendar in force: the same clocks and history.
            var asOf = Uri.EscapeDataString(fixture.Clock.GetUtcNow().ToString("O"));
            var replayed = await Get<CaseDeadlineReport>(await Client(second, LedgerRoles.Auditor), $"/api/replay/deadlines/{decided}?asOf={asOf}");
            replayed.CalendarVersion.ShouldBe(corrected.Version);
            Json(replayed.Clocks).ShouldBe(Json(after.Clocks));
            Json(replayed.History).ShouldBe(Json(after.History));

            // The first instance, still on the shipped calendar, never shows a date counted with another: it recounts the
            // view from its facts and says the stored history was counted with the corrected calendar.
            var onShipped = await Get<CaseDeadlineReport>(http, $"/api/cases/{decided}/deadlines");
            onShipped.CalendarVersion.ShouldBe(Shipped.Version);
            onShipped.HistoryCalendarVersion.ShouldBe(corrected.Version);
            onShipped.Clocks.Single().ShouldSatisfyAllConditions(c => c.DueOn.ShouldBe(new DateOnly(2026, 7, 1)), c => c.State.ShouldBe(ClockState.MetLate));
        }
        finally
        {
            await second.DisposeAsync();
            // Back to the shipped calendar for the other tests: the same start-up step, run on the fixture's store.
            (await CalendarRefresh.EnsureCurrent(fixture.Store, Shipped.Version, CancellationToken.None)).ShouldBe([nameof(Projections.Deadlines.CaseDeadlines), nameof(Projections.Deadlines.CaseOpenClocks), nameof(AnnualStatus)]);
            File.Delete(file);
        }
        (await Get<CaseDeadlineReport>(http, $"/api/cases/{decided}/deadlines")).ShouldSatisfyAllConditions(
            r => r.HistoryCalendarVersion.ShouldBeNull(), r => r.Clocks.Single().State.ShouldBe(ClockState.MetLate));
        (await Decision(decided)).InTime.ShouldBe(false);
        (await CalendarRefresh.EnsureCurrent(fixture.Store, Shipped.Version, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_view_stored_before_calendar_versions_were_kept_is_found_stale_and_rebuilt()
    {
        var cases = new CaseDriver(new LedgerDriver(fixture));
        var id = await cases.Verified(at: Day(2026, 6, 1));
        await using (var owner = new Npgsql.NpgsqlConnection(LedgerFixture.ConnectionString))
        {
            await owner.OpenAsync();
            await using var strip = new Npgsql.NpgsqlCommand(
                $"update {LedgerConfiguration.SchemaName}.mt_doc_casedeadlines set data = data - 'CalendarVersion' where id = @id", owner);
            strip.Parameters.AddWithValue("id", id);
            (await strip.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        (await CalendarRefresh.EnsureCurrent(fixture.Store, Shipped.Version, CancellationToken.None)).ShouldBe([nameof(Projections.Deadlines.CaseDeadlines)]);
        await using var session = fixture.Store.TenantQuerySession();
        (await session.LoadAsync<Projections.Deadlines.CaseDeadlines>(id))!.CalendarVersion.ShouldBe(Shipped.Version);
    }

    private static string ShippedText()
    {
        using var stream = typeof(HolidayCalendar).Assembly.GetManifestResourceStream(HolidayCalendar.JapanNationalResource)!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// A client of either instance, as a member of staff or as an auditor (the replay is the auditors'): one role per user,
    /// as the user directory gives it, so each role is its own user.
    /// </summary>
    private async Task<HttpClient> Client(WebApplicationFactory<Program> factory, string role)
    {
        var user = role == LedgerRoles.Auditor ? "A-CALENDAR" : "S-TEST";
        await fixture.User(user, role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token(user, role));
        client.DefaultRequestHeaders.Remove(LedgerSecurity.PurposeHeader);
        client.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "holiday calendar change test");
        return client;
    }

    private async Task<DecisionEntry> Decision(Guid caseId)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return (await session.LoadAsync<AnnualStatus>(2026))!.Decisions.Single(d => d.CaseId == caseId);
    }

    private static async Task<T> Get<T>(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(LedgerJson.Options))!;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, LedgerJson.Options);
}
