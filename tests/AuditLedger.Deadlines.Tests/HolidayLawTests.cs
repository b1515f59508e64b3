using AuditLedger.Deadlines.Calendars;
using NodaTime;
using static AuditLedger.Deadlines.Tests.Profiles;

namespace AuditLedger.Deadlines.Tests;

// The holidays of 2028-2099 derived from 国民の祝日に関する法律. Expected dates were worked out by hand from the law's
// text (第2条 fixed days and "第n月曜日", 第3条第2項 振替休日, 第3条第3項 国民の休日) and the equinox formula; the
// published list 2019-2027 is the check that the derivation reads the law as the Cabinet Office does.
public class HolidayLawTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.JapanNational;

    /// <summary>The rows the special laws of 2019-2021 made: the derivation must not produce them, the list must keep them.</summary>
    private static readonly string[] SpecialLawRows =
    [
        // 平成30年法律第99号: 即位の日 and 即位礼正殿の儀, and the 国民の休日 that 第3条第3項 makes of the days between.
        "2019-04-30", "2019-05-01", "2019-05-02", "2019-10-22",
        // 平成27年法律第33号 as amended (Olympic moves): 海の日, スポーツの日, 山の日 and the substitute of 2021-08-08.
        "2020-07-23", "2020-07-24", "2020-08-10",
        "2021-07-22", "2021-07-23", "2021-08-08", "2021-08-09",
    ];

    /// <summary>The ordinary dates those special laws displaced, which the derivation (the law without them) gives.</summary>
    private static readonly string[] DisplacedByLaw =
    [
        "2020-07-20", "2020-08-11", "2020-10-12",
        "2021-07-19", "2021-08-11", "2021-10-11",
    ];

    [Fact]
    public void the_derivation_gives_exactly_the_published_list_for_every_year_the_law_was_not_changed_by_a_special_law()
    {
        for (var year = 2022; year <= 2027; year++)
        {
            var published = Calendar.Entries.Values.Where(h => h.Date.Year == year).Select(h => (h.Date, h.Name, h.Kind)).OrderBy(h => h.Date).ToList();
            var derived = JapaneseHolidayLaw.Derive(year, equinoxesPublished: true).Select(h => (h.Date, h.Name, h.Kind)).ToList();
            derived.ShouldBe(published, $"{year}");
        }
    }

    [Fact]
    public void in_2019_to_2021_the_list_and_the_derivation_differ_exactly_by_the_special_laws()
    {
        var published = Calendar.Entries.Keys.Where(d => d.Year is >= 2019 and <= 2021).ToHashSet();
        var derived = Enumerable.Range(2019, 3).SelectMany(y => JapaneseHolidayLaw.Derive(y)).Select(h => h.Date).ToHashSet();
        published.Except(derived).Order().Select(Iso).ShouldBe(SpecialLawRows);
        derived.Except(published).Order().Select(Iso).ShouldBe(DisplacedByLaw);
    }

    [Fact]
    public void the_published_list_of_2019_to_2027_is_exactly_the_file_unchanged()
    {
        // Every row of the shipped file is in the calendar as published, with its name, and nothing else is in those years.
        using var stream = typeof(HolidayCalendar).Assembly.GetManifestResourceStream(HolidayCalendar.JapanNationalResource)!;
        var rows = new StreamReader(stream).ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is >= '0' and <= '9')
            .Select(l => l.Split(',', 2)).Select(p => (Date: D(p[0]), Name: p[1])).ToList();
        rows.Count.ShouldBe(165);
        var listed = Calendar.Entries.Values.Where(h => h.Date.Year <= 2027).OrderBy(h => h.Date).ToList();
        listed.Select(h => (h.Date, h.Name)).ShouldBe(rows);
        listed.ShouldAllBe(h => h.Source == HolidaySource.Published && !h.EquinoxForecast);
    }

    [Theory]
    // 2019-2027 from the list, then the formula's forecasts (the latter as published in forecasts of those years).
    [InlineData(2019, "2019-03-21", "2019-09-23")]
    [InlineData(2020, "2020-03-20", "2020-09-22")]
    [InlineData(2024, "2024-03-20", "2024-09-22")]
    [InlineData(2027, "2027-03-21", "2027-09-23")]
    [InlineData(2028, "2028-03-20", "2028-09-22")]
    [InlineData(2035, "2035-03-21", "2035-09-23")]
    [InlineData(2099, "2099-03-20", "2099-09-23")]
    public void the_equinox_formula_gives_the_published_days_and_forecasts_the_rest(int year, string vernal, string autumnal)
    {
        JapaneseHolidayLaw.VernalEquinoxDay(year).ShouldBe(D(vernal));
        JapaneseHolidayLaw.AutumnalEquinoxDay(year).ShouldBe(D(autumnal));
        Calendar.Entry(D(vernal))!.Name.ShouldBe("春分の日");
        Calendar.Entry(D(autumnal))!.Name.ShouldBe("秋分の日");
        Calendar.Entry(D(vernal))!.EquinoxForecast.ShouldBe(year >= 2028);
    }

    [Fact]
    public void the_formula_is_refused_outside_its_range() =>
        Should.Throw<ArgumentOutOfRangeException>(() => JapaneseHolidayLaw.VernalEquinoxDay(2100));

    [Fact]
    public void the_holidays_of_2028_follow_the_law()
    {
        // 2028-01-01 is a Saturday: 成人の日 the 2nd Monday 01-10; 海の日 3rd Monday 07-17; 敬老の日 3rd Monday 09-18;
        // スポーツの日 2nd Monday 10-09. No 国民の祝日 falls on a Sunday, so no 振替休日; 04-29 on Saturday gets none either.
        var holidays = Calendar.Entries.Values.Where(h => h.Date.Year == 2028).Select(h => $"{Iso(h.Date)} {h.Name}").ToList();
        holidays.ShouldBe([
            "2028-01-01 元日", "2028-01-10 成人の日", "2028-02-11 建国記念の日", "2028-02-23 天皇誕生日", "2028-03-20 春分の日",
            "2028-04-29 昭和の日", "2028-05-03 憲法記念日", "2028-05-04 みどりの日", "2028-05-05 こどもの日", "2028-07-17 海の日",
            "2028-08-11 山の日", "2028-09-18 敬老の日", "2028-09-22 秋分の日", "2028-10-09 スポーツの日", "2028-11-03 文化の日",
            "2028-11-23 勤労感謝の日",
        ]);
    }

    [Theory]
    // Happy Monday days (第2条 「第2月曜日」「第3月曜日」), worked out from the weekday of the 1st of the month.
    [InlineData("2030-01-14", "成人の日")]      // 2030-01-01 Tue: Mondays 7, 14
    [InlineData("2030-07-15", "海の日")]        // 2030-07-01 Mon: 1, 8, 15
    [InlineData("2030-09-16", "敬老の日")]      // 2030-09-01 Sun: 2, 9, 16
    [InlineData("2030-10-14", "スポーツの日")]  // 2030-10-01 Tue: 7, 14
    [InlineData("2045-01-09", "成人の日")]      // 2045-01-01 Sun: 2, 9
    [InlineData("2045-07-17", "海の日")]        // 2045-07-01 Sat: 3, 10, 17
    [InlineData("2099-10-12", "スポーツの日")]  // 2099-10-01 Thu: 5, 12
    public void monday_holidays_fall_on_the_monday_the_law_names(string date, string name)
    {
        var h = Calendar.Entry(D(date))!;
        h.Name.ShouldBe(name);
        h.Date.DayOfWeek.ShouldBe(IsoDayOfWeek.Monday);
        h.Source.ShouldBe(HolidaySource.Derived);
    }

    [Theory]
    // 振替休日 after a Sunday equinox (第3条第2項): the equinox on Sunday, the Monday after is a holiday, a forecast like it.
    [InlineData("2029-09-23", "2029-09-24")] // 秋分の日 Sun
    [InlineData("2033-03-20", "2033-03-21")] // 春分の日 Sun
    [InlineData("2035-09-23", "2035-09-24")] // 秋分の日 Sun
    [InlineData("2044-03-20", "2044-03-21")] // 春分の日 Sun
    public void a_sunday_equinox_gives_a_substitute_holiday_on_the_monday(string equinox, string substitute)
    {
        D(equinox).DayOfWeek.ShouldBe(IsoDayOfWeek.Sunday);
        var h = Calendar.Entry(D(substitute))!;
        h.Kind.ShouldBe(HolidayKind.SubstituteHoliday);
        h.Name.ShouldBe("休日（振替休日）");
        h.EquinoxForecast.ShouldBeTrue();
    }

    [Theory]
    // 国民の休日 in September (第3条第3項): 敬老の日 on the 3rd Monday and 秋分の日 on the Wednesday after.
    [InlineData("2026-09-22")] // published (Tue between 09-21 and 09-23)
    [InlineData("2032-09-21")] // 09-20 敬老の日, 09-22 秋分の日
    [InlineData("2037-09-22")] // 09-21, 09-23
    [InlineData("2043-09-22")] // 09-21, 09-23
    [InlineData("2049-09-21")] // 09-20, 09-22
    public void a_day_between_respect_for_the_aged_day_and_the_autumnal_equinox_is_a_citizens_holiday(string date)
    {
        var h = Calendar.Entry(D(date))!;
        h.Kind.ShouldBe(HolidayKind.CitizensHoliday);
        h.Name.ShouldBe("休日（国民の休日）");
        Calendar.Entry(D(date).PlusDays(-1))!.Name.ShouldBe("敬老の日");
        Calendar.Entry(D(date).PlusDays(1))!.Name.ShouldBe("秋分の日");
        h.EquinoxForecast.ShouldBe(D(date).Year >= 2028);
    }

    [Theory]
    // A Sunday holiday followed by more holidays: the substitute is the first day after that is not a 国民の祝日.
    [InlineData("2031-05-04", "2031-05-06")] // みどりの日 Sun: 05-05 is こどもの日, so Tue 05-06
    [InlineData("2037-05-03", "2037-05-06")] // 憲法記念日 Sun: 05-04, 05-05 are holidays, so Wed 05-06
    [InlineData("2034-01-01", "2034-01-02")] // 元日 Sun
    public void a_substitute_holiday_is_the_nearest_following_day_that_is_not_a_national_holiday(string sunday, string substitute)
    {
        D(sunday).DayOfWeek.ShouldBe(IsoDayOfWeek.Sunday);
        Calendar.Entry(D(substitute))!.Kind.ShouldBe(HolidayKind.SubstituteHoliday);
        Calendar.Entry(D(substitute))!.EquinoxForecast.ShouldBeFalse();
    }

    [Fact]
    public void every_derived_year_obeys_the_rules_of_article_3()
    {
        // Properties over every derived year 2028-2099 (the whole domain, not a sample).
        for (var year = 2028; year <= 2099; year++)
        {
            var all = Calendar.Entries.Values.Where(h => h.Date.Year == year).ToDictionary(h => h.Date);
            var national = all.Values.Where(h => h.Kind == HolidayKind.NationalHoliday).Select(h => h.Date).ToHashSet();
            national.Count.ShouldBe(16, $"{year}: 16 国民の祝日 under 第2条");
            foreach (var h in all.Values)
            {
                h.Source.ShouldBe(HolidaySource.Derived);
                switch (h.Kind)
                {
                    case HolidayKind.SubstituteHoliday:
                    {
                        // Never a Sunday; the days back to it are 国民の祝日, and the first of them is a Sunday 国民の祝日.
                        h.Date.DayOfWeek.ShouldNotBe(IsoDayOfWeek.Sunday, $"{Iso(h.Date)}");
                        var d = h.Date.PlusDays(-1);
                        while (d.DayOfWeek != IsoDayOfWeek.Sunday)
                        {
                            national.ShouldContain(d, $"{Iso(h.Date)}: {Iso(d)} before it");
                            d = d.PlusDays(-1);
                        }
                        national.ShouldContain(d, $"{Iso(h.Date)}: the Sunday {Iso(d)}");
                        break;
                    }
                    case HolidayKind.CitizensHoliday:
                        national.ShouldNotContain(h.Date);
                        national.ShouldContain(h.Date.PlusDays(-1), $"{Iso(h.Date)}");
                        national.ShouldContain(h.Date.PlusDays(1), $"{Iso(h.Date)}");
                        break;
                    case HolidayKind.SpecialLaw:
                        throw new ShouldAssertException($"{Iso(h.Date)}: no special law after 2021");
                }
                if (h.Name is "春分の日" or "秋分の日") h.EquinoxForecast.ShouldBeTrue();
            }
            // Every Sunday 国民の祝日 has its substitute; every day between two 国民の祝日 is a holiday.
            foreach (var sunday in national.Where(d => d.DayOfWeek == IsoDayOfWeek.Sunday))
            {
                var d = sunday.PlusDays(1);
                while (national.Contains(d)) d = d.PlusDays(1);
                if (d.Year == year) all[d].Kind.ShouldBe(HolidayKind.SubstituteHoliday, $"{Iso(sunday)}");
            }
            foreach (var d in national.Where(d => national.Contains(d.PlusDays(2)) && !national.Contains(d.PlusDays(1))))
                all.ShouldContainKey(d.PlusDays(1), $"{Iso(d.PlusDays(1))} between two 国民の祝日");
        }
    }

    private static string Iso(LocalDate d) => HolidayCalendar.Iso(d);
}
