namespace AuditLedger.Projections;

using AuditLedger.Projections.Activity;
using AuditLedger.Projections.States;
using JasperFx.Events.Projections;
using Marten;

/// <summary>Registers every projection of the ledger in one place.</summary>
public static class LedgerProjections
{
    /// <summary>
    /// Inline: the states commands are decided from (file, record, incident) are written in the same
    /// transaction as their events, so a command never decides on a stale view.
    /// Async (daemon): read models that span streams and decide nothing.
    /// </summary>
    public static StoreOptions AddLedgerProjections(this StoreOptions opts)
    {
        opts.Projections.Add<PersonalInformationFileProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<RetainedRecordProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<LeakIncidentProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<DailyActivityProjection>(ProjectionLifecycle.Async);
        return opts;
    }
}
