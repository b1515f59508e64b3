using NodaTime;

namespace AuditLedger.Deadlines;

/// <summary>A correction of form (補正): the day it was requested from the requester, and the day it was completed.</summary>
public sealed record FormCorrection(LocalDate Requested, LocalDate Completed);

/// <summary>An inclusive run of days, e.g. the first and last day on which neither chair nor vice-chair held office.</summary>
public sealed record DayRange(LocalDate First, LocalDate Last);

/// <summary>What happened, as far as a clock is concerned.</summary>
/// <param name="Start">The day of the event that starts the clock (request received, disclosure received, notice received, decision made).</param>
public sealed record DeadlineFacts(LocalDate Start)
{
    public IReadOnlyList<FormCorrection> FormCorrections { get; init; } = [];
    public IReadOnlyList<DayRange> ChairVacancies { get; init; } = [];
    /// <summary>Days of extension decided and notified (e.g. Art. 25(2)); 0 when none.</summary>
    public int ExtensionDays { get; init; }
}
