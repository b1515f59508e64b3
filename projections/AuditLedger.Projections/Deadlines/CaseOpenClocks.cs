namespace AuditLedger.Projections.Deadlines;

using AuditLedger.Domain.Requests;
using AuditLedger.Projections.Folding;
using JasperFx.Events;

/// <summary>
/// The slim rows of the deadline list (期限一覧) for one request case: its clocks neither met nor stopped, each as the
/// deadline view counts it but without the rules that made it (those, the history and the met clocks stay in
/// <see cref="CaseDeadlines"/>, which one case's page reads). "What is due" across every case reads these rows only,
/// filtered on <see cref="OpenThroughDay"/> (an indexed column), and selects only the fields it shows (not
/// <see cref="Case"/>), so it never loads the full documents.
/// </summary>
public sealed class CaseOpenClocks
{
    public Guid Id { get; set; }
    public RequestKind Kind { get; set; }
    public string JurisdictionId { get; set; } = "";
    /// <summary>The holiday calendar the clocks were counted with, kept from the first event as on <see cref="CaseDeadlines.CalendarVersion"/>.</summary>
    public string CalendarVersion { get; set; } = "";
    /// <summary>The case's state: what the next event is folded onto (not read by the deadline list).</summary>
    public RequestCase Case { get; set; } = new();
    /// <summary>The day of the case's last step: a paused clock read after it is counted up to the day read (from the full view).</summary>
    public DateOnly LastStepOn { get; set; }
    /// <summary>
    /// The last day (<see cref="DateOnly.DayNumber"/>) on which the case still asks something of someone: int.MaxValue while
    /// an office clock is unmet, else the latest due day of an unmet window, 0 when nothing is unmet. "Still asks something
    /// on day D" is <c>OpenThroughDay &gt;= D</c>, one range over one index.
    /// </summary>
    public int OpenThroughDay { get; set; }
    /// <summary>The clocks neither met nor stopped, in the order the deadline view has them, each without its <see cref="CaseClock.Rules"/>.</summary>
    public List<CaseClock> Clocks { get; set; } = [];
}

/// <summary>
/// Keeps <see cref="CaseOpenClocks"/> from a request case's events: the same counting as the deadline view
/// (<see cref="CaseDeadlinesFold.Count"/>), kept slim. Like the deadline view it embeds the case's state, so it reads every
/// event of the requests module; rebuilt from the events alone it yields the same rows as kept live.
/// </summary>
public sealed class CaseOpenClocksFold(CaseDeadlinesFold deadlines)
    : StreamFold<CaseOpenClocks>(nameof(CaseOpenClocks), typeof(RequestReceived), [.. RequestsModule.Module.EventTypes])
{
    public override CaseOpenClocks? Apply(CaseOpenClocks? rows, Guid id, IEvent e)
    {
        if (deadlines.Count(rows?.Case, e) is not { } counted) return rows;
        // As on the deadline view: the calendar of the first event stays, so a stale document stays findable until rebuilt.
        rows ??= new CaseOpenClocks { Id = id, CalendarVersion = counted.CalendarVersion };
        rows.Case = counted.Case;
        rows.Kind = counted.Case.Kind;
        rows.JurisdictionId = counted.Case.JurisdictionId;
        rows.LastStepOn = counted.Case.LastStepOn;
        rows.OpenThroughDay = counted.HasUnmetOfficeClock ? int.MaxValue : counted.LatestUnmetDueDay;
        rows.Clocks = [.. counted.Unmet.Select(c => c with { Rules = [] })];
        return rows;
    }
}
