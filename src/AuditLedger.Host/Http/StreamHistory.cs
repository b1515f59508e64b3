namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Law;
using Marten;

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
