// 第11条 (Art. 11): 漏えい等事案に係る手続の共通の要件 / what every step on a reported leak, loss or damage requires.
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Base of commands on an open incident.</summary>
public abstract record IncidentCommand : StreamCommand, IStreamDecision<LeakIncident>
{
    /// <summary>Art. 11: a closed incident is final in the ledger; nothing is recorded on it after its closing.</summary>
    public static readonly LedgerRule IncidentClosed = new(
        "incident.closed", Ordinance(11),
        "この漏えい等事案は終結済みです。新たな記録はできません（第11条）。",
        "This incident is closed; nothing more can be recorded on it (Art. 11).");

    /// <summary>Art. 11: a person is notified of (or exempted for) an incident only if the incident affects them.</summary>
    public static readonly LedgerRule PersonNotAffected = new(
        "incident.person-not-affected", Ordinance(11),
        "この本人は事案の対象者として記録されていません（第11条）。",
        "This person is not recorded as affected by the incident (Art. 11).");

    public Guid IncidentId { get; init; }

    public override Guid StreamId => IncidentId;

    public IReadOnlyList<ILedgerEvent> Decide(LeakIncident incident, DateTimeOffset now)
    {
        if (incident.Status == IncidentStatus.Closed) throw new LedgerRuleViolation(IncidentClosed);
        var events = DecideOnOpenIncident(incident, now);
        foreach (var e in events) Chronology.NotBefore(e.Context, incident.DetectedAt, "detection of the incident");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now);

    protected static void RefuseWhenNotAffected(LeakIncident incident, IEnumerable<Guid> dataSubjectIds)
    {
        if (dataSubjectIds.Any(id => !incident.AffectedPersonIds.Contains(id))) throw new LedgerRuleViolation(PersonNotAffected);
    }
}
