using NodaTime;

namespace AuditLedger.Deadlines.Calendars;

/// <summary>What kind of day off a date is under 国民の祝日に関する法律 (祝日法) or a special law.</summary>
public enum HolidayKind
{
    /// <summary>国民の祝日 (祝日法 第2条): a fixed day, a Monday holiday (ハッピーマンデー) or an equinox day.</summary>
    NationalHoliday,
    /// <summary>振替休日 (祝日法 第3条第2項): the nearest following non-祝日 day after a 国民の祝日 falling on a Sunday.</summary>
    SubstituteHoliday,
    /// <summary>国民の休日 (祝日法 第3条第3項): a non-祝日 day whose previous and next days are both 国民の祝日.</summary>
    CitizensHoliday,
    /// <summary>A day made a holiday by a special law (平成30年法律第99号: 2019-05-01 即位の日, 2019-10-22 即位礼正殿の儀).</summary>
    SpecialLaw,
}

/// <summary>Where a date of the calendar comes from.</summary>
public enum HolidaySource
{
    /// <summary>The published list (内閣府「国民の祝日について」 and the 暦要項 of the year): it overrides the derivation.</summary>
    Published,
    /// <summary>Derived from the text of 祝日法 by <see cref="JapaneseHolidayLaw.Derive"/> for a year the published list does not cover.</summary>
    Derived,
}

/// <summary>
/// One holiday of the calendar.
/// </summary>
/// <param name="Date">The Japanese calendar day.</param>
/// <param name="Name">The name as the Cabinet Office writes it (e.g. 春分の日, 休日（振替休日）).</param>
/// <param name="Kind">Which provision makes it a holiday.</param>
/// <param name="Source">Published (the list) or derived (the law's rules applied by this code).</param>
/// <param name="EquinoxForecast">
/// True when the date rests on a 春分の日 or 秋分の日 not yet published (the equinox itself, or a 振替休日 / 国民の休日 that
/// follows from it): the day comes from the approximation formula, and the 暦要項 published each February for the next
/// year (官報, 国立天文台; then 内閣府) may differ from it.
/// </param>
public sealed record Holiday(LocalDate Date, string Name, HolidayKind Kind, HolidaySource Source, bool EquinoxForecast);

/// <summary>
/// The national holidays of a year derived from 国民の祝日に関する法律 (昭和23年法律第178号) as amended in force from 2019:
/// 第2条 (the 国民の祝日, with the amendments of 平成28年 (山の日), 平成29年法律第63号 (天皇の退位等に関する皇室典範特例法) 附則 (天皇誕生日 2月23日 from 2020)
/// and 平成30年法律第57号 (体育の日 renamed スポーツの日 from 2020)), 第3条第2項 (振替休日) and 第3条第3項 (国民の休日).
/// Special laws moving or adding days (2019-2021) are not part of the derivation: they are in the published list, which
/// overrides it. Pure; valid for 2019-2099 (the range of the equinox formula below, and of the law as it stands).
/// </summary>
public static class JapaneseHolidayLaw
{
    public const int FirstYear = 2019;
    public const int LastYear = 2099;

    /// <summary>
    /// Changes whenever the derivation below changes; part of <see cref="HolidayCalendar.Version"/>, so that a corrected
    /// derivation counts as a different calendar just as a corrected list does.
    /// </summary>
    public const string Revision = "syukujitsu-law-2019/equinox-1980-2099/r1";

    /// <summary>
    /// 春分の日 (祝日法 第2条: 春分日). The approximation used for forecasts of the equinox days (海上保安庁水路部
    /// 暦計算研究会編『新こよみ便利帳』, 恒星社厚生閣, 1991): day of March = ⌊20.8431 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋,
    /// valid for 1980-2099. The legal date is the one the 暦要項 states each February for the next year.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A year outside 1980-2099, where the formula's constants do not hold.</exception>
    public static LocalDate VernalEquinoxDay(int year) => new(year, 3, EquinoxDay(year, 20.8431m));

    /// <summary>秋分の日 (秋分日): day of September = ⌊23.2488 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋, same source and range as <see cref="VernalEquinoxDay"/>.</summary>
    public static LocalDate AutumnalEquinoxDay(int year) => new(year, 9, EquinoxDay(year, 23.2488m));

    private static int EquinoxDay(int year, decimal constant)
    {
        if (year is < 1980 or > 2099)
            throw new ArgumentOutOfRangeException(nameof(year), year, "the equinox approximation holds for 1980-2099");
        var y = year - 1980;
        // Decimal arithmetic: the formula's constants are given to 4 and 6 places, and a binary double could round a
        // value lying just at an integer the wrong way.
        var value = constant + 0.242194m * y - y / 4;
        return (int)decimal.Floor(value);
    }

