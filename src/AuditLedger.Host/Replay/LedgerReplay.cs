namespace AuditLedger.Host.Replay;

using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Projections;
using AuditLedger.Projections.Folding;
using JasperFx.Events;
using Marten;
using Marten.Events;

/// <summary>
/// One stream as the ledger showed it at an instant: every per-stream document (the domain state and the read models
/// kept for it) folded from the stream's events recorded up to then, by name (RetainedRecord, ProvisionRecipients ...).
/// </summary>
public sealed record StreamReplay(Guid StreamId, string Kind, DateTimeOffset AsOf, long Version, DateTimeOffset LastRecordedAt, IReadOnlyDictionary<string, object> Documents);

/// <summary>A field of a document whose value differs between two instants (JSON values; null where absent).</summary>
public sealed record FieldChange(string Document, string Path, JsonNode? Before, JsonNode? After);

/// <summary>What changed in one stream between two instants: the events recorded after <c>From</c> up to <c>To</c>, and the fields they changed.</summary>
public sealed record StreamDiff(Guid StreamId, DateTimeOffset From, DateTimeOffset To, long VersionAtFrom, long VersionAtTo,
    IReadOnlyList<StoredEvent> Events, IReadOnlyList<FieldChange> Changes);

/// <summary>The deadline view as it read on the day of a past instant.</summary>
public sealed record DeadlinesAsOf(DateTimeOffset AsOf, DateOnly Day, IReadOnlyList<DeadlineRow> Clocks);

/// <summary>
/// The auditors' replay: records, files, cases, the register and the deadline view as of any past
/// instant, computed from the events alone — the events recorded up to the instant, folded by the very folds the
/// projections run (<see cref="LedgerFolds"/>). No stored projection is read, so a replay does not depend on a
/// projection having been kept. "As of" is recorded time; see <see cref="ReplayInstant"/>.
/// </summary>
public sealed class LedgerReplay(IQuerySession session, LedgerFolds folds, DeadlineQueries deadlines, TimeProvider time, Configuration.LedgerJurisdictions jurisdictions)
{
    /// <summary>The kinds of stream the replay is asked for by name (HTTP path, command line), with the state that makes a stream one.</summary>
    public IReadOnlyDictionary<string, IStreamFold> Kinds { get; } = new Dictionary<string, IStreamFold>
    {
        ["records"] = folds.Records,
        ["files"] = folds.Files,
        ["cases"] = folds.RequestCases,
        ["reviews"] = folds.ReviewCases,
        ["incidents"] = folds.Incidents,
    };

    /// <summary>Reads an instant given by the caller (see <see cref="ReplayInstant.Parse"/>), refusing one after now.</summary>
    public DateTimeOffset Instant(string? value, string field = "asOf") => ReplayInstant.Parse(value, field, time.GetUtcNow());

    /// <summary>One stream as of an instant. <paramref name="kind"/> (records, files, cases, reviews, incidents) requires the stream to be one; null takes any.</summary>
    public async Task<StreamReplay> Stream(Guid id, DateTimeOffset asOf, string? kind, CancellationToken ct)
    {
        var state = kind is null ? null : Kinds.GetValueOrDefault(kind)
            ?? throw new InvalidQuery(new FieldError("kind", $"種類は {string.Join(", ", Kinds.Keys)} のいずれかです（指定値: {kind}）。",
                $"The kind is one of {string.Join(", ", Kinds.Keys)}, not '{kind}'."));
        var label = state is null ? "stream" : LedgerAppender.StreamKind(state.Name);
        var replay = Replay(id, await Events(id, asOf, label, ct), asOf);
        if (state is not null && !replay.Documents.ContainsKey(state.Name)) throw new StreamNotFound(label, id);
        return replay;
    }

