namespace AuditLedger.Deadlines;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>A date or time as a clerk wrote it, which could not be read: Japanese and English text saying what to write instead.</summary>
public sealed class DateInputException(string japanese, string english) : FormatException(english)
{
    public string Japanese { get; } = japanese;

    public string English { get; } = english;
}

/// <summary>
/// The one reader of dates and times given by people (HTTP bodies, import lines, command-line options, query strings):
/// a date or time is read as a clerk in Japan means it.
/// <list type="bullet">
/// <item>Full-width characters are read as their ASCII forms (Unicode NFKC: <c>２０２６－１１－３０</c> is <c>2026-11-30</c>;
/// the square era signs ㍻ and ㋿ become 平成 and 令和).</item>
/// <item>Gregorian dates: <c>2026-11-30</c> (ISO 8601: two-digit month and day), <c>2026/11/30</c>, <c>2026/1/5</c>,
/// <c>2026.11.30</c>, <c>2026年11月30日</c>.</item>
/// <item>和暦 (Japanese era dates): <c>令和8年11月30日</c>, <c>令和元年5月1日</c> (元年 = year 1), <c>令8.11.30</c>, and the
/// letters of JIS X 0301 (M 明治, T 大正, S 昭和, H 平成, R 令和): <c>R8.11.30</c>, <c>R08.11.30</c>, <c>H31.4.30</c>.
/// The eras, their names and their first days come from .NET's <see cref="JapaneseCalendar"/> with the ja-JP culture
/// (ICU data); only the Latin letters are this table. A date outside its era (平成31年5月1日, the era ended on 30 April 2019)
/// is refused with the date in the right era.</item>
/// <item>A time after the date (<c>T</c> or a space): <c>16:00</c>, <c>16:00:00</c>, <c>16:00:00.1234567</c>, <c>16時30分</c>;
/// with an offset (<c>Z</c>, <c>+09:00</c>, <c>+0900</c>) it is that instant, without one it is Japan time (Asia/Tokyo,
/// UTC+9, no daylight saving since 1951), never UTC.</item>
/// </list>
/// Errors: <see cref="DateInputException"/> with Japanese and English text and an example to follow.
/// </summary>
public static partial class JapaneseDateInput
{
    /// <summary>Japan's offset from UTC (Asia/Tokyo): a time given without an offset is read in it.</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    private static readonly JapaneseCalendar Calendar = new();

    private static readonly DateTimeFormatInfo JapaneseFormat = CreateJapaneseFormat();

    /// <summary>The JIS X 0301 (日付及び時刻の表記) Latin letter of each era, by its Japanese name.</summary>
    private static readonly IReadOnlyDictionary<string, string> EraLetters = new Dictionary<string, string>
    {
        ["M"] = "明治", ["T"] = "大正", ["S"] = "昭和", ["H"] = "平成", ["R"] = "令和",
    };

    /// <summary>Every way of naming an era (full name, ICU's one-character abbreviation, JIS X 0301 letter) to the calendar's era number.</summary>
    private static readonly IReadOnlyDictionary<string, int> Eras = CreateEraTable();

    /// <summary>What is shown as an example in every refusal.</summary>
    public const string ExamplesJa = "2026-11-30、2026-11-30T16:00、令和8年11月30日、R8.11.30";

    /// <summary>A parsed date with its optional time of day and offset.</summary>
    public readonly record struct Parsed(DateOnly Date, TimeOnly? Time, TimeSpan? Offset)
    {
        /// <summary>The instant: a date alone is the start of that day in Japan, a time without offset is Japan time.</summary>
        public DateTimeOffset Instant => new(Date.ToDateTime(Time ?? TimeOnly.MinValue), Offset ?? JapanOffset);
    }

    /// <summary>
    /// A date as a Japanese office writes it: era, year (元年 for the first), month, day and the day of the week, e.g.
    /// 令和8年11月30日(月), 令和元年5月1日(水). The reading of <see cref="ParseDate"/> turned around.
    /// </summary>
    public static string Wareki(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        var era = day.ToString("gg", JapaneseFormat);
        var year = Calendar.GetYear(day);
        return $"{era}{(year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture))}年{date.Month}月{date.Day}日({"日月火水木金土"[(int)date.DayOfWeek]})";
    }

    /// <summary>Reads a calendar date (a Japan calendar date; no time). Throws <see cref="DateInputException"/>.</summary>
    public static DateOnly ParseDate(string? text)
    {
        var parsed = Parse(text);
        if (parsed.Time is not null)
            throw new DateInputException($"「{text}」には時刻が含まれています。日付だけを指定してください（例: 2026-11-30、令和8年11月30日）。",
                $"'{text}' has a time of day; give the date alone (e.g. 2026-11-30 or 令和8年11月30日).");
        return parsed.Date;
    }

    /// <summary>Reads an instant; a date alone is the first instant of that day in Japan. Throws <see cref="DateInputException"/>.</summary>
    public static DateTimeOffset ParseInstant(string? text) => Parse(text).Instant;

