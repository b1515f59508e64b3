namespace AuditLedger.Projections.Deadlines;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Projections.Folding;
using JasperFx.Events;

/// <summary>How a clock moved: it started, its due date moved (extension, pause, special deadline), it was met or stopped.</summary>
public sealed record ClockChange(
    string ClockId,
    DateTimeOffset At,
    DateOnly On,
    string Cause,
    DateOnly? DueBefore,
    DateOnly? DueAfter,
    string Ja,
    string En);

/// <summary>
/// The deadline view of one request case (期限管理): every clock with its due date as the events set it, and the history
/// of how each date moved. Days left and the state on a given day (running, paused, due soon, overdue, met, met late)
/// are read against today's date when queried; see <see cref="ClockReading"/>.
/// </summary>
public sealed class CaseDeadlines
{
    public Guid Id { get; set; }
    /// <summary>How many of the case's events the view has applied (the stream's version once up to date).</summary>
    public long EventsApplied { get; set; }
    public RequestKind Kind { get; set; }
    public string JurisdictionId { get; set; } = "";
    public CaseStatus Status { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>The case's facts, kept so that a paused clock can be counted up to today when read.</summary>
    public RequestCase Case { get; set; } = new();
    public List<CaseClock> Clocks { get; set; } = [];
    public List<ClockChange> History { get; set; } = [];
    /// <summary>An office clock not yet met nor stopped: the case stays in "what is due" queries until it is.</summary>
    public bool HasUnmetOfficeClock { get; set; }
    /// <summary>The latest due date of any clock not yet met (as a day number), for finding requester windows still open.</summary>
    public int LatestUnmetDueDay { get; set; }
    /// <summary>
    /// The holiday calendar the clocks were counted with (<see cref="AuditLedger.Deadlines.Calendars.HolidayCalendar.Version"/>).
    /// A document counted with another calendar than the one in force is stale: the service rebuilds such documents at
    /// start-up (CalendarRefresh), and until then the deadline queries recount its clocks from <see cref="Case"/>.
    /// </summary>
    public string CalendarVersion { get; set; } = "";
}

/// <summary>
/// Keeps <see cref="CaseDeadlines"/> from a request case's events, counting each clock with the deadline engine and the
/// case's jurisdiction profile. Rebuilt from the events alone, it yields the same documents as kept live. It embeds the
/// case's state, so it reads every event of the requests module.
/// </summary>
public sealed class CaseDeadlinesFold(ProfileCatalog profiles)
    : StreamFold<CaseDeadlines>(nameof(CaseDeadlines), typeof(RequestReceived), [.. RequestsModule.Module.EventTypes])
{
    public override CaseDeadlines? Apply(CaseDeadlines? view, Guid id, IEvent e)
    {
        if (Count(view?.Case, e) is not { } counted) return view;
        var state = counted.Case;
        // The calendar the document was begun with, kept on later events: a document begun under another calendar holds a
        // history counted with it, so it stays marked stale until it is rebuilt.
        view ??= new CaseDeadlines { Id = id, CalendarVersion = counted.CalendarVersion };
        // Counted rather than read from the event: an inline projection sees events before the store has numbered them.
        view.EventsApplied++;
        view.Case = state;
        view.Kind = state.Kind;
        view.JurisdictionId = state.JurisdictionId;
        view.Status = state.Status;
        view.ReceivedOn = state.ReceivedOn;

        RecordChanges(view, counted.Clocks, counted.Cause, e.Data.GetType().Name);
        view.Clocks = [.. counted.Clocks];
        view.HasUnmetOfficeClock = counted.HasUnmetOfficeClock;
        view.LatestUnmetDueDay = counted.LatestUnmetDueDay;
        return view;
    }

    /// <summary>
    /// The case's state and clocks after one more event of its stream: the one place where a deadline document counts its
    /// clocks (the engine through <see cref="CaseClocks.Of"/>, with the case's jurisdiction profile). Both this view and the
    /// slim rows of <see cref="CaseOpenClocksFold"/> are folded from it. Null when the event does not (yet) make a case.
    /// </summary>
    /// <param name="state">The case before the event (null before its first).</param>
    public CountedClocks? Count(RequestCase? state, IEvent e)
    {
        var after = RequestCase.Evolve(state, e.Data);
        if (after is null || e.Data is not ILedgerEvent cause) return null;
        var profile = profiles.Get(after.JurisdictionId);
        return new CountedClocks(after, cause, CaseClocks.Of(after, profile), profile.Calendar.Version);
    }

    private static void RecordChanges(CaseDeadlines view, IReadOnlyList<CaseClock> clocks, ILedgerEvent cause, string causeName)
    {
        var at = cause.Context.OccurredAt;
        var on = JapanDate.Of(at);
        foreach (var clock in clocks)
        {
            var before = view.Clocks.FirstOrDefault(c => c.ClockId == clock.ClockId);
            if (before is null)
                Add(clock, null, clock.DueOn, $"{clock.NameJa}が開始（期限 {Day(clock.DueOn)}）", $"{clock.NameEn} started (due {Day(clock.DueOn)})");
            else if (before.DueOn != clock.DueOn)
                Add(clock, before.DueOn, clock.DueOn, $"期限が {Day(before.DueOn)} から {Day(clock.DueOn)} に変更", $"due date moved from {Day(before.DueOn)} to {Day(clock.DueOn)}");
            if (before?.Paused != true && clock.Paused)
                Add(clock, clock.DueOn, clock.DueOn, "補正中のため停止", "paused for a correction of form");
            if (before?.MetOn is null && clock.MetOn is { } met)
                Add(clock, clock.DueOn, clock.DueOn, met <= clock.DueOn ? $"{Day(met)} に期限内に履行" : $"{Day(met)} に期限後に履行",
                    met <= clock.DueOn ? $"met on {Day(met)}, in time" : $"met on {Day(met)}, late");
            if (before?.StoppedOn is null && clock.StoppedOn is { } stopped)
                Add(clock, clock.DueOn, clock.DueOn, $"{Day(stopped)} に終了（取下げ）", $"stopped on {Day(stopped)} (withdrawn)");
        }

        void Add(CaseClock clock, DateOnly? dueBefore, DateOnly? dueAfter, string ja, string en) =>
            view.History.Add(new ClockChange(clock.ClockId, at, on, causeName, dueBefore, dueAfter, ja, en));
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd") ?? "—";
}

/// <summary>A case's clocks as counted after one event (<see cref="CaseDeadlinesFold.Count"/>), and what they still ask.</summary>
/// <param name="Case">The case's state after the event.</param>
/// <param name="Cause">The event.</param>
/// <param name="Clocks">Every clock of the case, counted with the calendar of <paramref name="CalendarVersion"/>.</param>
/// <param name="CalendarVersion">The version of the holiday calendar of the case's jurisdiction profile.</param>
public sealed record CountedClocks(RequestCase Case, ILedgerEvent Cause, IReadOnlyList<CaseClock> Clocks, string CalendarVersion)
{
    /// <summary>The clocks neither met nor stopped: the only ones that can still ask something of someone on some day.</summary>
    public IReadOnlyList<CaseClock> Unmet { get; } = [.. Clocks.Where(c => c.MetOn is null && c.StoppedOn is null)];

    /// <summary>An office clock unmet: the case stays in "what is due" until it is met or stopped, whatever the day.</summary>
    public bool HasUnmetOfficeClock => Unmet.Any(c => c.Party == ClockParty.Office);

    /// <summary>The latest due date of an unmet clock as a day number (<see cref="DateOnly.DayNumber"/>; int.MaxValue for a date that could not be counted, 0 when none).</summary>
    public int LatestUnmetDueDay => Unmet.Select(c => c.DueOn?.DayNumber ?? int.MaxValue).DefaultIfEmpty(0).Max();
}
