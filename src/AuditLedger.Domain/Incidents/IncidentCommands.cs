namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Records the detection of a leak, loss or damage of retained records (Art. 9, 11).</summary>
public sealed record ReportLeakIncident : LedgerCommand
{
    public Guid? IncidentId { get; init; }
    public IncidentKind Kind { get; init; }
    /// <summary>概要: what happened, without personal data.</summary>
    [PersonalText]
    public string Summary { get; init; } = "";
    /// <summary>項目: the kinds of information involved (e.g. 氏名, 住所).</summary>
    public IReadOnlyList<string> InformationItems { get; init; } = [];
    /// <summary>原因.</summary>
    [PersonalText]
    public string Cause { get; init; } = "";
    public IReadOnlyList<Guid> AffectedRecordIds { get; init; } = [];

    public override Guid StreamId => IncidentId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "事案の種類", "kind of incident");
        Fields.RequireText(errors, Summary, nameof(Summary), "概要", "summary");
        if (AffectedRecordIds is not { Count: > 0 }) errors.Add(Fields.Required(nameof(AffectedRecordIds), "対象の保有個人情報", "affected records"));
        else if (AffectedRecordIds.Count > 100_000)
            errors.Add(new FieldError(nameof(AffectedRecordIds), "対象は100,000件以内で指定してください。", "At most 100,000 affected records per incident."));
    }

    /// <param name="records">The states of <see cref="AffectedRecordIds"/> that exist in the ledger.</param>
    public IReadOnlyList<ILedgerEvent> Decide(Guid incidentId, IReadOnlyCollection<RetainedRecord> records, DateTimeOffset now)
    {
        var known = records.Select(r => r.Id).ToHashSet();
        var unknown = AffectedRecordIds.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0) throw new LedgerRuleViolation(Rules.AffectedRecordUnknown, $"Unknown: {string.Join(", ", unknown.Take(5))}.");
        var context = ContextAt(now, LegalGround.Of(Ordinance(9), "保有個人情報の漏えい等の事態の把握 / incident detected"));
        var persons = records.Select(r => r.DataSubjectId).Distinct().ToList();
        return [new LeakIncidentReported(incidentId, Kind, PersonalText.About(incidentId, persons, Summary)!, [.. (InformationItems ?? []).Select(i => i.Trim()).Where(i => i.Length > 0)],
            PersonalText.About(incidentId, persons, Cause ?? "")!, [.. AffectedRecordIds.Distinct()], [.. persons], context)];
    }
}

/// <summary>Base of commands on an open incident.</summary>
public abstract record IncidentCommand : StreamCommand, IStreamDecision<LeakIncident>
{
    public Guid IncidentId { get; init; }

    public override Guid StreamId => IncidentId;

    public IReadOnlyList<ILedgerEvent> Decide(LeakIncident incident, DateTimeOffset now)
    {
        if (incident.Status == IncidentStatus.Closed) throw new LedgerRuleViolation(Rules.IncidentClosed);
        var events = DecideOnOpenIncident(incident, now);
        foreach (var e in events) Chronology.NotBefore(e.Context, incident.DetectedAt, "detection of the incident");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now);
}

/// <summary>Assesses whether the incident is one of the serious kinds the chair defines (Art. 11).</summary>
public sealed record AssessLeakIncident : IncidentCommand
{
    public IReadOnlyList<SeriousCriterion> CriteriaMet { get; init; } = [];
    /// <summary>二次被害: secondary harm or its risk.</summary>
    [PersonalText]
    public string SecondaryHarm { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        foreach (var c in CriteriaMet ?? []) Fields.RequireDefined(errors, c, nameof(CriteriaMet), "該当する事態", "criterion");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        var criteria = (CriteriaMet ?? []).ToHashSet();
        // The count criterion is a fact the ledger knows; it is never left to judgement, either way.
        criteria.Remove(SeriousCriterion.MoreThan100Persons);
        if (incident.AffectedPersonIds.Count > 100) criteria.Add(SeriousCriterion.MoreThan100Persons);
        var context = ContextAt(now, LegalGround.Of(Ordinance(11), "議長が定める事態への該当性の評価 / assessment against the chair's criteria"));
        return [new LeakIncidentAssessed(IncidentId, [.. criteria.Order()], criteria.Count > 0, PersonalText.About(incident.Id, incident.AffectedPersonIds, SecondaryHarm ?? "")!, context)];
    }
}

