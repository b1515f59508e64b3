namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Reviews;
using AuditLedger.Deadlines;
using AuditLedger.Deadlines.Profiles;
using NodaTime;

/// <summary>Whose clock it is: the office must act by the date, the requester may act until it, or an act may not happen before it.</summary>
public enum ClockParty
{
    /// <summary>A deadline the chair must meet (決定期限).</summary>
    Office,
    /// <summary>A window the requester may use (申出・請求の期間); passing it is not the office's delay.</summary>
    Requester,
    /// <summary>The earliest day an act is allowed (Art. 27(3) interval).</summary>
    Interval,
}

/// <summary>
/// One statutory clock of a case as the case's facts set it: its due date (or, for an interval, the earliest permitted
/// day), the rules that made it, and whether it was met. Time-relative states (overdue, due soon) are read against a
/// date by <see cref="ClockReading"/>; this record holds only what follows from the events.
/// </summary>
public sealed record CaseClock(
    string ClockId,
    string NameJa,
    string NameEn,
    string ArticleJa,
    string ArticleEn,
    ClockParty Party,
    DateOnly StartedOn,
    DateOnly? DueOn,
    int PausedDays,
    int ExtensionDays,
    bool Paused,
    DateOnly? MetOn,
    DateOnly? StoppedOn,
    IReadOnlyList<AppliedRule> Rules,
    string? Problem = null)
{
    /// <summary>
    /// The years whose 春分の日・秋分の日 are not yet published and on whose forecast the due date rests (the holiday
    /// calendar derives them from 祝日法 by the approximation formula until the 暦要項 publishes them); empty when none.
    /// </summary>
    public IReadOnlyList<int> EquinoxForecastYears { get; init; } = [];
}

/// <summary>
/// The clocks of a case, computed with the deadline engine from the jurisdiction profile the case was received under.
/// Pure: the same facts and profile always give the same clocks, so commands, the deadline view and replays agree.
/// </summary>
public static class CaseClocks
{
    /// <param name="asOf">The day a pending 補正 is counted up to (the days it has taken so far); defaults to the case's last step.</param>
    public static IReadOnlyList<CaseClock> Of(RequestCase c, JurisdictionProfile profile, DateOnly? asOf = null)
    {
        var day = asOf ?? c.LastStepOn;
        var clocks = new List<CaseClock>();
        var articles = CaseArticles.For(c.Kind);

        if (profile.Clocks.TryGetValue(articles.DecisionClock, out var decisionClock))
        {
            var clock = Clock(decisionClock, ClockParty.Office, () => DecisionFacts(c, c.ExtensionDays, day), profile) with
            {
                Paused = c.FormCorrectionIsPending && c.Status == CaseStatus.Open,
                MetOn = c.DecidedOn,
                StoppedOn = c.WithdrawnOn,
            };
            if (c.SpecialDueDate is { } stated)
            {
                // Art. 26(1), 36(1), 43(1): after the notice, the (remaining) decision is due by the date stated in it.
                var citation = new Citation($"{articles.SpecialDeadline.Japanese}（期限の特例：通知した期限）", $"{articles.SpecialDeadline.English} (special deadline: the date notified)");
                clock = clock with
                {
                    DueOn = stated,
                    Rules = [.. clock.Rules, new AppliedRule("special-deadline", $"特例の通知により期限は {stated:yyyy-MM-dd}", $"the special-deadline notice sets the due date to {stated:yyyy-MM-dd}", citation)],
                };
            }
            clocks.Add(clock);
        }

        if (c.SpecialDueDate is not null && c.Kind == RequestKind.Disclosure && profile.Clocks.TryGetValue(ClockIds.LargeVolumePortion, out var portion))
            clocks.Add(Clock(portion, ClockParty.Office, () => new DeadlineFacts(Local(c.ReceivedOn)), profile) with
            {
                MetOn = c.PortionDecidedOn ?? c.DecidedOn,
                StoppedOn = c.WithdrawnOn,
            });

        if (c.ObjectionIntervalFrom is { } from && profile.Clocks.TryGetValue(ClockIds.ThirdPartyObjection, out var interval))
            clocks.Add(Clock(interval, ClockParty.Interval, () => new DeadlineFacts(Local(from)), profile) with
            {
                MetOn = c.DisclosedOn is { } disclosed && disclosed >= from ? disclosed : null,
            });

        if (c.Outcome?.Discloses() == true && c.NoticeDeliveredOn is { } delivered && profile.Clocks.TryGetValue(ClockIds.DisclosureMethodRequest, out var method))
            clocks.Add(Clock(method, ClockParty.Requester, () => new DeadlineFacts(Local(delivered)), profile) with { MetOn = c.MethodRequestedOn });

        if (c.Kind == RequestKind.Disclosure && c.DisclosedOn is { } received)
            foreach (var window in new[] { ClockIds.CorrectionRequest, ClockIds.SuspensionRequest })
                if (profile.Clocks.TryGetValue(window, out var windowClock))
                    clocks.Add(Clock(windowClock, ClockParty.Requester, () => new DeadlineFacts(Local(received)), profile));

        return clocks;
    }

