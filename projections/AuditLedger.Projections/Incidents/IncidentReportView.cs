namespace AuditLedger.Projections.Incidents;

using AuditLedger.Domain.Incidents;
using AuditLedger.Projections.Reporting;

/// <summary>Whether Art. 11 obliges the council to notify the persons: only for the serious kinds the chair defines.</summary>
public enum NotificationDuty
{
    /// <summary>Not yet assessed: the duty may arise, so every affected person is still counted as owed.</summary>
    PendingAssessment,
    /// <summary>Assessed as serious: each person must be notified or covered by an exemption of 11 (1) or (2).</summary>
    Required,
    /// <summary>Assessed as not serious: Art. 11 does not oblige a notification.</summary>
    NotRequired,
}

public enum PersonNotificationStatus
{
    /// <summary>Neither notified nor covered by an exemption.</summary>
    Owed,
    Notified,
    Exempted,
}

/// <summary>Where one affected person stands: notified (how, when), exempted (which exemption), or still owed.</summary>
public sealed record PersonNotice(Guid DataSubjectId, PersonNotificationStatus Status, NotificationRecord? Notification, ExemptionRecord? Exemption);

/// <summary>The measures recorded under one heading of the report (an empty list shows what has not been done).</summary>
public sealed record MeasureHeading(MeasureKind Kind, string Heading, IReadOnlyList<MeasureRecord> Measures);

/// <summary>
/// An incident report as read at an instant: the stored <see cref="IncidentReport"/> plus what depends on the
/// reading time (time since detection, from the injected clock) and what is derived (per-person status, counts,
/// measures by heading). Holds opaque person ids only, never personal data.
/// </summary>
public sealed record IncidentReportView(
    Guid IncidentId,
    long Version,
    IncidentKind Kind,
    string KindJapanese,
    string Summary,
    IReadOnlyList<string> InformationItems,
    string Cause,
    int AffectedRecordCount,
    IReadOnlyList<Guid> AffectedRecordIds,
    int AffectedPersonCount,
    bool Assessed,
    bool? Serious,
    IReadOnlyList<SeriousCriterion> CriteriaMet,
    IReadOnlyList<string> CriteriaMetJapanese,
    string? SecondaryHarm,
    NotificationDuty NotificationDuty,
    int NotifiedCount,
    int ExemptedCount,
    int OwedCount,
    bool NotificationsStillOwed,
    IReadOnlyList<PersonNotice> Persons,
    IReadOnlyList<MeasureHeading> Measures,
    IncidentStatus Status,
    Recorded Detected,
    Recorded? Closed,
    string? Conclusion,
    DateTimeOffset AsOf,
    TimeSpan SinceDetection,
    int DaysSinceDetection,
    TimeSpan? OpenFor)
{
    public static readonly IReadOnlyDictionary<IncidentKind, string> KindNames = new Dictionary<IncidentKind, string>
    {
        [IncidentKind.Leak] = "漏えい",
        [IncidentKind.Loss] = "滅失",
        [IncidentKind.Damage] = "毀損",
    };

    public static readonly IReadOnlyDictionary<SeriousCriterion, string> CriterionNames = new Dictionary<SeriousCriterion, string>
    {
        [SeriousCriterion.SpecialCareInformation] = "要配慮個人情報が含まれる事態",
        [SeriousCriterion.RiskOfFinancialHarm] = "財産的被害が生じるおそれがある事態",
        [SeriousCriterion.WrongfulPurpose] = "不正の目的をもって行われたおそれがある事態",
        [SeriousCriterion.MoreThan100Persons] = "本人の数が100人を超える事態",
    };

    /// <summary>The report's headings, in the order a report lists them.</summary>
    public static readonly IReadOnlyList<(MeasureKind Kind, string Heading)> MeasureHeadings =
    [
        (MeasureKind.Containment, "被害の拡大防止（封じ込め）"),
        (MeasureKind.SupportForPersons, "本人への対応"),
        (MeasureKind.Publication, "公表"),
        (MeasureKind.RecurrencePrevention, "再発防止"),
    ];

    /// <summary>The report as read at <paramref name="now"/>.</summary>
    public static IncidentReportView Of(IncidentReport report, DateTimeOffset now)
    {
        var incident = report.Incident;
        var duty = !incident.Assessed ? NotificationDuty.PendingAssessment : incident.Serious ? NotificationDuty.Required : NotificationDuty.NotRequired;
        var notified = report.Notifications.GroupBy(n => n.DataSubjectId).ToDictionary(g => g.Key, g => g.First());
        var exempted = report.Exemptions.SelectMany(x => x.DataSubjectIds.Select(id => (id, x))).GroupBy(p => p.id).ToDictionary(g => g.Key, g => g.First().x);
        var persons = incident.AffectedPersonIds.Select(id =>
        {
            var notification = notified.GetValueOrDefault(id);
            var exemption = exempted.GetValueOrDefault(id);
            var status = notification is not null ? PersonNotificationStatus.Notified
                : exemption is not null ? PersonNotificationStatus.Exempted
                : PersonNotificationStatus.Owed;
            return new PersonNotice(id, status, notification, exemption);
        }).ToList();
        // The domain's own definition of who is still owed, so that the report and the close rule never disagree.
        var owed = incident.NotificationsOwed.Count();
        var since = now - incident.DetectedAt;
        if (since < TimeSpan.Zero) since = TimeSpan.Zero;

        return new IncidentReportView(
            report.Id, report.Version, incident.Kind, KindNames[incident.Kind], report.Summary.Value, report.InformationItems, report.Cause.Value,
            incident.AffectedRecordIds.Count, incident.AffectedRecordIds, incident.AffectedPersonIds.Count,
            incident.Assessed, incident.Assessed ? incident.Serious : null, incident.CriteriaMet, [.. incident.CriteriaMet.Select(c => CriterionNames[c])],
            report.Assessment?.SecondaryHarm.Value, duty,
            persons.Count(p => p.Status == PersonNotificationStatus.Notified), persons.Count(p => p.Status == PersonNotificationStatus.Exempted), owed,
            incident.Status == IncidentStatus.Open && owed > 0 && duty != NotificationDuty.NotRequired,
            persons,
            [.. MeasureHeadings.Select(h => new MeasureHeading(h.Kind, h.Heading, [.. report.Measures.Where(m => m.Kind == h.Kind)]))],
            incident.Status, report.Detected, report.Closed, report.Conclusion?.Value,
            now, since, (int)Math.Floor(since.TotalDays), incident.ClosedAt is { } closedAt ? closedAt - incident.DetectedAt : null);
    }
}
