using AuditLedger.Deadlines.Calendars;
using NodaTime;

namespace AuditLedger.Deadlines.Profiles;

/// <summary>A legal citation, in Japanese (e.g. 第25条第1項) and English (e.g. Art. 25(1)).</summary>
public sealed record Citation(string Ja, string En)
{
    public override string ToString() => $"{Ja} / {En}";
}

/// <summary>A name in Japanese and English.</summary>
public sealed record LocalizedText(string Ja, string En);

/// <summary>Where counting starts, relative to the day of the event that starts the clock.</summary>
public enum StartRule
{
    /// <summary>初日不算入 (民法第140条): "…があった日から N日以内" — day 1 is the day after the event.</summary>
    ExcludeFirstDay,
    /// <summary>The text itself says "…の翌日から起算して N日以内" — day 1 is the day after the event.</summary>
    FromNextDay,
    /// <summary>The text says the event day itself is day 1 (初日算入, e.g. "当日から起算して").</summary>
    IncludeFirstDay,
    /// <summary>
    /// "A の日と B の日との間に少なくとも N日を置く": N whole days must lie strictly between the event day and the
    /// result day, so the result is the day after the Nth day counted from the day after the event.
    /// </summary>
    ClearInterval,
}

/// <summary>What happens when the last day (or, for an interval, the resulting day) is a closed day.</summary>
public enum ClosedDayTreatment
{
    /// <summary>The period ends on the next day the office is open (民法第142条; 地方自治法第4条の2第4項 and the local 休日条例).</summary>
    NextOpenDay,
    /// <summary>No adjustment: the computed day stands even if the office is closed.</summary>
    NoAdjustment,
}

/// <summary>The clocks the ledger knows. A profile may provide a subset; an id outside this set is refused.</summary>
public static class ClockIds
{
    public const string DisclosureDecision = "disclosure-decision";
    public const string CorrectionDecision = "correction-decision";
    public const string SuspensionDecision = "suspension-decision";
    public const string LargeVolumePortion = "large-volume-portion";
    public const string CorrectionRequest = "correction-request";
    public const string SuspensionRequest = "suspension-request";
    public const string DisclosureMethodRequest = "disclosure-method-request";
    public const string ThirdPartyObjection = "third-party-objection";

    public static readonly IReadOnlyList<string> All =
    [
        DisclosureDecision, CorrectionDecision, SuspensionDecision, LargeVolumePortion,
        CorrectionRequest, SuspensionRequest, DisclosureMethodRequest, ThirdPartyObjection,
    ];
}

/// <summary>Days on which the office does no business (地方公共団体の休日, 地方自治法第4条の2).</summary>
public sealed record OfficeClosedRules(
    IReadOnlySet<IsoDayOfWeek> Weekdays,
    bool NationalHolidays,
    IReadOnlyList<AnnualDate> YearEndDays,
    Citation Citation)
{
    /// <summary>Null when open; otherwise why the office is closed (ja, en). Throws outside the calendar's coverage.</summary>
    public (string Ja, string En)? ClosedReason(LocalDate date, HolidayCalendar calendar)
    {
        calendar.EnsureCovered(date);
        if (NationalHolidays && calendar.Entry(date) is { } holiday)
        {
            // Each date says where it comes from: the published list, or the law's text (and, for an equinox not yet
            // published, the formula's forecast).
            var (ja, en) = holiday switch
            {
                { Source: HolidaySource.Published } => ("", ""),
                { EquinoxForecast: true } => ("、祝日法から導出・春分日/秋分日は未公表のため予測", ", derived from the National Holidays Act; equinox not yet published, forecast"),
                _ => ("、祝日法から導出", ", derived from the National Holidays Act"),
            };
            return ($"国民の祝日に関する法律に規定する休日（{holiday.Name}{ja}）", $"national holiday ({holiday.Name}{en})");
        }
        if (Weekdays.Contains(date.DayOfWeek))
            return ($"{JapaneseDayName(date.DayOfWeek)}", $"{date.DayOfWeek}");
        if (YearEndDays.Any(d => d.Month == date.Month && d.Day == date.Day))
            return ("年末年始の休日", "year-end/new-year closure");
        return null;
    }

    public bool IsClosed(LocalDate date, HolidayCalendar calendar) => ClosedReason(date, calendar) is not null;

    private static string JapaneseDayName(IsoDayOfWeek d) => d switch
    {
        IsoDayOfWeek.Monday => "月曜日",
        IsoDayOfWeek.Tuesday => "火曜日",
        IsoDayOfWeek.Wednesday => "水曜日",
        IsoDayOfWeek.Thursday => "木曜日",
        IsoDayOfWeek.Friday => "金曜日",
        IsoDayOfWeek.Saturday => "土曜日",
        IsoDayOfWeek.Sunday => "日曜日",
        _ => d.ToString(),
    };
}

/// <summary>A pause rule of a clock: whether those days are left out of the count, and the article that says so.</summary>
public sealed record PauseRule(bool Applies, Citation? Citation)
{
    public static readonly PauseRule None = new(false, null);
}

/// <summary>One statutory clock of a jurisdiction.</summary>
public sealed record ClockDefinition(
    string Id,
    LocalizedText Name,
    int LengthDays,
    StartRule StartRule,
    Citation StartRuleCitation,
    int MaxExtensionDays,
    Citation? ExtensionCitation,
    PauseRule FormCorrectionPause,
    PauseRule ChairVacancyPause,
    ClosedDayTreatment OnClosedDay,
    Citation ClosedDayCitation,
    Citation Citation);

/// <summary>
/// A jurisdiction's counting rules, loaded from a profile file, and the bodies (実施機関) that carry out its ordinance:
/// each is a tenant of the ledger (<see cref="TenantDefinition"/>).
/// </summary>
public sealed partial record JurisdictionProfile(
    string Id,
    LocalizedText Name,
    OfficeClosedRules OfficeClosed,
    IReadOnlyDictionary<string, ClockDefinition> Clocks,
    HolidayCalendar Calendar,
    string SourceFile)
{
    /// <summary>The bodies (実施機関) under this jurisdiction, each one tenant; a profile without them has none (a test profile).</summary>
    public IReadOnlyList<TenantDefinition> Tenants { get; init; } = [];

    /// <summary>What the law says there: the rules' citations, copy fees, intake channels, disclosure methods, report notes.</summary>
    public LawSections Law { get; init; } = LawSections.None;

    /// <summary>Whether its law provides oversight of businesses (調査、是正勧告、公表), and where it says so (<see cref="BusinessOversightPolicy"/>).</summary>
    public BusinessOversightPolicy BusinessOversight { get; init; } = BusinessOversightPolicy.None;
}

/// <summary>
/// One 実施機関 of one municipality: a tenant of the ledger, with its own events, projections, users, chain and checkpoints.
/// The id is <c>{municipality}:{body}</c> in lower-case letters, digits and hyphens (e.g. <c>nagareyama:board-of-education</c>);
/// the municipality is the part before the colon, and the city-wide views (届出 list, annual status) group by it.
/// </summary>
public sealed record TenantDefinition(string Id, LocalizedText Name, string JurisdictionId)
{
    /// <summary>The municipality's part of the id (before the colon).</summary>
    public string Municipality => Id[..Id.IndexOf(':')];

    /// <summary>The body's part of the id (after the colon).</summary>
    public string Body => Id[(Id.IndexOf(':') + 1)..];
}