    /// <summary>The decision deadline with a given extension, 補正 counted up to <paramref name="asOf"/> while pending.</summary>
    public static DeadlineResult? Decision(RequestCase c, JurisdictionProfile profile, int extensionDays, DateOnly asOf) =>
        profile.Clocks.TryGetValue(CaseArticles.For(c.Kind).DecisionClock, out var clock)
            ? DeadlineEngine.Compute(profile, clock.Id, DecisionFacts(c, extensionDays, asOf))
            : null;

    /// <summary>A requester's window (Art. 28(4), 31(3), 38(3)) opened on <paramref name="start"/>; null when the profile has no such clock.</summary>
    public static DeadlineResult? Window(JurisdictionProfile profile, string clockId, DateOnly start) =>
        profile.Clocks.ContainsKey(clockId) ? DeadlineEngine.Compute(profile, clockId, new DeadlineFacts(Local(start))) : null;

    public static LocalDate Local(DateOnly day) => LocalDate.FromDateOnly(day);

    private static DeadlineFacts DecisionFacts(RequestCase c, int extensionDays, DateOnly asOf) => new(Local(c.ReceivedOn))
    {
        // A pending 補正 has so far taken the days up to asOf; Art. 25(1) proviso leaves them out.
        FormCorrections = [.. c.FormCorrections.Select(f => new FormCorrection(Local(f.RequestedOn), Local(f.CompletedOn ?? Max(asOf, f.RequestedOn))))],
        ChairVacancies = [.. c.ChairVacancies.Select(v => new DayRange(Local(v.First), Local(v.Last)))],
        ExtensionDays = extensionDays,
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static CaseClock Clock(ClockDefinition definition, ClockParty party, Func<DeadlineFacts> facts, JurisdictionProfile profile)
    {
        var f = facts();
        var started = f.Start.ToDateOnly();
        try
        {
            var result = DeadlineEngine.Compute(profile, definition.Id, f);
            return new CaseClock(definition.Id, definition.Name.Ja, definition.Name.En, definition.Citation.Ja, definition.Citation.En, party,
                started, result.DueDate.ToDateOnly(), result.PausedDays, f.ExtensionDays, false, null, null, result.Rules)
            {
                EquinoxForecastYears = result.EquinoxForecastYears,
            };
        }
        catch (DeadlineException e)
        {
            // E.g. a date beyond the holiday calendar's coverage: say so rather than show a date that may be wrong.
            return new CaseClock(definition.Id, definition.Name.Ja, definition.Name.En, definition.Citation.Ja, definition.Citation.En, party,
                started, null, 0, f.ExtensionDays, false, null, null, [], $"{e.MessageJa} / {e.MessageEn}");
        }
    }
}

/// <summary>How a clock stands on a given day (状態).</summary>
public enum ClockState
{
    /// <summary>進行中.</summary>
    Running,
    /// <summary>停止中 (補正中).</summary>
    Paused,
    /// <summary>期限間近.</summary>
    DueSoon,
    /// <summary>期限超過.</summary>
    Overdue,
    /// <summary>期限内に履行.</summary>
    Met,
    /// <summary>期限後に履行.</summary>
    MetLate,
    /// <summary>申出等の期間が経過 (a requester's window that has closed).</summary>
    Expired,
    /// <summary>開示可能日まで待機 (an Art. 27(3) interval still running).</summary>
    Waiting,
    /// <summary>取下げ等により終了.</summary>
    Stopped,
    /// <summary>期限を計算できない (e.g. beyond the calendar's coverage).</summary>
    Unknown,
}

/// <summary>A clock read against a day: its state and the days left (negative when overdue).</summary>
public sealed record ClockReading(CaseClock Clock, ClockState State, int? DaysLeft)
{
    public static ClockReading On(CaseClock clock, DateOnly today, int dueSoonDays)
    {
        if (clock.DueOn is not { } due) return new(clock, ClockState.Unknown, null);
        var daysLeft = due.DayNumber - today.DayNumber;
        var state = clock switch
        {
            { StoppedOn: not null, MetOn: null } => ClockState.Stopped,
            { Party: ClockParty.Interval, MetOn: not null } => ClockState.Met,
            { Party: ClockParty.Interval } => daysLeft > 0 ? ClockState.Waiting : ClockState.Met,
            { MetOn: { } met } => met <= due ? ClockState.Met : ClockState.MetLate,
            { Party: ClockParty.Requester } => daysLeft < 0 ? ClockState.Expired : ClockState.Running,
            { Paused: true } => ClockState.Paused,
            _ when daysLeft < 0 => ClockState.Overdue,
            _ when daysLeft <= dueSoonDays => ClockState.DueSoon,
            _ => ClockState.Running,
        };
        return new(clock, state, state is ClockState.Met or ClockState.MetLate or ClockState.Stopped ? null : daysLeft);
    }

}

public static class ClockStates
{
    /// <summary>Whether a clock in this state still asks something of someone.</summary>
    public static bool IsOpen(this ClockState state) =>
        state is ClockState.Running or ClockState.Paused or ClockState.DueSoon or ClockState.Overdue or ClockState.Waiting;
}
