namespace AuditLedger.Projections.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Incidents;
using AuditLedger.Projections.Reporting;

/// <summary>A person told of the incident (Art. 11 main clause): how, by whom, when. The contact details used are not repeated here.</summary>
public sealed record NotificationRecord(Guid DataSubjectId, string Method, Recorded By);

/// <summary>An exemption of the Art. 11 proviso applied to some persons: which, the article, the alternative measure or the information concerned.</summary>
public sealed record ExemptionRecord(IReadOnlyList<Guid> DataSubjectIds, NotificationExemption Exemption, string Article, PersonalText Description, Recorded By);

/// <summary>A measure taken under one of the report's headings.</summary>
public sealed record MeasureRecord(MeasureKind Kind, PersonalText Description, Recorded By);

/// <summary>The assessment against the chair's criteria (Art. 11): serious or not, which criteria, secondary harm.</summary>
public sealed record AssessmentRecord(bool Serious, IReadOnlyList<SeriousCriterion> CriteriaMet, PersonalText SecondaryHarm, Recorded By);

/// <summary>
/// The stored facts of one leak, loss or damage incident report (Art. 9, 11), rebuilt from the incident's events alone:
/// the incident as the domain evolves it (status, affected persons, who is notified or exempted) plus what a report
/// shows and the state omits: summary, items, cause, secondary harm, each notification, exemption and measure with
/// who and when, and the conclusion. Time since detection is not stored: <see cref="IncidentReportView"/> computes it
/// at query time.
/// </summary>
public sealed class IncidentReport
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    /// <summary>The incident's state, evolved by <see cref="LeakIncident.Evolve"/>: one definition of what each event does.</summary>
    public LeakIncident Incident { get; set; } = null!;

    /// <summary>Free text about the affected persons: stored sealed under their keys for the incident, read as erased after an erasure.</summary>
    public PersonalText Summary { get; set; } = null!;
    public List<string> InformationItems { get; set; } = [];
    public PersonalText Cause { get; set; } = null!;
    public Recorded Detected { get; set; } = null!;
    public AssessmentRecord? Assessment { get; set; }
    public List<NotificationRecord> Notifications { get; set; } = [];
    public List<ExemptionRecord> Exemptions { get; set; } = [];
    public List<MeasureRecord> Measures { get; set; } = [];
    public PersonalText? Conclusion { get; set; }
    public Recorded? Closed { get; set; }

    /// <summary>The report after one more event of the incident's stream; other events leave it unchanged.</summary>
    public static IncidentReport? Next(IncidentReport? report, object @event)
    {
        if (@event is not ILedgerEvent e) return report;
        var incident = LeakIncident.Evolve(report?.Incident, @event);
        if (incident is null) return report;
        report ??= new IncidentReport { Id = incident.Id };
        report.Incident = incident;
        var by = Recorded.From(e.Context);
        switch (@event)
        {
            case LeakIncidentReported d:
                report.Summary = d.Summary;
                report.InformationItems = [.. d.InformationItems];
                report.Cause = d.Cause;
                report.Detected = by;
                break;
            case LeakIncidentAssessed a:
                report.Assessment = new AssessmentRecord(a.Serious, a.CriteriaMet, a.SecondaryHarm, by);
                break;
            case AffectedPersonNotified n:
                report.Notifications.Add(new NotificationRecord(n.DataSubjectId, n.Method, by));
                break;
            case NotificationExemptionApplied x:
                report.Exemptions.Add(new ExemptionRecord(x.DataSubjectIds, x.Exemption, e.Context.Ground.Article.Japanese, x.Description, by));
                break;
            case IncidentMeasureTaken m:
                report.Measures.Add(new MeasureRecord(m.Kind, m.Description, by));
                break;
            case LeakIncidentClosed c:
                report.Conclusion = c.Conclusion;
                report.Closed = by;
                break;
        }
        return report;
    }
}

/// <summary>
/// Keeps <see cref="IncidentReport"/> from every event of the incidents module: the report embeds the incident's state,
/// which must see each event of its stream.
/// </summary>
public sealed class IncidentReportFold() : ReadModelFold<IncidentReport>(
    IncidentReport.Next,
    (report, version) => report.Version = report.Incident.Version = version,
    typeof(LeakIncidentReported), IncidentsModule.Module.EventTypes);
