namespace AuditLedger.Domain.Common;

using System.Globalization;

/// <summary>
/// 年度: the fiscal year of a Japanese municipality, 1 April to 31 March (地方自治法第208条第1項: 普通地方公共団体の会計年度は、
/// 毎年四月一日に始まり、翌年三月三十一日に終わる). Identified by the calendar year it starts in (2025 = 令和7年度), counted in
/// Japan dates (<see cref="JapanDate"/>). The annual enforcement status of Art. 51 is published per fiscal year.
/// </summary>
public static class FiscalYear
{
    /// <summary>The ordinance took effect on 1 April 2023 (附則第1項: 令和5年4月1日から施行), so its first fiscal year is 2023.</summary>
    public const int First = 2023;

    public static int Of(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static int Of(DateTimeOffset instant) => Of(JapanDate.Of(instant));

    public static DateOnly FirstDay(int year) => new(year, 4, 1);

    public static DateOnly LastDay(int year) => new(year + 1, 3, 31);

    /// <summary>The months of the year in order, April first.</summary>
    public static IEnumerable<(int Year, int Month)> Months(int year) =>
        Enumerable.Range(0, 12).Select(i => FirstDay(year).AddMonths(i)).Select(d => (d.Year, d.Month));

    /// <summary>The year as the Japanese write it, e.g. 令和7年度 (2025); 令和 began in 2019 (令和元年度).</summary>
    public static string Japanese(int year) => year switch
    {
        2019 => "令和元年度",
        > 2019 => $"令和{(year - 2018).ToString(CultureInfo.InvariantCulture)}年度",
        _ => $"{year.ToString(CultureInfo.InvariantCulture)}年度",
    };
}
