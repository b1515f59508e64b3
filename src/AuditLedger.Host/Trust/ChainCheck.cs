namespace AuditLedger.Host.Trust;

using System.Security.Cryptography;
using AuditLedger.Host.Configuration;
using AuditLedger.Trust;
using Npgsql;

/// <summary>What the trigger recorded for one event when it was appended.</summary>
/// <remarks><see cref="HashedTenant"/>: for an event a migration moved into its tenant, the tenant id it was hashed with (null: as stored).</remarks>
public sealed record ChainRecord(long Sequence, Guid EventId, Guid StreamId, long Version, byte[] Hash, string? HashedTenant = null);

/// <summary>How an event fails verification.</summary>
public static class TamperKind
{
    /// <summary>The event at this position is not what was appended there (its content or its id differ).</summary>
    public const string Changed = "changed";

    /// <summary>An event that was appended is no longer stored.</summary>
    public const string Deleted = "deleted";

    /// <summary>A stored event that was appended stands at another position (sequence number, stream or version) than it was appended at.</summary>
    public const string Reordered = "reordered";

    /// <summary>A stored event that was never appended through the ledger (it has no chain record).</summary>
    public const string Inserted = "inserted";

    /// <summary>A signed checkpoint does not match the stored history, or its signature is invalid.</summary>
    public const string Checkpoint = "checkpoint";
}

public sealed record VerificationProblem(string Kind, long? Sequence, Guid? StreamId, long? Version, Guid? EventId, string Detail);

/// <summary>The problems found, in the order they were found: the first <see cref="ChainCheck.MaxProblemsKept"/> kept, every one counted.</summary>
internal sealed class ChainProblems
{
    public List<VerificationProblem> Kept { get; } = [];

    public int Count { get; private set; }

    public void Add(VerificationProblem problem)
    {
        Count++;
        if (Kept.Count < ChainCheck.MaxProblemsKept) Kept.Add(problem);
    }

    /// <summary>Counts problems another list found but did not keep (they come after its kept ones, so after these too).</summary>
    public void CountUnkept(int count) => Count += count;
}

/// <summary>What one position adds to the Merkle tree: the leaf re-derived from the stored event (null: no event), and the leaf as recorded (null: no chain record).</summary>
internal readonly record struct ChainLeaf(long Sequence, byte[]? Leaf, byte[]? RecordedLeaf);

/// <summary>
/// The per-event half of the check: follows each stream's chain (the recomputed and the recorded hash of its latest
/// event), re-derives each event's hash from the stored row, compares it with its chain record, and reports what does
/// not match. One per pass: the whole store in order (verify with one connection, the sealer), or one range of a
/// parallel verify, which starts each stream from the recorded hash of its predecessor before the range
/// (<see cref="Continue"/>); the range that holds the predecessor checks that event itself.
/// </summary>
internal sealed class ChainLinks(ChainProblems problems)
{
    private readonly Dictionary<Guid, (long Version, byte[] Hash)> _recomputedTips = [];
    private readonly Dictionary<Guid, (long Version, byte[] Hash)> _recordedTips = [];
    private readonly Dictionary<Guid, (long Version, byte[] Hash)> _before = [];
    private readonly EventHasher _hasher = new();

    public ChainProblems Problems => problems;

    /// <summary>The streams with at least one stored event in this pass.</summary>
    public IEnumerable<Guid> Streams => _recomputedTips.Keys;

    public int StreamCount => _recomputedTips.Count;

    /// <summary>
    /// A stream whose chain began before this pass: its predecessor's recorded version and hash (<c>ledger_chain</c>)
    /// stand for both the recorded and the recomputed tip. Ignored for a stream this pass already follows.
    /// </summary>
    public void Continue(Guid stream, long version, byte[] recordedHash)
    {
        if (_recomputedTips.ContainsKey(stream) || _recordedTips.ContainsKey(stream)) return;
        _recordedTips[stream] = (version, recordedHash);
        _before[stream] = (version, recordedHash);
    }

