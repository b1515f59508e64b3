namespace AuditLedger.Projections;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Cases;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Projections.Activity;
using AuditLedger.Projections.Deadlines;
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
        opts.Projections.Add<DailyActivityProjection>(ProjectionLifecycle.Async);
        return opts;
    }
}
