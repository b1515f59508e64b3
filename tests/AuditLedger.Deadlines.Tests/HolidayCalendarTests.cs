using AuditLedger.Deadlines.Calendars;
using static AuditLedger.Deadlines.Tests.Profiles;

namespace AuditLedger.Deadlines.Tests;

// Expected dates are those of 内閣府「国民の祝日について」 (syukujitsu.csv) for 2019-2026 and the 2027 list.
public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.JapanNational;

    [Theory]
    // 2019: 即位の日 and the days made 国民の休日 around it; 即位礼正殿の儀; substitutes
    [InlineData("2019-04-30")]
    [InlineData("2019-05-01")]
    [InlineData("2019-05-02")]
    [InlineData("2019-05-06")]
    [InlineData("2019-10-22")]
    [InlineData("2019-11-04")]
    // 2020: Olympic moves of 海の日, スポーツの日, 山の日; 天皇誕生日 now Feb 23 with its substitute
    [InlineData("2020-02-24")]
    [InlineData("2020-07-23")]
    [InlineData("2020-07-24")]
    [InlineData("2020-08-10")]
    // 2021: the moves again, 山の日 on a Sunday with its substitute
    [InlineData("2021-07-22")]
    [InlineData("2021-07-23")]
    [InlineData("2021-08-08")]
    [InlineData("2021-08-09")]
    // 2022-2027: a few fixed, Monday, equinox and substitute holidays per year
    [InlineData("2022-03-21")]
    [InlineData("2022-10-10")]
    [InlineData("2023-01-02")]
    [InlineData("2023-07-17")]
    [InlineData("2024-02-12")]
    [InlineData("2024-09-23")]
    [InlineData("2024-11-04")]
    [InlineData("2025-02-24")]
    [InlineData("2025-11-24")]
    [InlineData("2026-05-06")]
    [InlineData("2026-09-22")]
    [InlineData("2026-09-23")]
    [InlineData("2027-03-21")]
    [InlineData("2027-03-22")]
    [InlineData("2027-10-11")]
    public void published_holidays_are_holidays(string date) =>
        Calendar.IsHoliday(D(date)).ShouldBeTrue($"{date} is in the Cabinet Office list");

    [Theory]
    [InlineData("2019-12-23")] // no 天皇誕生日 in 2019 (the Emperor changed; Feb 23 from 2020)
    [InlineData("2020-07-20")] // 海の日 moved to July 23 in 2020
    [InlineData("2020-08-11")] // 山の日 moved to August 10 in 2020
    [InlineData("2020-10-12")] // スポーツの日 moved to July 24 in 2020
    [InlineData("2021-10-11")] // スポーツの日 moved to July 23 in 2021
    [InlineData("2021-08-11")] // 山の日 moved to August 8 in 2021
    [InlineData("2026-12-29")] // year-end closure is an office rule of the profile, not a national holiday
    [InlineData("2027-01-02")]
    public void days_that_are_not_national_holidays_are_not_listed(string date) =>
        Calendar.IsHoliday(D(date)).ShouldBeFalse();

    [Theory]
    [InlineData(2019, 22)]
    [InlineData(2020, 18)]
    [InlineData(2021, 17)]
    [InlineData(2022, 16)]
    [InlineData(2023, 17)]
    [InlineData(2024, 21)]
    [InlineData(2025, 19)]
    [InlineData(2026, 18)]
    [InlineData(2027, 17)]
    public void each_covered_year_has_its_published_number_of_holidays(int year, int count) =>
        Calendar.Holidays.Keys.Count(d => d.Year == year).ShouldBe(count);

    [Fact]
    public void the_list_covers_2019_through_2027_and_the_law_is_derived_through_2099()
    {
        (Calendar.CoverageFirst, Calendar.PublishedLast, Calendar.CoverageLast).ShouldBe((D("2019-01-01"), D("2027-12-31"), D("2099-12-31")));
        Calendar.Entries.Values.Where(h => h.Date.Year <= 2027).ShouldAllBe(h => h.Source == HolidaySource.Published);
        Calendar.Entries.Values.Where(h => h.Date.Year >= 2028).ShouldAllBe(h => h.Source == HolidaySource.Derived);
    }

    [Theory]
    [InlineData("2018-12-31")]
    [InlineData("2100-01-01")]
    public void a_day_outside_the_coverage_is_refused_not_treated_as_a_working_day(string date)
    {
        var e = Should.Throw<DeadlineException>(() => Calendar.IsHoliday(D(date)));
        e.Code.ShouldBe(DeadlineErrorCodes.OutsideCalendarCoverage);
        e.MessageEn.ShouldContain(date);
        e.MessageEn.ShouldContain("2019-01-01..2099-12-31");
    }

    [Fact]
    public void a_deadline_running_past_the_coverage_is_refused()
    {
        // Urayasu Art. 25(1): 2099-12-10 + 30 days = 2100-01-09, beyond the equinox formula's range and so the calendar.
        var e = Should.Throw<DeadlineException>(() => Due(Urayasu, "disclosure-decision", "2099-12-10"));
        e.Code.ShouldBe(DeadlineErrorCodes.OutsideCalendarCoverage);
    }

    [Fact]
    public void a_deadline_that_ran_out_at_the_end_of_2027_is_now_computed_with_the_derived_2028()
    {
        // Urayasu Art. 25(1): 2027-12-10 + 30 days = Sun 2028-01-09; 01-10 is 成人の日 (2nd Monday), so Tue 2028-01-11.
        var r = Due(Urayasu, "disclosure-decision", "2027-12-10");
        r.DueDate.ShouldBe(D("2028-01-11"));
        r.EquinoxForecastYears.ShouldBe([2028]);
        r.CalendarVersion.ShouldBe(Calendar.Version);
        r.Rules.ShouldContain(x => x.Code == "closed-day" && x.Ja.Contains("成人の日、祝日法から導出") && x.En.Contains("derived from the National Holidays Act"));
    }

    [Fact]
    public void a_deadline_moved_by_a_forecast_equinox_says_so()
    {
        // Urayasu Art. 25(1): 2029-08-24 + 30 = Sun 2029-09-23 (秋分の日, forecast), Mon 09-24 its 振替休日, so Tue 2029-09-25.
        var r = Due(Urayasu, "disclosure-decision", "2029-08-24");
        r.DueDate.ShouldBe(D("2029-09-25"));
        r.Rules.ShouldContain(x => x.Code == "closed-day" && x.Ja.Contains("秋分の日、祝日法から導出・春分日/秋分日は未公表のため予測") && x.Ja.Contains("休日（振替休日）"));
        r.EquinoxForecastYears.ShouldBe([2029]);
    }

    [Fact]
    public void a_deadline_inside_the_published_years_rests_on_no_forecast()
    {
        var r = Due(Urayasu, "disclosure-decision", "2026-04-01");
        r.EquinoxesUnpublished.ShouldBeFalse();
        r.Rules.ShouldNotContain(x => x.Code == "equinox-forecast");
    }

    [Fact]
    public void the_version_changes_with_the_list_and_is_stable_for_the_same_text()
    {
        const string list = "# coverage: 2026-01-01..2026-12-31\n# published: 2025-02-03\ndate,name\n2026-01-01,元日\n";
        var a = HolidayCalendar.Parse("x.csv", list);
        HolidayCalendar.Parse("y.csv", list.Replace("\n", "\r\n")).Version.ShouldBe(a.Version);
        a.Version.ShouldStartWith("2025-02-03+");
        HolidayCalendar.Parse("x.csv", list + "2026-01-12,成人の日\n").Version.ShouldNotBe(a.Version);
        Calendar.Version.ShouldStartWith("2026-02-02+");
    }

    [Fact]
    public void a_list_covering_part_of_a_year_is_refused() =>
        Should.Throw<DeadlineException>(() => HolidayCalendar.Parse("x.csv", "# coverage: 2026-01-01..2026-06-30\ndate,name\n2026-01-01,元日\n"))
            .Code.ShouldBe(DeadlineErrorCodes.InvalidCalendar);

    [Fact]
    public void a_start_before_the_coverage_is_refused() =>
        Should.Throw<DeadlineException>(() => Due(Urayasu, "disclosure-decision", "2018-12-20"))
            .Code.ShouldBe(DeadlineErrorCodes.OutsideCalendarCoverage);

    [Fact]
    public void a_calendar_file_without_coverage_line_is_refused() =>
        Should.Throw<DeadlineException>(() => HolidayCalendar.Parse("x.csv", "date,name\n2026-01-01,元日\n"))
            .Code.ShouldBe(DeadlineErrorCodes.InvalidCalendar);

    [Fact]
    public void a_calendar_row_outside_its_declared_coverage_is_refused() =>
        Should.Throw<DeadlineException>(() => HolidayCalendar.Parse("x.csv", "# coverage: 2026-01-01..2026-12-31\ndate,name\n2027-01-01,元日\n"))
            .Code.ShouldBe(DeadlineErrorCodes.InvalidCalendar);
}
