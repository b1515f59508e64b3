namespace AuditLedger.Projections;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Cases;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Projections.Activity;
using AuditLedger.Projections.Annual;
using AuditLedger.Projections.Deadlines;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Provisions;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.States;
using JasperFx.Events.Projections;
using Marten;

/// <summary>Registers every projection of the ledger in one place.</summary>
public static class LedgerProjections
{
    /// <summary>
    /// Inline: the states commands are decided from (file, record, incident, request case, review case) are written in
    /// the same transaction as their events, so a command never decides on a stale view. The deadline view is inline
    /// too: it is one document per case, cheap to count, and staff expect a deadline to show the moment a request is
    /// received or extended.
    /// Async (daemon): read models that span streams and decide nothing.
    /// </summary>
    /// <param name="profiles">The jurisdiction profiles the deadline view counts with.</param>
    public static StoreOptions AddLedgerProjections(this StoreOptions opts, ProfileCatalog profiles)
    {
        opts.Projections.Add(new StateProjection<PersonalInformationFile>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StateProjection<RetainedRecord>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StateProjection<LeakIncident>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StateProjection<RequestCase>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StateProjection<ReviewCase>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new CaseDeadlinesProjection(profiles), ProjectionLifecycle.Inline);

        // The file register (Art. 17): inline, because the published register must never show a file or an item
        // after its exemption (17(2)) or withholding (17(3)) is committed; with the daemon the published view would
        // lag behind the decision. It is one small document per file, written only on the rare file events.
        opts.Projections.Add<FileRegisterProjection>(ProjectionLifecycle.Inline);

        // Leak-incident reports (Art. 11): inline, because staff act on "notifications still owed" (notify, exempt,
        // close) and must see each notification the moment it is recorded, also from the command line, which runs
        // without the daemon. One document per incident, written only on the few incident events.
        opts.Projections.Add<IncidentReportProjection>(ProjectionLifecycle.Inline);

        // Provision recipients per record (Art. 13, for the notices of Art. 37): inline, because a correction
        // executed right after a provision must find that recipient; a lagging list would miss a notice the law
        // requires. Written only on acquisition, provision, stop of provision and erasure, not on every record event.
        opts.Projections.Add<ProvisionRecipientsProjection>(ProjectionLifecycle.Inline);

        // Daily activity: async. It spans every stream and every event, nothing is decided from it, and a few
        // seconds of lag on a dashboard count cost nothing, so it is kept off the append path.
        opts.Projections.Add<DailyActivityProjection>(ProjectionLifecycle.Async);

        // The annual enforcement status (Art. 51): async. It spans every kind of stream, is published once a year and
        // decides nothing, so a few seconds of lag cost nothing, while inline it would add work (and, for a step of a
        // case received in an earlier year, a read of that case's events) to every append. One document per fiscal year,
        // rebuilt from the events alone; the daemon runs it in HotCold mode, so one of the service instances keeps it.
        // The command line, which runs without the daemon, catches it up before reading (AnnualStatusQuery).
        opts.Projections.Add(new AnnualStatusProjection(profiles), ProjectionLifecycle.Async);
        return opts;
    }
}
