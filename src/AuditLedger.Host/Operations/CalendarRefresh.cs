namespace AuditLedger.Host.Operations;

using AuditLedger.Host.Tenancy;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections.Annual;
using AuditLedger.Projections.Deadlines;
using Marten;

/// <summary>
/// Keeps every stored view of a clock on the holiday calendar in force (a corrected or newly published calendar
/// must reach what is stored, or a due date would be counted with holidays no longer in force). The deadline view (<see cref="CaseDeadlines"/>), the deadline list's slim rows (<see cref="CaseOpenClocks"/>) and the annual status
/// (<see cref="AnnualStatus"/>) each name the calendar version they were counted with; at start-up, before the service
/// listens and before a one-shot command runs, any document counted with another version makes its projection be rebuilt
/// from the events with the calendar in force. The auditors' replay folds the events with the same calendar, so the
/// three agree, and each shows the version.
/// <para>
/// Why a rebuild and not a recount at every read: both views keep what cannot be recounted from the document alone (the
/// history of how each due date moved, step by step; each decision's "in time" on its own day) and would need the case's
/// events replayed on every read, which is what the projections exist to avoid; a calendar changes a few times a year.
/// The version on each document makes the basis of every date visible and a stale document findable by a query. Until
/// the rebuild has run (another instance still on the old calendar appending meanwhile), the deadline queries recount a
/// stale document's clocks from its stored facts, so no due date is shown on a calendar not in force.
/// </para>
/// </summary>
public static class CalendarRefresh
{
    /// <summary>
    /// Rebuilds the projections holding a document counted with a calendar other than <paramref name="version"/>;
    /// returns their names (empty when every document is current). Like any rebuild, run it while no one appends.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureCurrent(IDocumentStore store, string version, CancellationToken ct)
    {
        var stale = await Stale(store, version, ct);
        if (stale.Count == 0) return stale;
        // A rebuild rebuilds every tenant's documents (ProjectionRebuild.Run), each from its own events.
        await ProjectionRebuild.Run(store, ProjectionRebuild.Select(store, stale, all: false), new Progress<RebuildProgress>(_ => { }), ct);
        return stale;
    }

    /// <summary>The projections holding a document of the current tenant counted with a calendar other than <paramref name="version"/>.</summary>
    public static async Task<IReadOnlyList<string>> Stale(IDocumentStore store, string version, CancellationToken ct)
    {
        var stale = new List<string>();
        await using (var session = store.TenantQuerySession())
        {
            // A document written before versions were kept has none (null in its JSON): stale too.
            if (await session.Query<CaseDeadlines>().AnyAsync(x => x.CalendarVersion == null || x.CalendarVersion != version, ct)) stale.Add(nameof(CaseDeadlines));
            // The deadline list's slim rows are counted with the same calendar, and found stale the same way.
            if (await session.Query<CaseOpenClocks>().AnyAsync(x => x.CalendarVersion == null || x.CalendarVersion != version, ct)) stale.Add(nameof(CaseOpenClocks));
            if (await session.Query<AnnualStatus>().AnyAsync(x => x.CalendarVersion == null || x.CalendarVersion != version, ct)) stale.Add(nameof(AnnualStatus));
        }
        return stale;
    }
}

/// <summary>Runs <see cref="CalendarRefresh.EnsureCurrent"/> at start-up; registered before Marten's daemon, so it runs first.</summary>
public sealed class CalendarRefreshService(IDocumentStore store, LedgerJurisdictions jurisdictions, Tenancy.TenantPlacement placement, ILogger<CalendarRefreshService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = jurisdictions.Calendar.Version;
        var rebuilt = new List<string>();
        // Stale documents are looked for in every tenant; the projections found are rebuilt once, for every tenant.
        foreach (var tenant in placement.TenantIds)
        {
            using var inTenant = Tenancy.LedgerTenant.Enter(tenant);
            rebuilt.AddRange(await CalendarRefresh.Stale(store, version, cancellationToken));
        }
        rebuilt = [.. rebuilt.Distinct()];
        if (rebuilt.Count > 0)
            await ProjectionRebuild.Run(store, ProjectionRebuild.Select(store, rebuilt, all: false), new Progress<RebuildProgress>(_ => { }), cancellationToken);
        if (rebuilt.Count > 0)
            log.LogWarning("Holiday calendar {Version} is in force: rebuilt {Projections}, counted with another calendar / 祝日カレンダー {Version} により {Projections} を再構築しました",
                version, string.Join(", ", rebuilt.Distinct()), version, string.Join(", ", rebuilt.Distinct()));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
