namespace AuditLedger.Host.Trust;

using System.Security.Cryptography;
using AuditLedger.Host.Configuration;
using AuditLedger.Trust;
using Npgsql;

/// <summary>What the trigger recorded for one event when it was appended.</summary>
public sealed record ChainRecord(long Sequence, Guid EventId, Guid StreamId, long Version, byte[] Hash);

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

/// <summary>
/// One pass over the events in global sequence order, merged with their chain records: re-derives every event hash
/// from the stored row, compares it with the hash recorded at append time, and rebuilds the Merkle tree to compare
/// with each signed checkpoint. Used by <c>verify</c> (all events) and by the sealer (the range it is about to seal).
/// </summary>
internal sealed class ChainCheck
{
    private readonly Dictionary<Guid, (long Version, byte[] Hash)> _recomputedTips = [];
    private readonly Dictionary<Guid, (long Version, byte[] Hash)> _recordedTips = [];
    private readonly EventHasher _hasher = new();
    private readonly List<(SignedCheckpoint Checkpoint, bool SignatureValid)> _checkpoints;
    private int _nextCheckpoint;
    private MerkleFrontier? _recordedTree; // null while it equals the recomputed tree

    public ChainCheck(IEnumerable<(SignedCheckpoint, bool)> checkpoints, long sealedFrom = 0, MerkleFrontier? start = null, bool keepLeaves = false)
    {
        _checkpoints = [.. checkpoints.OrderBy(c => c.Item1.SealedThroughSequence)];
        Tree = start ?? new MerkleFrontier();
        SealedFrom = sealedFrom;
        Leaves = keepLeaves ? [] : null;
    }

    public long SealedFrom { get; }

    /// <summary>The tree of leaves re-derived from the stored events.</summary>
    public MerkleFrontier Tree { get; }

    public MerkleFrontier RecordedTree => _recordedTree ?? Tree;

    /// <summary>The re-derived leaf hashes, when asked for (consistency proofs).</summary>
    public List<byte[]>? Leaves { get; }

    public List<VerificationProblem> Problems { get; } = [];

    public int ProblemCount { get; private set; }

    public long Events { get; private set; }

    public long ChainRecords { get; private set; }

    public int CheckpointsChecked { get; private set; }

    public int Streams => _recomputedTips.Count;

    public const int MaxProblemsKept = 200;

    private void Problem(VerificationProblem problem)
    {
        ProblemCount++;
        if (Problems.Count < MaxProblemsKept) Problems.Add(problem);
    }