/// <summary>Records that an affected person was notified (Art. 11 main clause).</summary>
public sealed record NotifyAffectedPerson : IncidentCommand
{
    public Guid DataSubjectId { get; init; }
    /// <summary>How they were told (書面郵送, 電話, 面談...).</summary>
    public string Method { get; init; } = "";
    public IReadOnlyList<PersonalData> ContactUsed { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, DataSubjectId, nameof(DataSubjectId), "本人ID", "data subject id");
        Fields.RequireText(errors, Method, nameof(Method), "通知の方法", "method of notification");
        Fields.CheckPersonalData(errors, ContactUsed, nameof(ContactUsed));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        if (!incident.AffectedPersonIds.Contains(DataSubjectId)) throw new LedgerRuleViolation(Rules.PersonNotAffected);
        var context = ContextAt(now, LegalGround.Of(Ordinance(11), "本人への通知 / notification of the person"));
        return [new AffectedPersonNotified(IncidentId, DataSubjectId, Method.Trim(), PersonalData.In(ContactUsed, IncidentId), context)];
    }
}

/// <summary>Applies an exemption of Art. 11(1) or (2) to affected persons instead of notifying them.</summary>
public sealed record ApplyNotificationExemption : IncidentCommand
{
    public IReadOnlyList<Guid> DataSubjectIds { get; init; } = [];
    public NotificationExemption Exemption { get; init; }
    /// <summary>For 11(1), the alternative measure (e.g. publication on the website); for 11(2), which non-disclosure information.</summary>
    [PersonalText]
    public string Description { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (DataSubjectIds is not { Count: > 0 }) errors.Add(Fields.Required(nameof(DataSubjectIds), "対象の本人", "persons the exemption covers"));
        Fields.RequireDefined(errors, Exemption, nameof(Exemption), "適用する例外", "exemption");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        if (DataSubjectIds.Any(id => !incident.AffectedPersonIds.Contains(id))) throw new LedgerRuleViolation(Rules.PersonNotAffected);
        if (Exemption == NotificationExemption.AlternativeMeasure && string.IsNullOrWhiteSpace(Description))
            throw new LedgerRuleViolation(Rules.AlternativeMeasureRequired);
        var article = Ordinance(11, null, Exemption == NotificationExemption.AlternativeMeasure ? 1 : 2);
        var context = ContextAt(now, LegalGround.Of(article, "本人への通知の例外 / exemption from notifying the person"));
        return [new NotificationExemptionApplied(IncidentId, [.. DataSubjectIds.Distinct()], Exemption, PersonalText.About(incident.Id, incident.AffectedPersonIds, Description)!, context)];
    }
}

/// <summary>Records a measure taken: containment, support for the persons, publication, recurrence prevention.</summary>
public sealed record TakeIncidentMeasure : IncidentCommand
{
    public MeasureKind Kind { get; init; }
    [PersonalText]
    public string Description { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "措置の種類", "kind of measure");
        Fields.RequireText(errors, Description, nameof(Description), "措置の内容", "description of the measure");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        var context = ContextAt(now, LegalGround.Of(Ordinance(9), "安全管理のために必要かつ適切な措置 / security measure"));
        return [new IncidentMeasureTaken(IncidentId, Kind, PersonalText.About(incident.Id, incident.AffectedPersonIds, Description)!, context)];
    }
}

/// <summary>Closes an incident once it is assessed and, if serious, every affected person is notified or exempted (Art. 11).</summary>
public sealed record CloseLeakIncident : IncidentCommand
{
    [PersonalText]
    public string Conclusion { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Conclusion, nameof(Conclusion), "終結の所見", "conclusion");

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        if (!incident.Assessed) throw new LedgerRuleViolation(Rules.IncidentNotYetAssessed);
        var owed = incident.NotificationsOwed.ToList();
        if (incident.Serious && owed.Count > 0)
            throw new LedgerRuleViolation(Rules.NotificationsOwed, $"{owed.Count} person(s) still owed a notification or an exemption.");
        var context = ContextAt(now, LegalGround.Of(Ordinance(11), "漏えい等事案の終結 / incident closed"));
        return [new LeakIncidentClosed(IncidentId, PersonalText.About(incident.Id, incident.AffectedPersonIds, Conclusion)!, context)];
    }
}
