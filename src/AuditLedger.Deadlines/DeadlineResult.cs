using AuditLedger.Deadlines.Profiles;
using NodaTime;

namespace AuditLedger.Deadlines;

/// <summary>One step of the computation: what it did (ja, en) and the rule it applied.</summary>
public sealed record AppliedRule(string Code, string Ja, string En, Citation Citation);

/// <summary>The outcome of a clock.</summary>
/// <param name="DueDate">The last day on which the act is still in time (for an interval clock: the earliest permitted day).</param>
/// <param name="UnadjustedDate">The same day before the closed-day rule was applied.</param>
/// <param name="PausedDays">Days inside the running period that were not counted.</param>
/// <param name="Rules">The rules applied, in the order they were applied.</param>
public sealed record DeadlineResult(
    string JurisdictionId,
    string ClockId,
    LocalDate DueDate,
    LocalDate UnadjustedDate,
    int PausedDays,
    IReadOnlyList<AppliedRule> Rules)
{
    /// <summary>The holiday calendar the date was computed with (<see cref="Calendars.HolidayCalendar.Version"/>).</summary>
    public string CalendarVersion { get; init; } = "";

    /// <summary>
    /// The years, among those whose days the closed-day rule examined, whose 春分の日・秋分の日 are not yet published: the
    /// date rests on the approximation formula there and may move when the 暦要項 is published (each February, for the
    /// next year). Empty when every day examined is in the published list.
    /// </summary>
    public IReadOnlyList<int> EquinoxForecastYears { get; init; } = [];

    /// <summary>Whether the date rests on an equinox forecast (see <see cref="EquinoxForecastYears"/>).</summary>
    public bool EquinoxesUnpublished => EquinoxForecastYears.Count > 0;
}
