using System.Globalization;
using AuditLedger.Deadlines.Profiles;
using NodaTime;
using NodaTime.Text;

namespace AuditLedger.Deadlines;

/// <summary>
/// The <c>deadline</c> command. Contract:
/// <code>--jurisdiction J --clock C --from YYYY-MM-DD [--form-correction REQUESTED:COMPLETED]... [--chair-vacancy FIRST:LAST]... [--extension-days N] [--profiles DIR] [--calendar FILE]</code>
/// On success: exit 0, the due date alone on the first line of stdout, then one line per rule applied, then a line
/// "calendar: …" naming the holiday calendar's version and whether equinox days not yet published were forecast.
/// On invalid input: exit 2, the refusing rule on stderr, nothing on stdout.
/// </summary>
public static class DeadlineCommandLine
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int InvalidInput = 2;

    public const string Usage =
        "usage: deadline --jurisdiction J --clock C --from YYYY-MM-DD [--form-correction REQUESTED:COMPLETED]... " +
        "[--chair-vacancy FIRST:LAST]... [--extension-days N] [--profiles DIR] [--calendar FILE]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string output;
        try
        {
            var parsed = Parse(args);
            var calendar = parsed.CalendarFile is { } file ? Calendars.HolidayCalendar.Load(file) : null;
            var catalog = ProfileLoader.LoadCatalog(parsed.ProfilesDirectory, calendar);
            var profile = catalog.Get(parsed.Jurisdiction);
            var result = DeadlineEngine.Compute(profile, parsed.Clock, parsed.Facts);
            output = Format(result);
        }
        catch (DeadlineException e)
        {
            stderr.WriteLine($"error [{e.Code}]: {e.MessageEn}");
            stderr.WriteLine($"エラー [{e.Code}]: {e.MessageJa}");
            if (e.Code == DeadlineErrorCodes.InvalidArguments) stderr.WriteLine(Usage);
            return InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error [{DeadlineErrorCodes.InvalidProfile}]: cannot read profiles: {e.Message}");
            stderr.WriteLine($"エラー [{DeadlineErrorCodes.InvalidProfile}]: プロファイルを読めません: {e.Message}");
            return InvalidInput;
        }
        // Written only once everything succeeded, so a refusal never leaves a date on stdout.
        stdout.Write(output);
        return Ok;
    }

    private static string Format(DeadlineResult result)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(result.DueDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var r in result.Rules)
            sb.Append($"{r.Code}: {r.Ja} / {r.En} [{r.Citation.Ja} / {r.Citation.En}]").Append('\n');
        var basis = result.EquinoxesUnpublished
            ? ($"春分・秋分は予測（{string.Join("・", result.EquinoxForecastYears)}年は未公表）", $"equinoxes forecast ({string.Join(", ", result.EquinoxForecastYears)} not yet published)")
            : ("公表済みの祝日のみで判定", "published holidays only");
        sb.Append($"calendar: 祝日カレンダー {result.CalendarVersion}、{basis.Item1} / holiday calendar {result.CalendarVersion}, {basis.Item2} [国民の祝日に関する法律 / National Holidays Act]").Append('\n');
        return sb.ToString();
    }

    internal sealed record Arguments(string Jurisdiction, string Clock, DeadlineFacts Facts, string? ProfilesDirectory, string? CalendarFile = null);

    internal static Arguments Parse(string[] args)
    {
        string? jurisdiction = null, clock = null, profiles = null, calendarFile = null;
        LocalDate? from = null;
        int? extension = null;
        var corrections = new List<FormCorrection>();
        var vacancies = new List<DayRange>();

        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string Value()
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw Bad($"{option} には値が必要です", $"{option} needs a value");
                return args[++i];
            }
            switch (option)
            {
                case "--jurisdiction":
                    jurisdiction = Once(jurisdiction, option, Value());
                    break;
                case "--clock":
                    clock = Once(clock, option, Value());
                    break;
                case "--profiles":
                    profiles = Once(profiles, option, Value());
                    break;
                case "--calendar":
                    calendarFile = Once(calendarFile, option, Value());
                    break;
                case "--from":
                    if (from is not null) throw Twice(option);
                    from = Date(option, Value());
                    break;
                case "--extension-days":
                    if (extension is not null) throw Twice(option);
                    extension = Integer(option, Value());
                    break;
                case "--form-correction":
                {
                    var (a, b) = Range(option, Value());
                    corrections.Add(new FormCorrection(a, b));
                    break;
                }
                case "--chair-vacancy":
                {
                    var (a, b) = Range(option, Value());
                    vacancies.Add(new DayRange(a, b));
                    break;
                }
                default:
                    throw Bad($"未知の引数 '{option}'", $"unknown option '{option}'");
            }
        }
        if (jurisdiction is null) throw Missing("--jurisdiction");
        if (clock is null) throw Missing("--clock");
        if (from is null) throw Missing("--from");
        var facts = new DeadlineFacts(from.Value)
        {
            FormCorrections = corrections,
            ChairVacancies = vacancies,
            ExtensionDays = extension ?? 0,
        };
        return new Arguments(jurisdiction, clock, facts, profiles, calendarFile);
    }

    private static string Once(string? current, string option, string value) =>
        current is null ? value : throw Twice(option);

    private static LocalDate Date(string option, string text)
    {
        // The ledger's one date reader: ISO, full-width digits, 和暦 (令和8年11月30日, R8.11.30); a day that exists.
        try
        {
            return LocalDate.FromDateOnly(JapaneseDateInput.ParseDate(text));
        }
        catch (DateInputException e)
        {
            throw Bad($"{option}: {e.Japanese}", $"{option}: {e.English}");
        }
    }

    private static (LocalDate, LocalDate) Range(string option, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2)
            throw Bad($"{option}: '{text}' は 開始日:終了日（YYYY-MM-DD:YYYY-MM-DD）の形式ではありません", $"{option}: '{text}' is not of the form YYYY-MM-DD:YYYY-MM-DD");
        var a = Date(option, parts[0]);
        var b = Date(option, parts[1]);
        if (b < a)
            throw new DeadlineException(DeadlineErrorCodes.RangeEndBeforeStart,
                $"{option}: 終了日 {parts[1]} が開始日 {parts[0]} より前です",
                $"{option}: the end {parts[1]} is before the start {parts[0]}");
        return (a, b);
    }

    private static int Integer(string option, string text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length is 0 or > 6 || !digits.All(char.IsAsciiDigit))
            throw Bad($"{option}: '{text}' は整数ではありません", $"{option}: '{text}' is not a whole number");
        return int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private static DeadlineException Missing(string option) =>
        Bad($"{option} は必須です", $"{option} is required");

    private static DeadlineException Twice(string option) =>
        Bad($"{option} が2回以上指定されています", $"{option} was given more than once");

    private static DeadlineException Bad(string ja, string en) =>
        new(DeadlineErrorCodes.InvalidArguments, ja, en);
}
