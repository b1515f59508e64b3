namespace AuditLedger.Domain.Tests;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;

/// <summary>
/// The clocks of a request case as its facts set them (pure: no store), and how a clock reads on a given day.
/// Urayasu profile; a request received Monday 2 June 2025 is due Wednesday 2 July (Art. 25(1), 民法第140条).
/// </summary>
public sealed class CaseClockTests
{
    private static readonly JurisdictionProfile Urayasu = ProfileLoader.LoadCatalog().Get("urayasu-council");
    private static readonly DateOnly Received = new(2025, 6, 2);

    private static RequestCase Case(RequestKind kind = RequestKind.Disclosure) =>
        new() { Id = Guid.NewGuid(), Kind = kind, JurisdictionId = Urayasu.Id, ReceivedOn = Received, LastStepOn = Received, Status = CaseStatus.Open };

    private static CaseClock Decision(RequestCase c, DateOnly? asOf = null) => CaseClocks.Of(c, Urayasu, asOf).Single(k => k.Party == ClockParty.Office && k.ClockId.EndsWith("-decision", StringComparison.Ordinal));

    [Theory]
    [InlineData(RequestKind.Disclosure, "disclosure-decision", "第25条第1項")]
    [InlineData(RequestKind.Correction, "correction-decision", "第35条第1項")]
    [InlineData(RequestKind.Suspension, "suspension-decision", "第42条第1項")]
    public void each_kind_of_request_runs_its_own_decision_clock_from_receipt(RequestKind kind, string clockId, string article)
    {
        var clock = Decision(Case(kind));
        clock.ClockId.ShouldBe(clockId);
        clock.ArticleJa.ShouldBe(article);
        clock.DueOn.ShouldBe(new DateOnly(2025, 7, 2));
    }

    [Fact]
    public void a_pending_correction_of_form_is_counted_up_to_the_day_asked_and_the_clock_reads_as_paused()
    {
        // Art. 25(1) proviso: 補正 requested 3 June and not yet complete. On 13 June, 4-13 June (10 days) do not count.
        var c = Case();
        c.FormCorrections.Add(new FormCorrectionSpan(new DateOnly(2025, 6, 3), null));
        var clock = Decision(c, new DateOnly(2025, 6, 13));
        clock.Paused.ShouldBeTrue();
        clock.PausedDays.ShouldBe(10);
        clock.DueOn.ShouldBe(new DateOnly(2025, 7, 14));   // day 30 is Saturday 12 July → Monday 14 July (民法第142条)
        ClockReading.On(clock, new DateOnly(2025, 6, 13), 7).State.ShouldBe(ClockState.Paused);
    }

    [Fact]
    public void a_special_deadline_sets_the_decision_to_the_stated_date_and_adds_the_60_day_clock_for_the_substantial_part()
    {
        // Art. 26(1): the substantial part within 60 days of the request (day 60 is Friday 1 August), the rest by the date notified.
        var c = Case();
        c.SpecialDueDate = new DateOnly(2025, 10, 31);
        var clocks = CaseClocks.Of(c, Urayasu);
        clocks.Single(k => k.ClockId == ClockIds.DisclosureDecision).DueOn.ShouldBe(new DateOnly(2025, 10, 31));
        clocks.Single(k => k.ClockId == ClockIds.DisclosureDecision).Rules.Last().Code.ShouldBe("special-deadline");
        clocks.Single(k => k.ClockId == ClockIds.LargeVolumePortion).DueOn.ShouldBe(new DateOnly(2025, 8, 1));
    }

    [Fact]
    public void a_withdrawn_request_stops_its_clock()
    {
        var c = Case();
        c.Status = CaseStatus.Withdrawn;
        c.WithdrawnOn = new DateOnly(2025, 6, 10);
        ClockReading.On(Decision(c), new DateOnly(2025, 8, 1), 7).State.ShouldBe(ClockState.Stopped);
    }

    [Theory]
    [InlineData("2025-06-20", null, ClockState.Running, 12)]
    [InlineData("2025-06-26", null, ClockState.DueSoon, 6)]
    [InlineData("2025-07-02", null, ClockState.DueSoon, 0)]
    [InlineData("2025-07-03", null, ClockState.Overdue, -1)]
    [InlineData("2025-07-10", "2025-07-02", ClockState.Met, null)]
    [InlineData("2025-07-10", "2025-07-03", ClockState.MetLate, null)]
    public void an_office_clock_reads_as_running_due_soon_overdue_met_or_met_late(string today, string? metOn, ClockState state, int? daysLeft)
    {
        var c = Case();
        if (metOn is not null) c.DecidedOn = DateOnly.Parse(metOn, System.Globalization.CultureInfo.InvariantCulture);
        var reading = ClockReading.On(Decision(c), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), 7);
        reading.State.ShouldBe(state);
        reading.DaysLeft.ShouldBe(daysLeft);
    }

    [Fact]
    public void a_requesters_window_expires_rather_than_falls_overdue_and_an_interval_waits_then_allows()
    {
        var c = Case();
        c.Outcome = CaseOutcome.DisclosedInFull;
        c.DecidedOn = new DateOnly(2025, 6, 20);
        c.ObjectionIntervalFrom = new DateOnly(2025, 6, 20);
        c.NoticeDeliveredOn = new DateOnly(2025, 6, 23);
        var clocks = CaseClocks.Of(c, Urayasu);
        var method = clocks.Single(k => k.ClockId == ClockIds.DisclosureMethodRequest);
        ClockReading.On(method, new DateOnly(2025, 7, 24), 7).State.ShouldBe(ClockState.Expired);
        var interval = clocks.Single(k => k.ClockId == ClockIds.ThirdPartyObjection);
        ClockReading.On(interval, new DateOnly(2025, 7, 4), 7).State.ShouldBe(ClockState.Waiting);
        ClockReading.On(interval, new DateOnly(2025, 7, 7), 7).State.ShouldBe(ClockState.Met);
    }

    [Fact]
    public void a_date_beyond_the_calendar_is_reported_as_unknown_rather_than_guessed()
    {
        // The calendar ends 2099-12-31 (the equinox formula's range): 2099-12-10 + 30 days is 2100-01-09.
        var c = Case();
        c.ReceivedOn = new DateOnly(2099, 12, 10);
        var clock = Decision(c);
        clock.DueOn.ShouldBeNull();
        clock.Problem.ShouldNotBeNullOrWhiteSpace();
        ClockReading.On(clock, new DateOnly(2099, 12, 11), 7).State.ShouldBe(ClockState.Unknown);
    }

    [Fact]
    public void a_date_in_a_derived_year_is_computed_and_names_the_year_whose_equinoxes_it_forecasts()
    {
        // Received Monday 2 June 2031: Art. 25(1) 30 days end Wednesday 2 July 2031, an open day in the year derived from 祝日法.
        var c = Case();
        c.ReceivedOn = new DateOnly(2031, 6, 2);
        var clock = Decision(c);
        clock.DueOn.ShouldBe(new DateOnly(2031, 7, 2));
        clock.Problem.ShouldBeNull();
        clock.EquinoxForecastYears.ShouldBe([2031]);
        clock.Rules.ShouldContain(r => r.Code == "equinox-forecast");
    }
}
