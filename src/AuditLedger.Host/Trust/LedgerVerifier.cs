namespace AuditLedger.Host.Trust;

using System.Diagnostics;
using System.Security.Cryptography;
using AuditLedger.Host.Configuration;
using AuditLedger.Trust;
using AuditLedger.Host.Tenancy;
using Npgsql;

/// <summary>The outcome of <c>verify --against</c>: does today's store still hold exactly what an exported checkpoint covered?</summary>
public sealed record AgainstResult(
    bool Consistent,
    CheckpointDocument Checkpoint,
    CheckpointDocument? Latest,
    string? RecomputedRoot,
    IReadOnlyList<string> ConsistencyProof,
    string Detail);

public sealed record VerificationReport(
    bool Ok,
    string Summary,
    VerificationProblem? FirstProblem,
    IReadOnlyList<VerificationProblem> Problems,
    int ProblemCount,
    long Events,
    long ChainRecords,
    int Streams,
    long SealedEvents,
    long UnsealedEvents,
    int CheckpointsChecked,
    CheckpointDocument? LatestCheckpoint,
    AgainstResult? Against,
    long ElapsedMilliseconds,
    long EventsPerSecond);

/// <summary>
/// <c>verify</c>: recomputes every event's hash from the stored row, compares it with what was recorded at append time,
/// rebuilds the Merkle tree and checks it against every signed checkpoint, and names the first event that does not
/// match and how (changed, deleted, reordered, inserted). Reads one consistent snapshot: by default in parallel ranges,
/// each worker on its own connection in the snapshot the first one exported (PostgreSQL, "Snapshot Synchronization
/// Functions": <c>pg_export_snapshot()</c> in a REPEATABLE READ transaction, <c>SET TRANSACTION SNAPSHOT</c> in each
/// worker's), merged back in sequence order so the first bad event named is the one a single pass names.
/// </summary>
public sealed class LedgerVerifier(TrustDatabase database, TrustKeys keys)
{
    /// <summary>Workers of a parallel verify by default: one per core, at least two (one reads while another hashes).</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>
    /// Verifies the whole store in one snapshot. <paramref name="workers"/>: connections reading ranges at once
    /// (<see cref="DefaultWorkers"/> when null; 1 reads the store in one pass on one connection).
    /// </summary>
    public async Task<VerificationReport> VerifyAsync(SignedCheckpoint? against, CancellationToken ct, int? workers = null)
    {
        var count = workers ?? DefaultWorkers;
        var tenant = LedgerTenant.Require();
        await using var connection = await database.OpenAsync(tenant, ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(ct);
        VerificationReport report;
        if (count <= 1) report = await VerifyAsync(connection, transaction, against, ct);
        else
        {
            string snapshot;
            await using (var export = new NpgsqlCommand("select pg_export_snapshot()", connection, transaction))
                snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
            report = await Verify(connection, transaction, against, async (check, ct) =>
            {
                if (await ChainCheck.Bounds(connection, transaction, ct) is not { } bounds) return;
                var ranges = ChainCheck.Split(bounds.First - 1, bounds.Last, RangeSize(bounds.Last - bounds.First + 1, count));
                var readers = new List<(NpgsqlConnection Connection, NpgsqlTransaction? Transaction)>();
                var predecessors = ChainCheck.PredecessorsOf(ranges);
                try
                {
                    for (var i = 0; i < Math.Min(count, ranges.Count); i++) readers.Add(await InSnapshot(tenant, snapshot, ct));
                    // The pass over the chain records runs on this connection while the workers read the ranges.
                    var pass = ChainCheck.Predecessors(connection, transaction, ranges, predecessors, ct);
                    await ChainCheck.RunRanges(check, ranges, [.. predecessors.Select(p => p.Task)], readers, ct);
                    await pass;
                }
                finally
                {
                    foreach (var (reader, readerTransaction) in readers)
                    {
                        await readerTransaction!.DisposeAsync();
                        await reader.DisposeAsync();
                    }
                }
            }, ct);
        }
        await transaction.CommitAsync(ct);
        return report;
    }

    /// <summary>Sequence numbers per range: about four ranges per worker (so that the tree is folded while later ranges are read), at most <see cref="ChainCheck.ChunkSize"/>.</summary>
    private static long RangeSize(long span, int workers) => Math.Clamp(span / (workers * 4) + 1, 1, ChainCheck.ChunkSize);

    /// <summary>A worker's connection, in a read-only REPEATABLE READ transaction that imports the exported snapshot.</summary>
    private async Task<(NpgsqlConnection, NpgsqlTransaction?)> InSnapshot(string tenant, string snapshot, CancellationToken ct)
    {
        // The id comes from pg_export_snapshot() (hex digits and dashes); SET TRANSACTION SNAPSHOT takes no parameter.
        if (!System.Text.RegularExpressions.Regex.IsMatch(snapshot, "^[0-9A-Fa-f-]+$")) throw new InvalidOperationException($"unexpected snapshot id {snapshot}");
        var connection = await database.OpenAsync(tenant, ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await using var import = new NpgsqlCommand($"set transaction snapshot '{snapshot}'; set transaction read only", connection, transaction);
            await import.ExecuteNonQueryAsync(ct);
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>On the caller's connection and transaction, in one pass (the tests tamper inside a transaction they roll back).</summary>
    public Task<VerificationReport> VerifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SignedCheckpoint? against, CancellationToken ct) =>
        Verify(connection, transaction, against, (check, ct) => ChainCheck.Run(check, connection, transaction, 0, long.MaxValue, continueStreams: false, ct), ct);

    /// <summary>
    /// On the caller's connection and transaction, in independent ranges read one after another, cut after each sequence
    /// number of <paramref name="cuts"/>: the parallel verify's ranges and merge, with the boundaries where a test puts them.
    /// </summary>
    internal Task<VerificationReport> VerifyInRangesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SignedCheckpoint? against, IEnumerable<long> cuts, CancellationToken ct) =>
        Verify(connection, transaction, against, async (check, ct) =>
        {
            if (await ChainCheck.Bounds(connection, transaction, ct) is not { } bounds) return;
            var edges = cuts.Where(c => c >= bounds.First && c < bounds.Last).Append(bounds.First - 1).Append(bounds.Last).Distinct().Order().ToList();
            var ranges = edges.Zip(edges.Skip(1)).ToList();
            var predecessors = ChainCheck.PredecessorsOf(ranges);
            await ChainCheck.Predecessors(connection, transaction, ranges, predecessors, ct);
            await ChainCheck.RunRanges(check, ranges, [.. predecessors.Select(p => p.Task)], [(connection, transaction)], ct);
        }, ct);

    private async Task<VerificationReport> Verify(NpgsqlConnection connection, NpgsqlTransaction? transaction, SignedCheckpoint? against,
        Func<ChainCheck, CancellationToken, Task> read, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var key = keys.RequireVerifying();
        // Each tenant's chain, tree and checkpoints are its own: this verify reads the current tenant's alone.
        var tenant = LedgerTenant.Require();
        await TrustSchema.BindAsync(connection, transaction, tenant, ct);
        if (against is not null && !BelongsTo(against, tenant))
            throw new TrustInputException(against.Tenant is null
                ? $"The checkpoint was signed before tenancy, over the store of {LedgerTenant.Default}; it is not one of {tenant}'s."
                : $"The checkpoint is {against.Tenant}'s, not {tenant}'s: each body's events are sealed into a tree of their own.");
        if (against is not null && !against.IsSignedBy(key))
            throw new TrustInputException(against.KeyId != key.KeyId
                ? $"The checkpoint was signed with key {against.KeyId}, not with this ledger's key {key.KeyId}."
                : "The checkpoint's signature does not verify with this ledger's key: the file was altered or is not one of its checkpoints.");

        var checkpoints = await LoadCheckpoints(connection, transaction, ct);
        var verified = checkpoints.Select(c => (c, c.IsSignedBy(key))).ToList();
        var check = new ChainCheck(verified, keepLeaves: against is not null);
        await read(check, ct);
        check.Finish();

        var latest = checkpoints.Count == 0 ? null : checkpoints[^1];
        var problems = await Classify(connection, transaction, check.Problems, ct);
        var sealedEvents = latest?.TreeSize ?? 0;
        AgainstResult? againstResult = against is null ? null : Against(against, latest, check.Leaves!);

        var first = problems.Where(p => p.Kind != TamperKind.Checkpoint).OrderBy(p => p.Sequence).FirstOrDefault()
            ?? problems.FirstOrDefault();
        var ok = problems.Count == 0 && (againstResult?.Consistent ?? true);
        var elapsed = clock.ElapsedMilliseconds;
        var summary = ok
            ? $"verified: {check.Events} events in {check.Streams} streams match their chain; {check.CheckpointsChecked} signed checkpoints match (latest: {sealedEvents} events sealed)"
              + (againstResult is null ? "" : $"; {againstResult.Detail}")
            : first is not null
                ? $"NOT verified: first problem at sequence {first.Sequence}: {first.Kind}{(first.EventId is null ? "" : $" (event {first.EventId}, version {first.Version} of stream {first.StreamId})")}: {first.Detail}"
                  + (check.ProblemCount > 1 ? $"; {check.ProblemCount} problems in all" : "")
                : $"NOT verified: {againstResult!.Detail}";
        return new VerificationReport(ok, summary, first, problems, check.ProblemCount, check.Events, check.ChainRecords, check.Streams,
            sealedEvents, Math.Max(0, check.Events - sealedEvents), check.CheckpointsChecked, latest?.ToDocument(), againstResult, elapsed,
            elapsed == 0 ? check.Events * 1000 : check.Events * 1000 / elapsed);
    }

    /// <summary>Whether a checkpoint is one of <paramref name="tenant"/>'s: it names the tenant, or it predates tenancy and the tenant is the one the store then served.</summary>
    public static bool BelongsTo(SignedCheckpoint checkpoint, string tenant) =>
        checkpoint.Tenant is null ? tenant == LedgerTenant.Default : checkpoint.Tenant == tenant;

    private static AgainstResult Against(SignedCheckpoint old, SignedCheckpoint? latest, List<byte[]> leaves)
    {
        // The leaves re-derived from today's stored events, in sequence order: the first old.TreeSize of them must give the old root,
        // and the consistency proof (RFC 6962 §2.1.2) from the old size to the latest checkpoint must check against both signed roots.
        var oldDocument = old.ToDocument();
        if (latest is null)
            return new(false, oldDocument, null, null, [], "the store holds no checkpoint, yet the exported one covered " + old.TreeSize + " events");
        if (old.TreeSize > latest.TreeSize)
            return new(false, oldDocument, latest.ToDocument(), null, [], $"the exported checkpoint covered {old.TreeSize} events; the store's latest checkpoint covers only {latest.TreeSize}");
        if (old.TreeSize > leaves.Count)
            return new(false, oldDocument, latest.ToDocument(), null, [], $"the exported checkpoint covered {old.TreeSize} events; only {leaves.Count} are stored");
        var recomputedOld = MerkleTree.Root(leaves, old.TreeSize);
        var proof = latest.TreeSize <= leaves.Count ? MerkleTree.ConsistencyProof(leaves, old.TreeSize, latest.TreeSize) : [];
        var proofHex = proof.Select(Convert.ToHexStringLower).ToList();
        var consistent = MerkleTree.VerifyConsistency(old.TreeSize, latest.TreeSize, old.RootHash, latest.RootHash, proof);
        var oldRootMatches = CryptographicOperations.FixedTimeEquals(recomputedOld, old.RootHash);
        var detail = consistent && oldRootMatches
            ? $"the store still holds exactly the {old.TreeSize} events of the exported checkpoint ({old.IssuedAt:yyyy-MM-dd HH:mm:ss}Z): consistency proof from {old.TreeSize} to {latest.TreeSize} events verified"
            : !oldRootMatches
                ? $"the store no longer holds what the exported checkpoint covered: its first {old.TreeSize} events give root {Convert.ToHexStringLower(recomputedOld)}, the checkpoint signed {Convert.ToHexStringLower(old.RootHash)}"
                : $"the consistency proof from {old.TreeSize} to {latest.TreeSize} events does not check against the two signed roots";
        return new(consistent && oldRootMatches, oldDocument, latest.ToDocument(), Convert.ToHexStringLower(recomputedOld), proofHex, detail);
    }

    /// <summary>Decides between changed, reordered, inserted and deleted by looking the ids up at other positions.</summary>
    private static async Task<List<VerificationProblem>> Classify(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<VerificationProblem> problems, CancellationToken ct)
    {
        var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
        var ids = problems.Where(p => p.EventId is not null && p.Kind is TamperKind.Inserted or TamperKind.Deleted or TamperKind.Reordered).Select(p => p.EventId!.Value).Distinct().ToArray();
        if (ids.Length == 0) return problems;
        var recorded = new Dictionary<Guid, ChainRecord>();
        var stored = new Dictionary<Guid, (long Sequence, Guid Stream, long Version)>();
        await using (var command = new NpgsqlCommand($"select seq_id, event_id, stream_id, version, hash from {s}.ledger_chain where tenant_id = {t} and event_id = any($1)", connection, transaction) { Parameters = { new() { Value = ids } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) recorded[reader.GetGuid(1)] = new(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetFieldValue<byte[]>(4));
        await using (var command = new NpgsqlCommand($"select seq_id, id, stream_id, version from {s}.mt_events where tenant_id = {t} and id = any($1)", connection, transaction) { Parameters = { new() { Value = ids } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) stored[reader.GetGuid(1)] = (reader.GetInt64(0), reader.IsDBNull(2) ? Guid.Empty : reader.GetGuid(2), reader.GetInt64(3));

        return [.. problems.Select(p => p.Kind switch
        {
            TamperKind.Inserted when recorded.TryGetValue(p.EventId!.Value, out var r) =>
                p with { Kind = TamperKind.Reordered, Detail = $"appended as sequence {r.Sequence} (version {r.Version} of stream {r.StreamId}), now stored at sequence {p.Sequence}" },
            TamperKind.Deleted when stored.TryGetValue(p.EventId!.Value, out var e) =>
                p with { Kind = TamperKind.Reordered, Detail = $"appended at sequence {p.Sequence}, now stored at sequence {e.Sequence} (version {e.Version} of stream {e.Stream})" },
            TamperKind.Reordered when !recorded.ContainsKey(p.EventId!.Value) =>
                p with { Kind = TamperKind.Changed, Detail = $"the stored event's id {p.EventId} was never appended; {p.Detail}" },
            TamperKind.Reordered when recorded.TryGetValue(p.EventId!.Value, out var r) =>
                p with { Detail = $"event {p.EventId} was appended as sequence {r.Sequence}, version {r.Version} of stream {r.StreamId}; it now stands at sequence {p.Sequence}, version {p.Version} of stream {p.StreamId}" },
            _ => p,
        })];
    }

    public static async Task<List<SignedCheckpoint>> LoadCheckpoints(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct, bool latestOnly = false)
    {
        var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
        // A checkpoint signed since tenancy names its tenant in what is signed; one from before (tenant_signed false) does not.
        await using var command = new NpgsqlCommand(
            $"select tree_size, root_hash, sealed_through, issued_at_us, key_id, signature, case when tenant_signed then tenant_id end from {s}.ledger_checkpoints where tenant_id = {t} order by tree_size{(latestOnly ? " desc limit 1" : "")}",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<SignedCheckpoint>();
        while (await reader.ReadAsync(ct))
            list.Add(new(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return list;
    }
}
