namespace AuditLedger.Projections.Activity;

using AuditLedger.Domain.Common;
using JasperFx.Events;
using Marten.Events.Projections;

/// <summary>
/// How many actions of each kind were recorded per business day (Japan time). A read model for
/// staff dashboards and the monthly counts of the annual enforcement status (Art. 51). It runs in
/// the async daemon: it spans every stream, and nothing is decided from it.
/// </summary>
public sealed class DailyActivity
{
    /// <summary>The business day, yyyy-MM-dd in Japan time.</summary>
    public string Id { get; set; } = "";

    /// <summary>Count per event type name (e.g. record_provided).</summary>
    public Dictionary<string, int> Counts { get; set; } = [];

    public int Total { get; set; }
}

public sealed class DailyActivityProjection : MultiStreamProjection<DailyActivity, string>
{
    public DailyActivityProjection()
    {
        Identity<ILedgerEvent>(e => BusinessDay(e.Context.OccurredAt));
        // It reads every event: pages of 10,000 rather than the daemon's default make a rebuild or a catch-up load and
        // write each day's document that many times less.
        Options.BatchSize = 10_000;
    }

    public static string BusinessDay(DateTimeOffset instant) => JapanDate.Iso(instant);

    public void Apply(DailyActivity view, IEvent<ILedgerEvent> e)
    {
        view.Counts[e.EventTypeName] = view.Counts.GetValueOrDefault(e.EventTypeName) + 1;
        view.Total++;
    }
}
