// 第11条 (Art. 11): 議長が定める事態への該当性の評価 / assessing an incident against the chair's criteria for serious cases.
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

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
