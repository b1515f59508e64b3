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
    IReadOnlyList<AppliedRule> Rules);
