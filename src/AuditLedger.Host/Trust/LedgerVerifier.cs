namespace AuditLedger.Host.Trust;

using System.Diagnostics;
using System.Security.Cryptography;
using AuditLedger.Host.Configuration;
using AuditLedger.Trust;
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
/// match and how (changed, deleted, reordered, inserted). Reads one consistent snapshot (repeatable read).
/// </summary>
public sealed class LedgerVerifier(TrustDatabase database, TrustKeys keys)
{
    public async Task<VerificationReport> VerifyAsync(SignedCheckpoint? against, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(ct);
        var report = await VerifyAsync(connection, transaction, against, ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    /// <summary>On the caller's connection and transaction (the tests tamper inside a transaction they roll back).</summary>
    public async Task<VerificationReport> VerifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SignedCheckpoint? against, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var key = keys.RequireVerifying();
        if (against is not null && !against.IsSignedBy(key))
            throw new TrustInputException(against.KeyId != key.KeyId
                ? $"The checkpoint was signed with key {against.KeyId}, not with this ledger's key {key.KeyId}."
                : "The checkpoint's signature does not verify with this ledger's key: the file was altered or is not one of its checkpoints.");

        var checkpoints = await LoadCheckpoints(connection, transaction, ct);
        var verified = checkpoints.Select(c => (c, c.IsSignedBy(key))).ToList();
        var check = new ChainCheck(verified, keepLeaves: against is not null);
        await ChainCheck.Run(check, connection, transaction, 0, long.MaxValue, readRecordedPrevious: false, ct);
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
        var s = LedgerConfiguration.SchemaName;
        var ids = problems.Where(p => p.EventId is not null && p.Kind is TamperKind.Inserted or TamperKind.Deleted or TamperKind.Reordered).Select(p => p.EventId!.Value).Distinct().ToArray();
        if (ids.Length == 0) return problems;
        var recorded = new Dictionary<Guid, ChainRecord>();
        var stored = new Dictionary<Guid, (long Sequence, Guid Stream, long Version)>();
        await using (var command = new NpgsqlCommand($"select seq_id, event_id, stream_id, version, hash from {s}.ledger_chain where event_id = any($1)", connection, transaction) { Parameters = { new() { Value = ids } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) recorded[reader.GetGuid(1)] = new(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetFieldValue<byte[]>(4));
        await using (var command = new NpgsqlCommand($"select seq_id, id, stream_id, version from {s}.mt_events where id = any($1)", connection, transaction) { Parameters = { new() { Value = ids } } })
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
        var s = LedgerConfiguration.SchemaName;
        await using var command = new NpgsqlCommand(
            $"select tree_size, root_hash, sealed_through, issued_at_us, key_id, signature from {s}.ledger_checkpoints order by tree_size{(latestOnly ? " desc limit 1" : "")}",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<SignedCheckpoint>();
        while (await reader.ReadAsync(ct))
            list.Add(new(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5)));
        return list;
    }
}
