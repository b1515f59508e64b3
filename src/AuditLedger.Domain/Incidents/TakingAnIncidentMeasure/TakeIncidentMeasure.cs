// 第9条 (Art. 9): 安全管理のために必要かつ適切な措置 / taking a measure on an incident (containment, support, publication, prevention).
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

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
