using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace AuditLedger.Deadlines.Calendars;

/// <summary>
/// National holidays (国民の祝日に関する法律に規定する休日): the published list (a data file, whole years) and, for every
/// later year up to <see cref="JapaneseHolidayLaw.LastYear"/>, the days derived from the law's text
/// (<see cref="JapaneseHolidayLaw.Derive"/>). A year the list covers is taken from the list alone (it overrides the
/// derivation, e.g. the special laws of 2019-2021); each date says which it is (<see cref="Entry"/>). Asking about a day
/// before the list or after 2099 is refused, never answered "working day" by default.
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

    private readonly Dictionary<LocalDate, Holiday> _entries;
    private readonly Dictionary<LocalDate, string> _holidays;

    private HolidayCalendar(string source, LocalDate publishedFirst, LocalDate publishedLast, LocalDate? publishedOn, string version, Dictionary<LocalDate, Holiday> entries)
    {
        Source = source;
        CoverageFirst = publishedFirst;
        PublishedLast = publishedLast;
        CoverageLast = new LocalDate(JapaneseHolidayLaw.LastYear, 12, 31);
        PublishedOn = publishedOn;
        Version = version;
        _entries = entries;
        _holidays = entries.ToDictionary(e => e.Key, e => e.Value.Name);
    }

    /// <summary>The Japanese national holiday calendar shipped with this assembly.</summary>
    public static HolidayCalendar JapanNational => EmbeddedJapan.Value;

    /// <summary>The name of the published list's file.</summary>
    public string Source { get; }
    /// <summary>The first day known: the first day of the published list.</summary>
    public LocalDate CoverageFirst { get; }
    /// <summary>The last day known: 2099-12-31 (the law derived up to the end of the equinox formula's range).</summary>
    public LocalDate CoverageLast { get; }
    /// <summary>The last day of the published list; later years are derived.</summary>
    public LocalDate PublishedLast { get; }
    /// <summary>The day of the latest publication the list reflects (its "# published:" line), if stated.</summary>
    public LocalDate? PublishedOn { get; }

    /// <summary>
    /// Which calendar this is: the published list's date and the first 16 hex digits of the SHA-256 of the list's text
    /// (line ends normalised) together with <see cref="JapaneseHolidayLaw.Revision"/>, e.g. <c>2026-02-02+3f0c…</c>.
    /// A corrected list, a newly published year or a changed derivation gives another version.
    /// </summary>
    public string Version { get; }

    /// <summary>Every holiday, published and derived, by date: name.</summary>
    public IReadOnlyDictionary<LocalDate, string> Holidays => _holidays;

    /// <summary>Every holiday, published and derived, by date: what it is and where it comes from.</summary>
    public IReadOnlyDictionary<LocalDate, Holiday> Entries => _entries;

    public bool Covers(LocalDate date) => date >= CoverageFirst && date <= CoverageLast;

    /// <summary>Whether the year's 春分の日 and 秋分の日 are in the published list (else they are forecasts by the formula).</summary>
    public bool EquinoxesPublished(int year) => year >= CoverageFirst.Year && year <= PublishedLast.Year;

    /// <summary>The holiday on the day, or null on an ordinary day. Throws for a day outside the coverage.</summary>
    public Holiday? Entry(LocalDate date)
    {
        EnsureCovered(date);
        return _entries.GetValueOrDefault(date);
    }

    /// <summary>The holiday's name, or null on an ordinary day. Throws for a day outside the coverage.</summary>
    public string? HolidayName(LocalDate date) => Entry(date)?.Name;

    public bool IsHoliday(LocalDate date) => HolidayName(date) is not null;

    public void EnsureCovered(LocalDate date)
    {
        if (!Covers(date))
        {
            var d = Iso(date);
            var range = $"{Iso(CoverageFirst)}..{Iso(CoverageLast)}";
            throw new DeadlineException(
                DeadlineErrorCodes.OutsideCalendarCoverage,
                $"{d} は祝日カレンダー（{Source}、{Iso(PublishedLast)} まで公表分、以降は祝日法から導出）の収録範囲 {range} の外です。休日か否かを判断できないため計算しません。",
                $"{d} is outside the holiday calendar ({Source}, published to {Iso(PublishedLast)}, derived from the National Holidays Act after that) coverage {range}; whether it is a holiday is unknown, so no deadline is computed.");
        }
    }

    /// <summary>
    /// Reads a list file in the format of <see cref="Parse"/>: a corrected or newly published list put in force without a
    /// release (the service's <c>AuditLedger:HolidayCalendarFile</c>, the <c>deadline --calendar FILE</c> option).
    /// </summary>
    /// <exception cref="DeadlineException"><c>invalid-calendar</c>: the file cannot be read, or a line is at fault.</exception>
    public static HolidayCalendar Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DeadlineException(DeadlineErrorCodes.InvalidCalendar,
                $"祝日カレンダーのファイル {path} を読めません: {e.Message}",
                $"cannot read the holiday calendar file {path}: {e.Message}");
        }
        return Parse(Path.GetFileName(path), text);
    }

    /// <summary>
    /// Parses the CSV format: '#' comment lines (one of them "# coverage: YYYY-01-01..YYYY-12-31", whole years; optionally
    /// "# published: YYYY-MM-DD"), a header "date,name", then one "YYYY-MM-DD,name" per holiday. Names as the Cabinet
    /// Office writes them; a plain 「休日」 row is annotated with its kind: 休日（振替休日）, 休日（国民の休日）, 休日（祝日扱い…）.
    /// The years after the list are derived from the law up to 2099.
    /// </summary>
    /// <exception cref="DeadlineException"><c>invalid-calendar</c>, naming the line at fault.</exception>
    public static HolidayCalendar Parse(string sourceName, string text)
    {
        LocalDate? first = null, last = null, publishedOn = null;
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
                const string published = "# published:";
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    var parts = line[marker.Length..].Trim().Split("..");
                    if (parts.Length != 2 || ParseDate(parts[0]) is not { } f || ParseDate(parts[1]) is not { } l || l < f)
                        throw Invalid(sourceName, lineNo, "coverage line must read '# coverage: YYYY-MM-DD..YYYY-MM-DD'");
                    // A year is either the list's or the law's: a list ending mid-year would leave the rest of it unknown.
                    if (f.Month != 1 || f.Day != 1 || l.Month != 12 || l.Day != 31)
                        throw Invalid(sourceName, lineNo, "coverage must be whole years (YYYY-01-01..YYYY-12-31)");
                    if (l.Year > JapaneseHolidayLaw.LastYear || f.Year < JapaneseHolidayLaw.FirstYear)
                        throw Invalid(sourceName, lineNo, $"coverage must lie within {JapaneseHolidayLaw.FirstYear}-{JapaneseHolidayLaw.LastYear}");
                    first = f;
                    last = l;
                }
                else if (line.StartsWith(published, StringComparison.Ordinal))
                {
                    publishedOn = ParseDate(line[published.Length..].Trim().Split(' ')[0])
                        ?? throw Invalid(sourceName, lineNo, "published line must read '# published: YYYY-MM-DD'");
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

        var entries = holidays.ToDictionary(h => h.Key, h => new Holiday(h.Key, h.Value, KindOf(h.Value), HolidaySource.Published, false));
        for (var year = last.Value.Year + 1; year <= JapaneseHolidayLaw.LastYear; year++)
            foreach (var h in JapaneseHolidayLaw.Derive(year, equinoxesPublished: false))
                entries.Add(h.Date, h);

        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JapaneseHolidayLaw.Revision + "\n" + normalised)));
        var version = $"{(publishedOn is { } p ? Iso(p) : "undated")}+{hash[..16]}";
        return new HolidayCalendar(sourceName, first.Value, last.Value, publishedOn, version, entries);
    }

    /// <summary>The kind of a published row, from the annotation its name carries.</summary>
    private static HolidayKind KindOf(string name) =>
        name.Contains("振替休日", StringComparison.Ordinal) ? HolidayKind.SubstituteHoliday
        : name.Contains("国民の休日", StringComparison.Ordinal) ? HolidayKind.CitizensHoliday
        : name.Contains("祝日扱い", StringComparison.Ordinal) ? HolidayKind.SpecialLaw
        : HolidayKind.NationalHoliday;

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