    /// <summary>Every document of one fold (e.g. every register row) as of an instant, from the events of the streams started by then.</summary>
    public async Task<IReadOnlyList<TDoc>> All<TDoc>(StreamFold<TDoc> fold, DateTimeOffset asOf, CancellationToken ct) where TDoc : class
    {
        Type[] startedBy = [fold.StartedBy];
        asOf = asOf.ToUniversalTime();   // Npgsql writes timestamptz parameters in UTC only
        var starts = await session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= asOf && e.EventTypesAre(startedBy)).ToListAsync(ct);
        if (starts.Count == 0) return [];
        var ids = starts.Select(e => e.StreamId).ToArray();
        var query = session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= asOf && ids.Contains(e.StreamId));
        if (fold.Reads.Count > 0)
        {
            var reads = fold.Reads.ToArray();
            query = query.Where(e => e.EventTypesAre(reads));
        }
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        return [.. events.GroupBy(e => e.StreamId).Select(stream => fold.Replay(stream.Key, stream)).OfType<TDoc>()];
    }

    /// <summary>The file register (internal or published) as the ledger showed it at an instant, in the asked form.</summary>
    public async Task<RenderedReport> Register(DateTimeOffset asOf, bool published, ReportFormat format, CancellationToken ct) =>
        LedgerReports.RenderRegister(await RegisterEntries(asOf, ct), published, format, asOf, jurisdictions.ForTenant(session.TenantId));

    /// <summary>The file register's rows as the ledger showed them at an instant (the API's register replay and the auditors' page).</summary>
    public Task<IReadOnlyList<Projections.Register.FileRegisterEntry>> RegisterEntries(DateTimeOffset asOf, CancellationToken ct) => All(folds.Register, asOf, ct);

    /// <summary>The deadline view as it read on the day of the instant (paused clocks counted to that day), from the cases' events up to it.</summary>
    public async Task<DeadlinesAsOf> Deadlines(DateTimeOffset asOf, DeadlineFilter filter, int withinDays, CancellationToken ct)
    {
        var day = JapanDate.Of(asOf);
        return new DeadlinesAsOf(asOf, day, deadlines.Select(await All(folds.Deadlines, asOf, ct), filter, withinDays, day));
    }

    /// <summary>One case's clocks and their history as the deadline view showed them at the instant.</summary>
    public async Task<CaseDeadlineReport> CaseDeadlines(Guid caseId, DateTimeOffset asOf, CancellationToken ct)
    {
        var label = LedgerAppender.StreamKind(folds.RequestCases.Name);
        var view = folds.Deadlines.Replay(caseId, await Events(caseId, asOf, label, ct)) ?? throw new StreamNotFound(label, caseId);
        return deadlines.Report(view, JapanDate.Of(asOf));
    }

    /// <summary>The events recorded in (from, to] on a stream, and each field of its documents that differs between the two instants.</summary>
    public async Task<StreamDiff> Diff(Guid id, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (from >= to)
            throw new InvalidQuery(new FieldError("from", $"from（{from:O}）は to（{to:O}）より前の日時を指定してください。", $"from ({from:O}) must be before to ({to:O})."));
        var after = await Events(id, to, "stream", ct);
        // Read again rather than cut the list: a fold may keep what an event holds, so each replay gets its own events.
        var before = await session.Events.FetchStreamAsync(id, timestamp: from.ToUniversalTime(), token: ct);
        var then = before.Count == 0 ? new Dictionary<string, object>() : Replay(id, before, from).Documents;
        var now = Replay(id, after, to);
        var changes = now.Documents.Keys.Union(then.Keys)
            .SelectMany(name => Changes(name, then.GetValueOrDefault(name), now.Documents.GetValueOrDefault(name)))
            .ToList();
        var added = after.Where(e => e.Timestamp > from)
            .Select(e => new StoredEvent(e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.CorrelationId, e.Data)).ToList();
        return new StreamDiff(id, from, to, before.Count == 0 ? 0 : before[^1].Version, now.Version, added, changes);
    }

    private StreamReplay Replay(Guid id, IReadOnlyList<IEvent> events, DateTimeOffset asOf)
    {
        var documents = folds.All
            .Select(fold => (fold.Name, Document: fold.ReplayDocument(id, events)))
            .Where(d => d.Document is not null)
            .ToDictionary(d => d.Name, d => d.Document!);
        var kind = folds.States.FirstOrDefault(state => documents.ContainsKey(state.Name))?.Name ?? "stream";
        return new StreamReplay(id, kind, asOf, events[^1].Version, events[^1].Timestamp, documents);
    }

    /// <summary>The stream's events recorded up to the instant; 404 when the ledger holds no such stream or had not recorded it yet.</summary>
    private async Task<IReadOnlyList<IEvent>> Events(Guid id, DateTimeOffset asOf, string kind, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf.ToUniversalTime(), token: ct);
        if (events.Count > 0) return events;
        var first = (await session.Events.FetchStreamAsync(id, version: 1, token: ct)).FirstOrDefault() ?? throw new StreamNotFound(kind, id);
        throw new NotRecordedYet(kind, id, asOf, first.Timestamp);
    }

    /// <summary>The leaves of two JSON forms of a document that differ, by path (History[2].Change).</summary>
    private static IEnumerable<FieldChange> Changes(string document, object? before, object? after)
    {
        var left = Leaves(before is null ? null : JsonSerializer.SerializeToNode(before, LedgerJson.Options));
        var right = Leaves(after is null ? null : JsonSerializer.SerializeToNode(after, LedgerJson.Options));
        return left.Keys.Union(right.Keys)
            .Select(path => (path, Before: left.GetValueOrDefault(path), After: right.GetValueOrDefault(path)))
            .Where(c => !JsonNode.DeepEquals(c.Before, c.After))
            .Select(c => new FieldChange(document, c.path, c.Before, c.After));
    }

    private static Dictionary<string, JsonNode?> Leaves(JsonNode? root)
    {
        var leaves = new Dictionary<string, JsonNode?>();
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o) Walk(child, path.Length == 0 ? key : $"{path}.{key}");
                    break;
                case JsonArray a:
                    if (a.Count == 0) leaves[path] = new JsonArray();
                    for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]");
                    break;
                default:
                    leaves[path] = node;
                    break;
            }
        }
        if (root is not null) Walk(root, "");
        return leaves;
    }
}