    /// <summary>The next position: an event, its chain record, or both. <paramref name="recordedPrevious"/> when the caller read it (the sealer).</summary>
    public void Next(StoredEvent? e, ChainRecord? c, byte[]? recordedPrevious = null)
    {
        var sequence = e?.Sequence ?? c!.Sequence;
        CloseCheckpointsBefore(sequence);

        // The recorded predecessor of the chain record, before this record moves its stream's tip.
        if (c is not null)
        {
            ChainRecords++;
            recordedPrevious ??= c.Version == 1 ? Genesis
                : _recordedTips.TryGetValue(c.StreamId, out var tip) && tip.Version == c.Version - 1 ? tip.Hash
                : null;
            _recordedTips[c.StreamId] = (c.Version, c.Hash);
        }

        byte[]? recomputed = null;
        byte[]? recomputedPrevious = null;
        if (e is not null)
        {
            Events++;
            recomputedPrevious = e.Version == 1 ? Genesis
                : _recomputedTips.TryGetValue(e.StreamId, out var tip) && tip.Version == e.Version - 1 ? tip.Hash
                : recordedPrevious ?? Genesis; // a range check starts from the recorded chain; a missing predecessor cannot match anyway
            recomputed = _hasher.Hash(e, recomputedPrevious);
            _recomputedTips[e.StreamId] = (e.Version, recomputed);
        }

        if (e is not null && c is not null)
        {
            if (e.EventId != c.EventId || e.StreamId != c.StreamId || e.Version != c.Version)
            {
                Problem(new(TamperKind.Reordered, sequence, e.StreamId, e.Version, e.EventId,
                    $"appended here was event {c.EventId}, version {c.Version} of stream {c.StreamId}"));
            }
            else
            {
                // Against the recorded predecessor, so that one changed event does not make every later one in its stream fail too.
                var againstRecorded = recordedPrevious is null || CryptographicOperations.FixedTimeEquals(recordedPrevious, recomputedPrevious)
                    ? recomputed!
                    : _hasher.Hash(e, recordedPrevious);
                if (!CryptographicOperations.FixedTimeEquals(againstRecorded, c.Hash))
                    Problem(new(TamperKind.Changed, sequence, e.StreamId, e.Version, e.EventId,
                        $"the stored event hashes to {Convert.ToHexStringLower(againstRecorded)}; when it was appended it hashed to {Convert.ToHexStringLower(c.Hash)}"));
            }
        }
        else if (e is not null)
        {
            Problem(new(TamperKind.Inserted, sequence, e.StreamId, e.Version, e.EventId, "the event has no chain record: it was not appended through the ledger"));
        }
        else
        {
            Problem(new(TamperKind.Deleted, sequence, c!.StreamId, c.Version, c.EventId, "the ledger recorded this event when it was appended; it is no longer stored"));
        }

        // The tree: leaves re-derived from the events, and (once they differ) leaves as recorded.
        var leaf = recomputed is null ? null : EventHash.LeafHash(sequence, recomputed);
        var recordedLeaf = c is null ? null
            : recomputed is not null && CryptographicOperations.FixedTimeEquals(recomputed, c.Hash) ? leaf
            : EventHash.LeafHash(c.Sequence, c.Hash);
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

    private static readonly byte[] Genesis = EventHash.Genesis();

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
                Problem(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null, $"the {name} has a signature that does not verify with this ledger's key (it names key {checkpoint.KeyId})"));
                continue;
            }
            if (Tree.Size != checkpoint.TreeSize)
                Problem(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null,
                    $"the {name} covers {checkpoint.TreeSize} events; {Tree.Size} are stored through that sequence"));
            else if (!CryptographicOperations.FixedTimeEquals(Tree.Root(), checkpoint.RootHash))
                Problem(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null,
                    $"the {name} has root {Convert.ToHexStringLower(checkpoint.RootHash)}; the stored events give {Convert.ToHexStringLower(Tree.Root())}"));
            else if (_recordedTree is not null && (RecordedTree.Size != checkpoint.TreeSize || !CryptographicOperations.FixedTimeEquals(RecordedTree.Root(), checkpoint.RootHash)))
                Problem(new(TamperKind.Checkpoint, checkpoint.SealedThroughSequence, null, null, null,
                    $"the chain records do not match the {name}: they were rewritten"));
        }
    }

    // ---- reading ----

    /// <summary>The events with their chain records in (from, through], in sequence order, and the chain records whose event is gone.</summary>
    public static async Task Run(ChainCheck check, NpgsqlConnection connection, NpgsqlTransaction? transaction, long from, long through, bool readRecordedPrevious, CancellationToken ct)
    {
        var s = LedgerConfiguration.SchemaName;
        var orphans = new Queue<ChainRecord>();
        await using (var orphanQuery = new NpgsqlCommand($"""
            select c.seq_id, c.event_id, c.stream_id, c.version, c.hash from {s}.ledger_chain c
            where c.seq_id > $1 and c.seq_id <= $2 and not exists (select 1 from {s}.mt_events e where e.seq_id = c.seq_id)
            order by c.seq_id
            """, connection, transaction) { Parameters = { new() { Value = from }, new() { Value = through } } })
        await using (var reader = await orphanQuery.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) orphans.Enqueue(ReadChain(reader, 0)!);
        }

        var previousColumn = readRecordedPrevious
            ? $", (select p.hash from {s}.ledger_chain p where p.stream_id = c.stream_id and p.version = c.version - 1)"
            : ", null::bytea";
        // data as its UTF-8 bytes (convert_to is a copy in a UTF-8 database): hashed as read, never decoded and re-encoded.
        await using var command = new NpgsqlCommand($"""
            select c.seq_id, c.event_id, c.stream_id, c.version, c.hash,
                   e.seq_id, e.id, e.stream_id, e.version, e.type, e."timestamp", e.tenant_id, e.correlation_id, convert_to(e.data::text, 'UTF8'), e.bdata{previousColumn}
            from {s}.mt_events e left join {s}.ledger_chain c on c.seq_id = e.seq_id
            where e.seq_id > $1 and e.seq_id <= $2
            order by e.seq_id
            """, connection, transaction) { Parameters = { new() { Value = from }, new() { Value = through } } };

        // Reading (PostgreSQL and the driver) and checking (hashing) overlap: batches of rows pass through a bounded channel.
        var channel = System.Threading.Channels.Channel.CreateBounded<List<Row>>(new System.Threading.Channels.BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                foreach (var row in batch) Feed(check, row.Event, row.Chain, row.RecordedPrevious);
        }, ct);
        try
        {
            await using (var rows = await command.ExecuteReaderAsync(ct))
            {
                var batch = new List<Row>(BatchSize);
                while (await rows.ReadAsync(ct))
                {
                    var chain = ReadChain(rows, 0);
                    var e = new StoredEvent(
                        Sequence: rows.GetInt64(5),
                        EventId: rows.GetGuid(6),
                        StreamId: rows.IsDBNull(7) ? Guid.Empty : rows.GetGuid(7),
                        Version: rows.GetInt64(8),
                        Type: rows.GetString(9),
                        TimestampMicros: EventHash.ToUnixMicros(rows.GetDateTime(10)),
                        TenantId: rows.IsDBNull(11) ? null : rows.GetString(11),
                        CorrelationId: rows.IsDBNull(12) ? null : rows.GetString(12),
                        Data: string.Empty,
                        BinaryData: rows.IsDBNull(14) ? null : rows.GetFieldValue<byte[]>(14)) { DataUtf8 = rows.GetFieldValue<byte[]>(13) };
                    var recordedPrevious = rows.IsDBNull(15) ? null : rows.GetFieldValue<byte[]>(15);
                    while (orphans.TryPeek(out var orphan) && orphan.Sequence < e.Sequence) batch.Add(new(null, orphans.Dequeue(), null));
                    batch.Add(new(e, chain, recordedPrevious));
                    if (batch.Count >= BatchSize)
                    {
                        await channel.Writer.WriteAsync(batch, ct);
                        batch = new List<Row>(BatchSize);
                    }
                }
                while (orphans.TryDequeue(out var orphan)) batch.Add(new(null, orphan, null));
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

    private readonly record struct Row(StoredEvent? Event, ChainRecord? Chain, byte[]? RecordedPrevious);

    private static void Feed(ChainCheck check, StoredEvent? e, ChainRecord? c, byte[]? recordedPrevious) => check.Next(e, c, recordedPrevious);

    private static ChainRecord? ReadChain(NpgsqlDataReader reader, int at) =>
        reader.IsDBNull(at) ? null : new ChainRecord(reader.GetInt64(at), reader.GetGuid(at + 1), reader.GetGuid(at + 2), reader.GetInt64(at + 3), reader.GetFieldValue<byte[]>(at + 4));
}
