namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;

/// <summary>What happened to the records (漏えい、滅失又は毀損, Art. 9, 11).</summary>
public enum IncidentKind
{
    Leak,
    Loss,
    Damage,
}

/// <summary>
/// The kinds of serious case the chair defines under Art. 11 (議長が別に定める事態). These defaults mirror the
/// national Act's rules: special-care information, risk of financial harm, wrongful purpose, more than 100 persons.
/// </summary>
public enum SeriousCriterion
{
    SpecialCareInformation,
    RiskOfFinancialHarm,
    WrongfulPurpose,
    MoreThan100Persons,
}

/// <summary>Art. 11 proviso: (1) notification impracticable and an alternative measure taken; (2) the information contains non-disclosure information of Art. 20.</summary>
public enum NotificationExemption
{
    AlternativeMeasure,
    ContainsNonDisclosureInformation,
}

/// <summary>The headings of a leak report: 本人への対応, 公表, 再発防止, and containment.</summary>
public enum MeasureKind
{
    Containment,
    SupportForPersons,
    Publication,
    RecurrencePrevention,
}

public enum IncidentStatus
{
    Open,
    Closed,
}

// ---- events ----

public sealed record LeakIncidentReported(
    Guid IncidentId, IncidentKind Kind, PersonalText Summary, IReadOnlyList<string> InformationItems, PersonalText Cause,
    IReadOnlyList<Guid> AffectedRecordIds, IReadOnlyList<Guid> AffectedPersonIds, EventContext Context) : ILedgerEvent;

public sealed record LeakIncidentAssessed(Guid IncidentId, IReadOnlyList<SeriousCriterion> CriteriaMet, bool Serious, PersonalText SecondaryHarm, EventContext Context) : ILedgerEvent;

public sealed record AffectedPersonNotified(Guid IncidentId, Guid DataSubjectId, string Method, IReadOnlyList<PersonalData> ContactUsed, EventContext Context) : ILedgerEvent;

public sealed record NotificationExemptionApplied(Guid IncidentId, IReadOnlyList<Guid> DataSubjectIds, NotificationExemption Exemption, PersonalText Description, EventContext Context) : ILedgerEvent;

public sealed record IncidentMeasureTaken(Guid IncidentId, MeasureKind Kind, PersonalText Description, EventContext Context) : ILedgerEvent;

public sealed record LeakIncidentClosed(Guid IncidentId, PersonalText Conclusion, EventContext Context) : ILedgerEvent;

/// <summary>A leak, loss or damage incident as it stands.</summary>
public sealed class LeakIncident : IEvolvingState<LeakIncident>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public IncidentKind Kind { get; set; }
    public IncidentStatus Status { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool Assessed { get; set; }
    public bool Serious { get; set; }
    public List<SeriousCriterion> CriteriaMet { get; set; } = [];
    public List<Guid> AffectedRecordIds { get; set; } = [];
    public List<Guid> AffectedPersonIds { get; set; } = [];
    public List<Guid> NotifiedPersonIds { get; set; } = [];
    public List<Guid> ExemptedPersonIds { get; set; } = [];
    public List<MeasureKind> Measures { get; set; } = [];

    /// <summary>Affected persons neither notified nor covered by an exemption.</summary>
    public IEnumerable<Guid> NotificationsOwed =>
        AffectedPersonIds.Except(NotifiedPersonIds).Except(ExemptedPersonIds);

    /// <summary>
    /// The state after one more event: a pure function, used by the store's projection and by replays.
    /// Events this state does not know leave it unchanged.
    /// </summary>
    public static LeakIncident? Evolve(LeakIncident? state, object @event)
    {
        switch (@event)
        {
            case LeakIncidentReported e:
                return Started(e);
            case LeakIncidentAssessed e:
                state!.On(e);
                break;
            case AffectedPersonNotified e:
                state!.On(e);
                break;
            case NotificationExemptionApplied e:
                state!.On(e);
                break;
            case IncidentMeasureTaken e:
                state!.On(e);
                break;
            case LeakIncidentClosed e:
                state!.On(e);
                break;
        }
        return state;
    }

    private static LeakIncident Started(LeakIncidentReported e) => new()
    {
        Id = e.IncidentId,
        Kind = e.Kind,
        Status = IncidentStatus.Open,
        DetectedAt = e.Context.OccurredAt,
        AffectedRecordIds = [.. e.AffectedRecordIds],
        AffectedPersonIds = [.. e.AffectedPersonIds],
    };

    private void On(LeakIncidentAssessed e)
    {
        Assessed = true;
        Serious = e.Serious;
        CriteriaMet = [.. e.CriteriaMet];
    }

    private void On(AffectedPersonNotified e)
    {
        if (!NotifiedPersonIds.Contains(e.DataSubjectId)) NotifiedPersonIds.Add(e.DataSubjectId);
    }

    private void On(NotificationExemptionApplied e) =>
        ExemptedPersonIds.AddRange(e.DataSubjectIds.Except(ExemptedPersonIds));

    private void On(IncidentMeasureTaken e) => Measures.Add(e.Kind);

    private void On(LeakIncidentClosed e)
    {
        Status = IncidentStatus.Closed;
        ClosedAt = e.Context.OccurredAt;
    }
}