    /// <summary>
    /// Every holiday of <paramref name="year"/> under 祝日法, in date order, each marked <see cref="HolidaySource.Derived"/>;
    /// <paramref name="equinoxesPublished"/> false marks the equinox days and the days that follow from them as forecasts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A year outside 2019-2099.</exception>
    public static IReadOnlyList<Holiday> Derive(int year, bool equinoxesPublished = false)
    {
        if (year is < FirstYear or > LastYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"the holiday law is derived for {FirstYear}-{LastYear}");

        // 第2条: 国民の祝日. "Monday" days: 平成10年法律第141号 and 平成13年法律第59号 (ハッピーマンデー制度).
        var vernal = VernalEquinoxDay(year);
        var autumnal = AutumnalEquinoxDay(year);
        var days = new SortedDictionary<LocalDate, (string Name, bool Equinox)>
        {
            [new LocalDate(year, 1, 1)] = ("元日", false),
            [NthMonday(year, 1, 2)] = ("成人の日", false),
            [new LocalDate(year, 2, 11)] = ("建国記念の日", false),
            [vernal] = ("春分の日", true),
            [new LocalDate(year, 4, 29)] = ("昭和の日", false),
            [new LocalDate(year, 5, 3)] = ("憲法記念日", false),
            [new LocalDate(year, 5, 4)] = ("みどりの日", false),
            [new LocalDate(year, 5, 5)] = ("こどもの日", false),
            [NthMonday(year, 7, 3)] = ("海の日", false),
            [new LocalDate(year, 8, 11)] = ("山の日", false),
            [NthMonday(year, 9, 3)] = ("敬老の日", false),
            [autumnal] = ("秋分の日", true),
            // 平成30年法律第57号: 体育の日 is スポーツの日 from 2020.
            [NthMonday(year, 10, 2)] = (year >= 2020 ? "スポーツの日" : "体育の日", false),
            [new LocalDate(year, 11, 3)] = ("文化の日", false),
            [new LocalDate(year, 11, 23)] = ("勤労感謝の日", false),
        };
        // 天皇誕生日: 2月23日 from 2020 (天皇の退位等に関する皇室典範特例法 附則, amending 第2条); none in 2019.
        if (year >= 2020) days[new LocalDate(year, 2, 23)] = ("天皇誕生日", false);

        var result = days.Select(d => new Holiday(d.Key, d.Value.Name, HolidayKind.NationalHoliday, HolidaySource.Derived, d.Value.Equinox && !equinoxesPublished)).ToList();

        // 第3条第2項: 「国民の祝日」が日曜日に当たるときは、その日後においてその日に最も近い「国民の祝日」でない日を休日とする。
        foreach (var (date, value) in days)
        {
            if (date.DayOfWeek != IsoDayOfWeek.Sunday) continue;
            var substitute = date.PlusDays(1);
            var dependsOnEquinox = value.Equinox;
            while (days.TryGetValue(substitute, out var next))
            {
                dependsOnEquinox |= next.Equinox;
                substitute = substitute.PlusDays(1);
            }
            if (substitute.Year == year && result.All(h => h.Date != substitute))
                result.Add(new Holiday(substitute, "休日（振替休日）", HolidayKind.SubstituteHoliday, HolidaySource.Derived, dependsOnEquinox && !equinoxesPublished));
        }

        // 第3条第3項: その前日及び翌日が「国民の祝日」である日（「国民の祝日」でない日に限る。）は、休日とする。
        foreach (var (date, value) in days)
        {
            var between = date.PlusDays(1);
            if (days.ContainsKey(between) || !days.TryGetValue(between.PlusDays(1), out var after)) continue;
            if (result.Any(h => h.Date == between)) continue;
            result.Add(new Holiday(between, "休日（国民の休日）", HolidayKind.CitizensHoliday, HolidaySource.Derived, (value.Equinox || after.Equinox) && !equinoxesPublished));
        }

        return [.. result.OrderBy(h => h.Date)];
    }

    /// <summary>The <paramref name="n"/>th Monday of a month (第2条: 「1月の第2月曜日」 etc.).</summary>
    public static LocalDate NthMonday(int year, int month, int n)
    {
        var first = new LocalDate(year, month, 1);
        var offset = ((int)IsoDayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.PlusDays(offset + 7 * (n - 1));
    }
}
