// 第11条第1号、第2号 (Art. 11(1), (2)): 本人への通知の例外 / exempting affected persons from notification.
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Applies an exemption of Art. 11(1) or (2) to affected persons instead of notifying them.</summary>
public sealed record ApplyNotificationExemption : IncidentCommand
{
    /// <summary>Art. 11(1): the exemption holds only where an alternative measure protects the persons, so it is described.</summary>
    public static readonly LedgerRule AlternativeMeasureRequired = new(
        "incident.alternative-measure-missing", Ordinance(11, null, 1),
        "本人への通知が困難な場合は、これに代わるべき措置の内容を記載してください（第11条第1号）。",
        "Where notifying the person is impracticable, describe the alternative measure taken to protect them (Art. 11(1)).");

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
        RefuseWhenNotAffected(incident, DataSubjectIds);
        if (Exemption == NotificationExemption.AlternativeMeasure && string.IsNullOrWhiteSpace(Description))
            throw new LedgerRuleViolation(AlternativeMeasureRequired);
        var article = Ordinance(11, null, Exemption == NotificationExemption.AlternativeMeasure ? 1 : 2);
        var context = ContextAt(now, LegalGround.Of(article, "本人への通知の例外 / exemption from notifying the person"));
        return [new NotificationExemptionApplied(IncidentId, [.. DataSubjectIds.Distinct()], Exemption, PersonalText.About(incident.Id, incident.AffectedPersonIds, Description)!, context)];
    }
}
