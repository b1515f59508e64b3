using System.Globalization;
using System.Reflection;
using NodaTime;
using NodaTime.Text;

namespace AuditLedger.Deadlines.Calendars;

/// <summary>
/// National holidays (国民の祝日に関する法律に規定する休日) read from a data file. The file states its own coverage;
/// asking about a day outside it is refused, never answered "working day" by default.
/// </summary>
public sealed class HolidayCalendar
{
    public const string JapanNationalResource = "AuditLedger.Deadlines.Calendars.japan-national-holidays.csv";

    private static readonly Lazy<HolidayCalendar> EmbeddedJapan = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(JapanNationalResource)
            ?? throw new InvalidOperationException($"embedded resource {JapanNationalResource} is missing");
        using var reader = new StreamReader(stream);
        return Parse("japan-national-holidays.csv", reader.ReadToEnd());
    });

    private readonly Dictionary<LocalDate, string> _holidays;

    private HolidayCalendar(string source, LocalDate first, LocalDate last, Dictionary<LocalDate, string> holidays)
    {
        Source = source;
        CoverageFirst = first;
        CoverageLast = last;
        _holidays = holidays;
    }

    /// <summary>The Japanese national holiday calendar shipped with this assembly.</summary>
    public static HolidayCalendar JapanNational => EmbeddedJapan.Value;

    public string Source { get; }
    public LocalDate CoverageFirst { get; }
    public LocalDate CoverageLast { get; }
    public IReadOnlyDictionary<LocalDate, string> Holidays => _holidays;

    public bool Covers(LocalDate date) => date >= CoverageFirst && date <= CoverageLast;

    /// <summary>The holiday's name, or null on an ordinary day. Throws for a day outside the coverage.</summary>
    public string? HolidayName(LocalDate date)
    {
        EnsureCovered(date);
        return _holidays.GetValueOrDefault(date);
    }

    public bool IsHoliday(LocalDate date) => HolidayName(date) is not null;

    public void EnsureCovered(LocalDate date)
    {
        if (!Covers(date))
        {
            var d = Iso(date);
            var range = $"{Iso(CoverageFirst)}..{Iso(CoverageLast)}";
            throw new DeadlineException(
                DeadlineErrorCodes.OutsideCalendarCoverage,
                $"{d} は祝日カレンダー（{Source}）の収録範囲 {range} の外です。休日か否かを判断できないため計算しません。カレンダーに年を追加してください。",
                $"{d} is outside the holiday calendar ({Source}) coverage {range}; whether it is a holiday is unknown, so no deadline is computed. Add the year to the calendar file.");
        }
    }

    /// <summary>
    /// Parses the CSV format: '#' comment lines (one of them "# coverage: YYYY-MM-DD..YYYY-MM-DD"),
    /// a header "date,name", then one "YYYY-MM-DD,name" per holiday.
    /// </summary>
    public static HolidayCalendar Parse(string sourceName, string text)
    {
        LocalDate? first = null, last = null;
        var holidays = new Dictionary<LocalDate, string>();
        var headerSeen = false;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                const string marker = "# coverage:";
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    var parts = line[marker.Length..].Trim().Split("..");
                    if (parts.Length != 2 || ParseDate(parts[0]) is not { } f || ParseDate(parts[1]) is not { } l || l < f)
                        throw Invalid(sourceName, lineNo, "coverage line must read '# coverage: YYYY-MM-DD..YYYY-MM-DD'");
                    first = f;
                    last = l;
                }
                continue;
            }
            if (!headerSeen)
            {
                if (line != "date,name") throw Invalid(sourceName, lineNo, "header must be 'date,name'");
                headerSeen = true;
                continue;
            }
            var comma = line.IndexOf(',');
            if (comma < 0 || ParseDate(line[..comma]) is not { } date || line[(comma + 1)..].Trim().Length == 0)
                throw Invalid(sourceName, lineNo, "row must be 'YYYY-MM-DD,name'");
            if (!holidays.TryAdd(date, line[(comma + 1)..].Trim()))
                throw Invalid(sourceName, lineNo, "date listed twice");
        }
        if (first is null || last is null) throw Invalid(sourceName, 0, "no '# coverage:' line");
        foreach (var d in holidays.Keys)
            if (d < first || d > last) throw Invalid(sourceName, 0, $"{Iso(d)} lies outside the declared coverage");
        return new HolidayCalendar(sourceName, first.Value, last.Value, holidays);
    }

    private static LocalDate? ParseDate(string s)
    {
        var r = LocalDatePattern.Iso.Parse(s.Trim());
        return r.Success ? r.Value : null;
    }

    private static DeadlineException Invalid(string source, int line, string what) =>
        new(DeadlineErrorCodes.InvalidCalendar,
            $"祝日カレンダー {source} の {line} 行目が不正です: {what}",
            $"holiday calendar {source}, line {line}: {what}");

    internal static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
