namespace AuditLedger.Host.Trust;

using System.Security.Cryptography;
using AuditLedger.Host.Configuration;
using AuditLedger.Trust;
using Npgsql;

/// <summary>No such event in the ledger (command line exit 2, HTTP 404).</summary>
public sealed class UnknownEvent(long sequence) : Exception($"No event with sequence number {sequence} is stored in the ledger.");

/// <summary>The event is newer than the latest checkpoint (command line exit 2, HTTP 409): prove it after the next sealing round.</summary>
public sealed class NotYetSealed(string message) : Exception(message);

/// <summary>The store does not match its own records, so no honest proof can be given (command line exit 1, HTTP 409): run verify.</summary>
public sealed class LedgerDoesNotVerify(string message) : Exception(message);

/// <summary><c>checkpoint export</c> and <c>prove</c>: what an auditor takes away and checks without the service.</summary>
public sealed class LedgerProofs(TrustDatabase database, TrustKeys keys)
{
    public async Task<SignedCheckpoint> LatestCheckpointAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var latest = (await LedgerVerifier.LoadCheckpoints(connection, null, ct, latestOnly: true)).SingleOrDefault()
            ?? throw new NotYetSealed("The ledger has no checkpoint yet: nothing has been sealed. Wait for the sealer (or run `seal`) and try again.");
        if (!latest.IsSignedBy(keys.RequireVerifying()))
            throw new LedgerDoesNotVerify("The latest checkpoint's signature does not verify with this ledger's key; run verify.");
        return latest;
    }

    /// <summary>The inclusion proof of the event with this sequence number in the tree of the latest checkpoint.</summary>
    public async Task<InclusionProofDocument> ProveAsync(long sequence, CancellationToken ct)
    {
        var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
        var key = keys.RequireVerifying();
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        StoredEvent? e = null;
        ChainRecord? chain = null;
        byte[]? previous = null;
        await using (var command = new NpgsqlCommand($"""
            select e.seq_id, e.id, e.stream_id, e.version, e.type, e."timestamp", {TrustSchema.HashedTenant}, e.correlation_id, e.data::text, e.bdata,
                   c.hash, (select p.hash from {s}.ledger_chain p where p.tenant_id = c.tenant_id and p.stream_id = c.stream_id and p.version = c.version - 1), c.event_id, c.stream_id, c.version
            from {s}.mt_events e left join {s}.ledger_chain c on c.tenant_id = e.tenant_id and c.seq_id = e.seq_id
            where e.tenant_id = {t} and e.seq_id = $1
            """, connection, transaction) { Parameters = { new() { Value = sequence } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new UnknownEvent(sequence);
            e = new StoredEvent(reader.GetInt64(0), reader.IsDBNull(2) ? Guid.Empty : reader.GetGuid(2), reader.GetInt64(3), reader.GetGuid(1), reader.GetString(4),
                EventHash.ToUnixMicros(reader.GetDateTime(5)), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9));
            if (!reader.IsDBNull(10))
            {
                chain = new ChainRecord(sequence, reader.GetGuid(12), reader.GetGuid(13), reader.GetInt64(14), reader.GetFieldValue<byte[]>(10));
                previous = e.Version == 1 ? EventHash.Genesis() : reader.IsDBNull(11) ? null : reader.GetFieldValue<byte[]>(11);
            }
        }
        if (chain is null || previous is null || chain.EventId != e.EventId || chain.StreamId != e.StreamId || chain.Version != e.Version
            || !CryptographicOperations.FixedTimeEquals(EventHash.Compute(e, previous), chain.Hash))
            throw new LedgerDoesNotVerify($"The event at sequence {sequence} does not match what the ledger recorded when it was appended; run verify.");

        var checkpoint = (await LedgerVerifier.LoadCheckpoints(connection, transaction, ct, latestOnly: true)).SingleOrDefault();
        if (checkpoint is null || checkpoint.SealedThroughSequence < sequence)
            throw new NotYetSealed($"The event at sequence {sequence} is not sealed yet (the latest checkpoint covers sequences through {checkpoint?.SealedThroughSequence ?? 0}). Try again after the next sealing round.");
        if (!checkpoint.IsSignedBy(key)) throw new LedgerDoesNotVerify("The latest checkpoint's signature does not verify with this ledger's key; run verify.");

        var leaves = new List<byte[]>((int)Math.Min(checkpoint.TreeSize, int.MaxValue));
        long index = -1;
        await using (var command = new NpgsqlCommand($"select seq_id, hash from {s}.ledger_chain where tenant_id = {t} and seq_id <= $1 order by seq_id", connection, transaction)
        { Parameters = { new() { Value = checkpoint.SealedThroughSequence } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var seq = reader.GetInt64(0);
                if (seq == sequence) index = leaves.Count;
                leaves.Add(EventHash.LeafHash(seq, reader.GetFieldValue<byte[]>(1)));
            }
        }
        if (leaves.Count != checkpoint.TreeSize || !CryptographicOperations.FixedTimeEquals(MerkleTree.Root(leaves, leaves.Count), checkpoint.RootHash))
            throw new LedgerDoesNotVerify("The chain records no longer give the latest checkpoint's root; run verify.");
        await transaction.CommitAsync(ct);

        return new InclusionProofDocument
        {
            Format = InclusionProofDocument.FormatName,
            Event = ProvenEvent.From(e),
            PreviousHash = Convert.ToHexStringLower(previous),
            EventHash = Convert.ToHexStringLower(chain.Hash),
            LeafIndex = index,
            TreeSize = checkpoint.TreeSize,
            AuditPath = [.. MerkleTree.InclusionPath(leaves, index, checkpoint.TreeSize).Select(Convert.ToHexStringLower)],
            Checkpoint = checkpoint.ToDocument(),
        };
    }

    /// <summary>
    /// <c>export --tenant T --out DIR</c>: the current tenant's whole ledger, for <see cref="TenantExport.Verify"/> offline:
    /// every event as stored (what its hash covers) with its recorded hash, every checkpoint, the public key. One snapshot.
    /// </summary>
    public async Task<TenantExport.Manifest> ExportAsync(string directory, CancellationToken ct)
    {
        var (s, t) = (LedgerConfiguration.SchemaName, TrustSchema.Tenant);
        var tenant = AuditLedger.Host.Tenancy.LedgerTenant.Require();
        var key = keys.RequireVerifying();
        await using var connection = await database.OpenAsync(tenant, ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var checkpoints = (await LedgerVerifier.LoadCheckpoints(connection, transaction, ct)).Select(c => c.ToDocument()).ToList();
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, e.id, e.stream_id, e.version, e.type, e."timestamp", {TrustSchema.HashedTenant}, e.correlation_id, e.data::text, e.bdata, c.hash
            from {s}.mt_events e left join {s}.ledger_chain c on c.tenant_id = e.tenant_id and c.seq_id = e.seq_id
            where e.tenant_id = {t} order by e.seq_id
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        TenantExport.Write(directory, tenant, Rows(), checkpoints, key.PublicKeyPem());
        await reader.DisposeAsync();
        await transaction.CommitAsync(ct);
        return TrustJson.Read<TenantExport.Manifest>(await File.ReadAllTextAsync(Path.Combine(directory, TenantExport.ManifestFile), ct), "manifest");

        IEnumerable<TenantExport.ExportedEvent> Rows()
        {
            while (reader.Read())
            {
                var e = new StoredEvent(reader.GetInt64(0), reader.IsDBNull(2) ? Guid.Empty : reader.GetGuid(2), reader.GetInt64(3), reader.GetGuid(1), reader.GetString(4),
                    EventHash.ToUnixMicros(reader.GetDateTime(5)), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9));
                if (reader.IsDBNull(10))
                    throw new LedgerDoesNotVerify($"The event at sequence {e.Sequence} has no chain record: it was not appended through the ledger; run verify.");
                yield return new TenantExport.ExportedEvent { Event = ProvenEvent.From(e), Hash = Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(10)) };
            }
        }
    }
}
