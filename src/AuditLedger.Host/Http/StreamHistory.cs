namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Law;
using AuditLedger.Host.Reports;
using JasperFx.Events;
using Marten;
using Marten.Events;

/// <summary>One event of a stream as the ledger holds it.</summary>
public sealed record StoredEvent(long Version, long Sequence, string Type, DateTimeOffset RecordedAt, string? CorrelationId, object Data);

/// <summary>The full history of one stream, in order.</summary>
public sealed record StreamHistory(Guid StreamId, string? StreamType, long Version, IReadOnlyList<StoredEvent> Events);

public static class StreamHistoryQuery
{
    public static async Task<StreamHistory> Load(IQuerySession session, Guid id, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct)
            ?? throw new StreamNotFound("stream", id);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return new StreamHistory(id, state.AggregateType?.Name, state.Version,
            [.. events.Select(e => new StoredEvent(e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.CorrelationId, e.Data))]);
    }
}

/// <summary>
/// One recent event of the ledger as the staff's dashboard and <c>GET /api/activity</c> list it: what happened (the event's
/// Japanese label), when (business time and recording time), who acted, on which article, and in which stream of which
/// module. Ids, labels and dates only: never personal data, so no stated purpose is needed to read it.
/// </summary>
public sealed record ActivityRow(long Sequence, Guid StreamId, string Module, string EventType, string EventJa, DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt, string ActedBy, string ArticleJa);

/// <summary>The latest events of the ledger's casework (files, records, incidents, requests, reviews), newest first.</summary>
public static class RecentActivity
{
    /// <summary>The modules whose events staff see in the activity list: the directory's own events and the log of reads are the auditors'.</summary>
    public static readonly IReadOnlyList<AuditLedger.Domain.Common.LedgerModule> Modules =
    [
        AuditLedger.Domain.Files.FilesModule.Module, AuditLedger.Domain.Records.RecordsModule.Module,
        AuditLedger.Domain.Incidents.IncidentsModule.Module, AuditLedger.Domain.Requests.RequestsModule.Module,
        AuditLedger.Domain.Reviews.ReviewsModule.Module,
    ];

    private static readonly Type[] EventTypes = [.. Modules.SelectMany(m => m.EventTypes)];

    public const int MaxCount = 200;

    /// <summary>The latest <paramref name="count"/> events (1 to <see cref="MaxCount"/>), newest first.</summary>
    /// <exception cref="InvalidQuery">The count is out of range.</exception>
    public static async Task<IReadOnlyList<ActivityRow>> Latest(IQuerySession session, int count, CancellationToken ct)
    {
        if (count is < 1 or > MaxCount)
            throw new InvalidQuery(new FieldError("count", $"件数は1から{MaxCount}までで指定してください。", $"Give the count as 1 to {MaxCount}."));
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(EventTypes))
            .OrderByDescending(e => e.Sequence).Take(count).ToListAsync(ct);
        return [.. events.Where(e => e.Data is AuditLedger.Domain.Common.ILedgerEvent).Select(e =>
        {
            var context = ((AuditLedger.Domain.Common.ILedgerEvent)e.Data).Context;
            var module = Modules.First(m => m.EventTypes.Contains(e.Data.GetType()));
            return new ActivityRow(e.Sequence, e.StreamId, module.Name, e.EventTypeName, AuditLedger.Projections.Reporting.CaseLabels.Event(e.Data.GetType()),
                context.OccurredAt, context.RecordedAt, context.ActedBy.Describe(), context.Ground.Article.Japanese);
        })];
    }
}