    /// <summary>Reads a date with an optional time and offset. Throws <see cref="DateInputException"/>.</summary>
    public static Parsed Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new DateInputException($"日付を指定してください（例: {ExamplesJa}）。", "Give a date (e.g. 2026-11-30, 2026-11-30T16:00, 令和8年11月30日 or R8.11.30).");
        var normal = Normalize(text);
        var match = DateAndTime().Match(normal);
        if (!match.Success) throw Unreadable(text);
        var date = ReadDate(text, match);
        TimeOnly? time = null;
        TimeSpan? offset = null;
        if (match.Groups["hour"].Success)
        {
            var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
            var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
            var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
            var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value.PadRight(7, '0') : "0";
            if (hour > 23 || minute > 59 || second > 59)
                throw new DateInputException($"「{text}」の時刻は存在しません（0:00〜23:59:59）。", $"'{text}' has no such time of day (00:00 to 23:59:59).");
            time = new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(long.Parse(fraction, CultureInfo.InvariantCulture)));
            if (match.Groups["offset"].Success) offset = ReadOffset(text, match.Groups["offset"].Value);
        }
        return new Parsed(date, time, offset);
    }

    private static DateOnly ReadDate(string text, Match match)
    {
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["gregorian"].Success)
        {
            var year = int.Parse(match.Groups["gregorian"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) throw NoSuchDay(text);
            return new DateOnly(year, month, day);
        }
        if (!Eras.TryGetValue(match.Groups["era"].Value.ToUpperInvariant(), out var era)) throw Unreadable(text);
        var eraYear = match.Groups["year"].Value == "元" ? 1 : int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        DateTime gregorian;
        try
        {
            gregorian = Calendar.ToDateTime(eraYear, month, day, 0, 0, 0, 0, era);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw NoSuchDay(text);
        }
        // .NET carries a year past its era's end into the next era; a clerk's 平成31年5月1日 is a slip for 令和元年5月1日.
        if (Calendar.GetEra(gregorian) != era)
        {
            var right = gregorian.ToString("ggy年M月d日", JapaneseFormat);
            throw new DateInputException(
                $"「{text}」はその元号の期間外です。{gregorian:yyyy-MM-dd} は {right} です。正しい元号で指定してください。",
                $"'{text}' is outside its era: {gregorian:yyyy-MM-dd} is {right}. Give the date in the era it falls in.");
        }
        return DateOnly.FromDateTime(gregorian);
    }

    private static TimeSpan ReadOffset(string text, string value)
    {
        if (value is "Z" or "z") return TimeSpan.Zero;
        var digits = value[1..].Replace(":", "", StringComparison.Ordinal);
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
            throw new DateInputException($"「{text}」の時差 {value} は存在しません（-14:00〜+14:00）。", $"'{text}' has no such offset {value} (-14:00 to +14:00).");
        var offset = new TimeSpan(hours, minutes, 0);
        return value[0] == '-' ? -offset : offset;
    }

    /// <summary>NFKC (full-width digits and signs to ASCII, ㍻ to 平成), then the dashes people type for a hyphen.</summary>
    private static string Normalize(string text)
    {
        if (Ascii.IsValid(text)) return text.Trim();   // NFKC leaves ASCII as it is: the usual ISO text skips the work
        var normal = text.Normalize(NormalizationForm.FormKC).Trim();
        var builder = new StringBuilder(normal.Length);
        foreach (var c in normal)
            builder.Append(c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' or '\u30FC' ? '-' : c);
        return builder.ToString();
    }

    private static DateInputException Unreadable(string text) => new(
        $"「{text}」を日付・日時として読み取れません。{ExamplesJa} のように指定してください（時差のない時刻は日本時間）。",
        $"'{text}' is not a date or time this ledger reads. Write it as 2026-11-30, 2026-11-30T16:00 (Japan time unless an offset such as +09:00 or Z is given), 令和8年11月30日 or R8.11.30.");

    private static DateInputException NoSuchDay(string text) => new(
        $"「{text}」は存在しない日付です。暦にある日付を指定してください。",
        $"'{text}' is not a day of the calendar (no such month or day). Give a date that exists.");

    private static DateTimeFormatInfo CreateJapaneseFormat()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = Calendar;
        return DateTimeFormatInfo.ReadOnly(culture.DateTimeFormat);
    }

    private static Dictionary<string, int> CreateEraTable()
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var era in Calendar.Eras)
        {
            var name = JapaneseFormat.GetEraName(era);
            table[name] = era;
            table[JapaneseFormat.GetAbbreviatedEraName(era)] = era;
            foreach (var (letter, eraName) in EraLetters)
                if (eraName == name) table[letter] = era;
        }
        return table;
    }

    [GeneratedRegex("""
        ^(?:(?<gregorian>\d{4})(?:-(?<month>\d{2})-(?<day>\d{2})
                                |\s*[/.]\s*(?<month>\d{1,2})\s*[/.]\s*(?<day>\d{1,2})
                                |\s*年\s*(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*日)
          |(?<era>[\p{IsCJKUnifiedIdeographs}]{1,2}|[MTSHRmtshr])\s*(?<year>元|\d{1,2})\s*(?:[-/.]|年)\s*(?<month>\d{1,2})\s*(?:[-/.]|月)\s*(?<day>\d{1,2})\s*日?)
        (?:(?:T|\s+|\s*T\s*)
           (?:(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<fraction>\d{1,7}))?)?
             |(?<hour>\d{1,2})時(?:(?<minute>\d{1,2})分(?:(?<second>\d{1,2})秒)?)?)
           \s*(?<offset>[Zz]|[+-]\d{2}:?\d{2})?)?$
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DateAndTime();
}
