// 第11条 (Art. 11): 漏えい等事案の終結 / closing an incident once assessed and, if serious, every person notified or exempted.
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Closes an incident once it is assessed and, if serious, every affected person is notified or exempted (Art. 11).</summary>
public sealed record CloseLeakIncident : IncidentCommand
{
    /// <summary>Art. 11: whether notification is owed depends on the assessment, so an incident is assessed before it closes.</summary>
    public static readonly LedgerRule IncidentNotYetAssessed = new(
        "incident.not-assessed", Ordinance(11),
        "漏えい等事案が議長の定める事態に該当するかの評価が記録されていません。先に評価を記録してください（第11条）。",
        "The incident has not been assessed against the chair's criteria for serious cases; record the assessment first (Art. 11).");

    /// <summary>Art. 11: in a serious case every affected person is notified, or covered by an exemption of (1) or (2).</summary>
    public static readonly LedgerRule NotificationsOwed = new(
        "incident.notifications-owed", Ordinance(11),
        "本人への通知又は第11条各号の例外の適用が済んでいない本人がいます。終結できません（第11条）。",
        "Some affected persons have been neither notified nor covered by an exemption of Art. 11(1) or (2); the incident cannot be closed (Art. 11).");

    [PersonalText]
    public string Conclusion { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Conclusion, nameof(Conclusion), "終結の所見", "conclusion");

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        if (!incident.Assessed) throw new LedgerRuleViolation(IncidentNotYetAssessed);
        var owed = incident.NotificationsOwed.ToList();
        if (incident.Serious && owed.Count > 0)
            throw new LedgerRuleViolation(NotificationsOwed, $"{owed.Count} person(s) still owed a notification or an exemption.");
        var context = ContextAt(now, LegalGround.Of(Ordinance(11), "漏えい等事案の終結 / incident closed"));
        return [new LeakIncidentClosed(IncidentId, PersonalText.About(incident.Id, incident.AffectedPersonIds, Conclusion)!, context)];
    }
}