    /// <summary>The next position: an event, its chain record, or both.</summary>
    public ChainLeaf Link(StoredEvent? e, ChainRecord? c)
    {
        var sequence = e?.Sequence ?? c!.Sequence;

        // The recorded predecessor of the chain record, before this record moves its stream's tip.
        byte[]? recordedPrevious = null;
        if (c is not null)
        {
            recordedPrevious = c.Version == 1 ? Genesis
                : _recordedTips.TryGetValue(c.StreamId, out var tip) && tip.Version == c.Version - 1 ? tip.Hash
                : null;
            _recordedTips[c.StreamId] = (c.Version, c.Hash);
        }

        byte[]? recomputed = null;
        byte[]? recomputedPrevious = null;
        // An event moved into its tenant by the migration was hashed with the tenant id it had then (TenantMigration).
        if (e is not null && c is { HashedTenant: { } hashedTenant } && c.EventId == e.EventId) e = e with { TenantId = hashedTenant };
        if (e is not null)
        {
            recomputedPrevious = e.Version == 1 ? Genesis
                : (_recomputedTips.TryGetValue(e.StreamId, out var tip) || _before.TryGetValue(e.StreamId, out tip)) && tip.Version == e.Version - 1 ? tip.Hash
                : recordedPrevious ?? Genesis; // a range check starts from the recorded chain; a missing predecessor cannot match anyway
            recomputed = _hasher.Hash(e, recomputedPrevious);
            _recomputedTips[e.StreamId] = (e.Version, recomputed);
        }

        if (e is not null && c is not null)
        {
            if (e.EventId != c.EventId || e.StreamId != c.StreamId || e.Version != c.Version)
            {
                problems.Add(new(TamperKind.Reordered, sequence, e.StreamId, e.Version, e.EventId,
                    $"appended here was event {c.EventId}, version {c.Version} of stream {c.StreamId}"));
            }
            else
            {
                // Against the recorded predecessor, so that one changed event does not make every later one in its stream fail too.
                var againstRecorded = recordedPrevious is null || CryptographicOperations.FixedTimeEquals(recordedPrevious, recomputedPrevious)
                    ? recomputed!
                    : _hasher.Hash(e, recordedPrevious);
                if (!CryptographicOperations.FixedTimeEquals(againstRecorded, c.Hash))
                    problems.Add(new(TamperKind.Changed, sequence, e.StreamId, e.Version, e.EventId,
                        $"the stored event hashes to {Convert.ToHexStringLower(againstRecorded)}; when it was appended it hashed to {Convert.ToHexStringLower(c.Hash)}"));
            }
        }
        else if (e is not null)
        {
            problems.Add(new(TamperKind.Inserted, sequence, e.StreamId, e.Version, e.EventId, "the event has no chain record: it was not appended through the ledger"));
        }
        else
        {
            problems.Add(new(TamperKind.Deleted, sequence, c!.StreamId, c.Version, c.EventId, "the ledger recorded this event when it was appended; it is no longer stored"));
        }

        // The leaves: re-derived from the event, and as recorded (the same array while they agree).
        var leaf = recomputed is null ? null : EventHash.LeafHash(sequence, recomputed);
        var recordedLeaf = c is null ? null
            : recomputed is not null && CryptographicOperations.FixedTimeEquals(recomputed, c.Hash) ? leaf
            : EventHash.LeafHash(c.Sequence, c.Hash);
        return new(sequence, leaf, recordedLeaf);
    }

    private static readonly byte[] Genesis = EventHash.Genesis();
}

/// <summary>The recorded hash of a stream's latest chain record before a range: where the range picks its chain up.</summary>
internal readonly record struct ChainTip(Guid StreamId, long Version, byte[] Hash);

/// <summary>
/// One range (from, through] of the sequence, read and linked on its own (its own <see cref="ChainLinks"/>), for a
/// parallel verify: its problems and its leaves wait, in order, for <see cref="ChainCheck.Absorb"/>.
/// </summary>
internal sealed class ChainRange
{
    public ChainRange(long from, long through)
    {
        (From, Through) = (from, through);
        Links = new ChainLinks(Problems);
    }

    public long From { get; }

    public long Through { get; }

    public ChainProblems Problems { get; } = new();

    public ChainLinks Links { get; }

    public List<ChainLeaf> Leaves { get; } = [];

