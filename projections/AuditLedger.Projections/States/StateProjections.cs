namespace AuditLedger.Projections.States;

using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using JasperFx.Events;
using Marten.Events.Aggregation;

// The states commands are decided from, kept by Marten from the domain's pure Evolve functions.
// Explicit Evolve overrides: the domain assembly stays free of Marten (and of its source generator).

public sealed class PersonalInformationFileProjection : SingleStreamProjection<PersonalInformationFile, Guid>
{
    public override PersonalInformationFile? Evolve(PersonalInformationFile? snapshot, Guid id, IEvent e)
    {
        var state = PersonalInformationFile.Evolve(snapshot, e.Data);
        if (state is not null) state.Version = e.Version;
        return state;
    }
}

public sealed class RetainedRecordProjection : SingleStreamProjection<RetainedRecord, Guid>
{
    public override RetainedRecord? Evolve(RetainedRecord? snapshot, Guid id, IEvent e)
    {
        var state = RetainedRecord.Evolve(snapshot, e.Data);
        if (state is not null) state.Version = e.Version;
        return state;
    }
}

public sealed class LeakIncidentProjection : SingleStreamProjection<LeakIncident, Guid>
{
    public override LeakIncident? Evolve(LeakIncident? snapshot, Guid id, IEvent e)
    {
        var state = LeakIncident.Evolve(snapshot, e.Data);
        if (state is not null) state.Version = e.Version;
        return state;
    }
}