    /// <summary>Reads the range, its streams continuing from <paramref name="predecessors"/> (<see cref="ChainCheck.Predecessors"/>).</summary>
    public Task Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<ChainTip> predecessors, CancellationToken ct)
    {
        foreach (var tip in predecessors) Links.Continue(tip.StreamId, tip.Version, tip.Hash);
        return ChainCheck.Read(connection, transaction, From, Through, continueStreams: false, Links.Continue, (e, c) => Leaves.Add(Links.Link(e, c)), ct);
    }
}

/// <summary>
/// The events in global sequence order, merged with their chain records: re-derives every event hash from the stored
/// row and compares it with the hash recorded at append time (<see cref="ChainLinks"/>), and rebuilds the Merkle tree
/// to compare with each signed checkpoint. Used by <c>verify</c> (all events: in one pass on one connection, or in
/// parallel ranges whose findings are merged back in sequence order by <see cref="Absorb"/>) and by the sealer (the
/// range it is about to seal).
/// </summary>
internal sealed class ChainCheck
{
    private readonly ChainProblems _problems = new();
    private readonly ChainLinks _links;
    private HashSet<Guid>? _streams; // the union of the absorbed ranges' streams
    private readonly List<(SignedCheckpoint Checkpoint, bool SignatureValid)> _checkpoints;
    private int _nextCheckpoint;
    private MerkleFrontier? _recordedTree; // null while it equals the recomputed tree

    public ChainCheck(IEnumerable<(SignedCheckpoint, bool)> checkpoints, long sealedFrom = 0, MerkleFrontier? start = null, bool keepLeaves = false)
    {
        _checkpoints = [.. checkpoints.OrderBy(c => c.Item1.SealedThroughSequence)];
        Tree = start ?? new MerkleFrontier();
        SealedFrom = sealedFrom;
        Leaves = keepLeaves ? [] : null;
        _links = new ChainLinks(_problems);
    }

    public long SealedFrom { get; }

    /// <summary>The tree of leaves re-derived from the stored events.</summary>
    public MerkleFrontier Tree { get; }

    public MerkleFrontier RecordedTree => _recordedTree ?? Tree;

    /// <summary>The re-derived leaf hashes, when asked for (consistency proofs).</summary>
    public List<byte[]>? Leaves { get; }

    public List<VerificationProblem> Problems => _problems.Kept;

    public int ProblemCount => _problems.Count;

    public long Events { get; private set; }

    public long ChainRecords { get; private set; }

    public int CheckpointsChecked { get; private set; }

    public int Streams => _streams?.Count ?? _links.StreamCount;

    public const int MaxProblemsKept = 200;

    /// <summary>The next position in sequence order: an event, its chain record, or both.</summary>
    public void Next(StoredEvent? e, ChainRecord? c)
    {
        CloseCheckpointsBefore(e?.Sequence ?? c!.Sequence);
        Fold(_links.Link(e, c));
    }

    /// <summary>
    /// The next range of a parallel verify, in sequence order after the ranges absorbed before it: its leaves go into the
    /// tree and its problems into the list exactly where a single pass would have put them (each position's problem after
    /// the checkpoints sealed before it), so the first problem named is the same.
    /// </summary>
    public void Absorb(ChainRange range)
    {
        var kept = range.Problems.Kept;
        var k = 0;
        foreach (var leaf in range.Leaves)
        {
            CloseCheckpointsBefore(leaf.Sequence);
            while (k < kept.Count && kept[k].Sequence <= leaf.Sequence) _problems.Add(kept[k++]);
            Fold(leaf);
        }
        while (k < kept.Count) _problems.Add(kept[k++]);
        _problems.CountUnkept(range.Problems.Count - kept.Count);
        (_streams ??= [.. _links.Streams]).UnionWith(range.Links.Streams);
    }

    private void Fold(ChainLeaf position)
    {
        var (leaf, recordedLeaf) = (position.Leaf, position.RecordedLeaf);
        if (leaf is not null) Events++;
        if (recordedLeaf is not null) ChainRecords++;
        if (_recordedTree is null && !ReferenceEquals(leaf, recordedLeaf)) _recordedTree = Tree.Clone();
        if (leaf is not null)
        {
            Tree.Append(leaf);
            Leaves?.Add(leaf);
        }
        if (_recordedTree is not null && recordedLeaf is not null) _recordedTree.Append(recordedLeaf);
    }

    /// <summary>After the last row: checks the checkpoints not yet reached.</summary>
    public void Finish() => CloseCheckpointsBefore(long.MaxValue);

    private void CloseCheckpointsBefore(long sequence)
    {
        while (_nextCheckpoint < _checkpoints.Count && _checkpoints[_nextCheckpoint].Checkpoint.SealedThroughSequence < sequence)
        {
            var (checkpoint, signatureValid) = _checkpoints[_nextCheckpoint++];
            if (checkpoint.SealedThroughSequence < SealedFrom) continue;
            CheckpointsChecked++;
            var name = $"checkpoint of {checkpoint.TreeSize} events (through sequence {checkpoint.SealedThroughSequence}, {checkpoint.IssuedAt:yyyy-MM-dd HH:mm:ss}Z)";
            if (!signatureValid)
            {
                _problems.Add(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null, $"the {name} has a signature that does not verify with this ledger's key (it names key {checkpoint.KeyId})"));
                continue;
            }
            if (Tree.Size != checkpoint.TreeSize)
                _problems.Add(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null,
                    $"the {name} covers {checkpoint.TreeSize} events; {Tree.Size} are stored through that sequence"));
            else if (!CryptographicOperations.FixedTimeEquals(Tree.Root(), checkpoint.RootHash))
                _problems.Add(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null,
                    $"the {name} has root {Convert.ToHexStringLower(checkpoint.RootHash)}; the stored events give {Convert.ToHexStringLower(Tree.Root())}"));
            else if (_recordedTree is not null && (RecordedTree.Size != checkpoint.TreeSize || !CryptographicOperations.FixedTimeEquals(RecordedTree.Root(), checkpoint.RootHash)))
                _problems.Add(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null,
                    $"the chain records do not match the {name}: they were rewritten"));
        }
    }

    // ---- reading ----

    /// <summary>
    /// How many sequence numbers one read covers: its chain records (about 100 bytes each) are held in memory while its
    /// events stream past them.
    /// </summary>
    public const long ChunkSize = 65_536;

    /// <summary>The lowest and highest sequence number of the events and chain records (null in an empty store).</summary>
    public static async Task<(long First, long Last)?> Bounds(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
        await using var command = new NpgsqlCommand($"""
            select least((select min(seq_id) from {s}.mt_events where tenant_id = {t}), (select min(seq_id) from {s}.ledger_chain where tenant_id = {t})),
                   greatest((select max(seq_id) from {s}.mt_events where tenant_id = {t}), (select max(seq_id) from {s}.ledger_chain where tenant_id = {t}))
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.IsDBNull(0) ? null : (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>(from, through] cut into consecutive ranges of at most <paramref name="size"/> sequence numbers.</summary>
    public static List<(long From, long Through)> Split(long from, long through, long size)
    {
        var ranges = new List<(long, long)>();
        for (var at = from; at < through; at += size) ranges.Add((at, Math.Min(through, at + size)));
        return ranges;
    }

    /// <summary>
    /// The positions in (from, through] fed to <paramref name="check"/> in order, on one connection, in chunks of
    /// <see cref="ChunkSize"/>. With <paramref name="continueStreams"/> (the sealer, which starts after the sealed range), a
    /// stream whose chain began before <paramref name="from"/> continues from its predecessor's recorded hash.
    /// </summary>
    public static async Task Run(ChainCheck check, NpgsqlConnection connection, NpgsqlTransaction? transaction, long from, long through, bool continueStreams, CancellationToken ct)
    {
        if (through == long.MaxValue)
        {
            if (await Bounds(connection, transaction, ct) is not { } bounds) return;
            through = bounds.Last;
        }
        foreach (var (chunkFrom, chunkThrough) in Split(from, through, ChunkSize))
            await Read(connection, transaction, chunkFrom, chunkThrough, continueStreams, check._links.Continue, (e, c) => check.Next(e, c), ct);
    }

    /// <summary>
    /// Ranges read by several readers at once (each its own connection, all in one snapshot; or one reader, the tests'
    /// transaction), absorbed into <paramref name="check"/> in sequence order as they complete. At most two ranges per
    /// reader wait to be absorbed, which bounds the memory to a few ranges' leaves.
    /// </summary>
    public static async Task RunRanges(ChainCheck check, IReadOnlyList<(long From, long Through)> ranges, IReadOnlyList<Task<List<ChainTip>>> predecessors,
        IReadOnlyList<(NpgsqlConnection Connection, NpgsqlTransaction? Transaction)> readers, CancellationToken ct)
    {
        var done = ranges.Select(_ => new TaskCompletionSource<ChainRange>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var ahead = new SemaphoreSlim(readers.Count * 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var next = -1;
        var workers = readers.Select(reader => Task.Run(async () =>
        {
            while (true)
            {
                await ahead.WaitAsync(stop.Token);
                var i = Interlocked.Increment(ref next);
                if (i >= ranges.Count) return;
                try
                {
                    var range = new ChainRange(ranges[i].From, ranges[i].Through);
                    await range.Read(reader.Connection, reader.Transaction, await predecessors[i], stop.Token);
                    done[i].SetResult(range);
                }
                catch (Exception e)
                {
                    done[i].TrySetException(e);
                    return;
                }
            }
        }, stop.Token)).ToList();
        try
        {
            foreach (var range in done)
            {
                check.Absorb(await range.Task);
                ahead.Release();
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await Task.WhenAll(workers);
            }
            catch (OperationCanceledException)
            {
                // the readers stopped waiting for room once every range was absorbed, or after a failure rethrown above
            }
        }
    }

    /// <summary>
    /// For each range, the streams whose chain it continues: in one pass over the chain records in sequence order (small
    /// rows, read from an index), each stream's latest record before the range, for each stream whose records the range
    /// continues. That is exactly what a single pass would hold as the stream's recorded tip when it reached the range;
    /// one pass over the records costs far less than a lookup per stream and range. Each range's list is completed as soon
    /// as the pass is past it, so the ranges start while the pass goes on. Empty lists when the pass fails.
    /// </summary>
    public static TaskCompletionSource<List<ChainTip>>[] PredecessorsOf(IReadOnlyList<(long From, long Through)> ranges) =>
        [.. ranges.Select(_ => new TaskCompletionSource<List<ChainTip>>(TaskCreationOptions.RunContinuationsAsynchronously))];

    /// <summary>Fills <paramref name="into"/> (from <see cref="PredecessorsOf"/>) with the predecessors of each of <paramref name="ranges"/>.</summary>
    public static async Task Predecessors(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(long From, long Through)> ranges,
        TaskCompletionSource<List<ChainTip>>[] into, CancellationToken ct)
    {
        try
        {
            if (ranges.Count == 0) return;
            var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
            await using var command = new NpgsqlCommand($"""
                select seq_id, stream_id, version, hash from {s}.ledger_chain where tenant_id = {t} and seq_id > $1 and seq_id <= $2 order by seq_id
                """, connection, transaction) { Parameters = { new() { Value = ranges[0].From }, new() { Value = ranges[^1].Through } } };
            await using var reader = await command.ExecuteReaderAsync(ct);
            var tips = new Dictionary<Guid, (long Version, byte[] Hash, int Range)>();
            var (k, list) = (0, new List<ChainTip>());
            while (await reader.ReadAsync(ct))
            {
                var (sequence, stream) = (reader.GetInt64(0), reader.GetGuid(1));
                while (sequence > ranges[k].Through)
                {
                    into[k++].TrySetResult(list);
                    list = [];
                }
                if (tips.TryGetValue(stream, out var tip) && tip.Range != k) list.Add(new(stream, tip.Version, tip.Hash));
                tips[stream] = (reader.GetInt64(2), reader.GetFieldValue<byte[]>(3), k);
            }
            into[k].TrySetResult(list);
        }
        catch (Exception e)
        {
            foreach (var range in into) range.TrySetException(e);
            throw;
        }
        finally
        {
            foreach (var range in into) range.TrySetResult([]);
        }
    }

    /// <summary>
    /// Reads (from, through]: the chain records of the range (held in memory), then the events, streamed in sequence order
    /// and merged with them by sequence number, so that a chain record whose event is gone (deleted) is found in the same
    /// pass. With <paramref name="continueStreams"/>, first the recorded hash of the predecessor of each stream's first
    /// chain record in the range, when that predecessor lies before it. Reading (PostgreSQL and the driver) and linking
    /// (hashing, on another thread) overlap through a bounded channel.
    /// </summary>
    internal static async Task Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, long from, long through, bool continueStreams,
        Action<Guid, long, byte[]> predecessor, Action<StoredEvent?, ChainRecord?> next, CancellationToken ct)
    {
        var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
        if (continueStreams)
        {
            await using var before = new NpgsqlCommand($"""
                select p.stream_id, p.version, p.hash
                from (select distinct on (stream_id) stream_id, version from {s}.ledger_chain where tenant_id = {t} and seq_id > $1 and seq_id <= $2 order by stream_id, seq_id) f
                join {s}.ledger_chain p on p.tenant_id = {t} and p.stream_id = f.stream_id and p.version = f.version - 1
                where p.seq_id <= $1
                """, connection, transaction) { Parameters = { new() { Value = from }, new() { Value = through } } };
            await using var reader = await before.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) predecessor(reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        var chain = new Queue<ChainRecord>();
        await using (var records = new NpgsqlCommand($"""
            select seq_id, event_id, stream_id, version, hash, hashed_tenant from {s}.ledger_chain where tenant_id = {t} and seq_id > $1 and seq_id <= $2 order by seq_id
            """, connection, transaction) { Parameters = { new() { Value = from }, new() { Value = through } } })
        await using (var reader = await records.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                chain.Enqueue(new ChainRecord(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetFieldValue<byte[]>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        // data as its UTF-8 bytes (convert_to is a copy in a UTF-8 database): hashed as read, never decoded and re-encoded.
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, e.id, e.stream_id, e.version, e.type, e."timestamp", e.tenant_id, e.correlation_id, convert_to(e.data::text, 'UTF8'), e.bdata
            from {s}.mt_events e
            where e.tenant_id = {t} and e.seq_id > $1 and e.seq_id <= $2
            order by e.seq_id
            """, connection, transaction) { Parameters = { new() { Value = from }, new() { Value = through } } };

        var channel = System.Threading.Channels.Channel.CreateBounded<List<Row>>(new System.Threading.Channels.BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                foreach (var row in batch) next(row.Event, row.Chain);
        }, ct);
        try
        {
            await using (var rows = await command.ExecuteReaderAsync(ct))
            {
                var batch = new List<Row>(BatchSize);
                while (await rows.ReadAsync(ct))
                {
                    var e = new StoredEvent(
                        Sequence: rows.GetInt64(0),
                        EventId: rows.GetGuid(1),
                        StreamId: rows.IsDBNull(2) ? Guid.Empty : rows.GetGuid(2),
                        Version: rows.GetInt64(3),
                        Type: rows.GetString(4),
                        TimestampMicros: EventHash.ToUnixMicros(rows.GetDateTime(5)),
                        TenantId: rows.IsDBNull(6) ? null : rows.GetString(6),
                        CorrelationId: rows.IsDBNull(7) ? null : rows.GetString(7),
                        Data: string.Empty,
                        BinaryData: rows.IsDBNull(9) ? null : rows.GetFieldValue<byte[]>(9)) { DataUtf8 = rows.GetFieldValue<byte[]>(8) };
                    while (chain.TryPeek(out var orphan) && orphan.Sequence < e.Sequence) batch.Add(new(null, chain.Dequeue()));
                    batch.Add(new(e, chain.TryPeek(out var record) && record.Sequence == e.Sequence ? chain.Dequeue() : null));
                    if (batch.Count >= BatchSize)
                    {
                        await channel.Writer.WriteAsync(batch, ct);
                        batch = new List<Row>(BatchSize);
                    }
                }
                while (chain.TryDequeue(out var orphan)) batch.Add(new(null, orphan));
                await channel.Writer.WriteAsync(batch, ct);
            }
            channel.Writer.Complete();
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);
            throw;
        }
        finally
        {
            await consumer;
        }
    }

    private const int BatchSize = 512;

    private readonly record struct Row(StoredEvent? Event, ChainRecord? Chain);
}
