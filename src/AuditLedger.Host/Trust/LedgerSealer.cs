namespace AuditLedger.Host.Trust;

using AuditLedger.Host.Configuration;
using AuditLedger.Trust;
using Npgsql;

public sealed record SealResult(bool Sealed, long TreeSize, long SealedThrough, long NewEvents, string Detail, SignedCheckpoint? Checkpoint);

/// <summary>
/// Seals the events, across streams in global sequence order, into the RFC 6962 tree and publishes a signed checkpoint.
/// One sealer at a time across all instances (a PostgreSQL session advisory lock). A round:
/// <list type="number">
/// <item>moves the watermark (<c>ledger_seal.sealed_through</c>) up to the highest sequence seen in the previous round
///   (a round of delay, so a writer between drawing its sequence number and inserting is never refused), or to the
///   highest sequence now when asked explicitly (<c>seal</c>, tests);</item>
/// <item>fences: waits until every transaction that was writing to the events table when the watermark moved has ended
///   (PostgreSQL's lock table: holders of ROW EXCLUSIVE on <c>mt_events</c>, awaited through their virtual transaction ids;
///   nothing is blocked). From then on the trigger refuses any event at or below the watermark, so the range is final:
///   each sequence number in it is either a committed event or a gap that stays a gap;</item>
/// <item>re-derives the hash of each event in the range and compares it with its chain record (it refuses to seal a
///   range that does not verify), appends the leaves to the stored frontier, signs, and stores the checkpoint.</item>
/// </list>
/// </summary>
/// Each tenant (実施機関) has its own tree, watermark and checkpoints (naming it, signed): a round seals one tenant's events;
/// <see cref="SealAllAsync"/> runs a round for every tenant of every database.
public sealed class LedgerSealer(TrustDatabase database, TrustKeys keys, TimeProvider time, ILogger<LedgerSealer> logger, AuditLedger.Host.Tenancy.TenantPlacement? placement = null)
{
    private const long SealerLock = 0x4175_6469_7453_6561; // "AuditSea"

    public static readonly TimeSpan FenceTimeout = TimeSpan.FromSeconds(30);

    /// <summary>One round for the current tenant (<see cref="AuditLedger.Host.Tenancy.LedgerTenant.Require"/>).</summary>
    public Task<SealResult> SealAsync(bool everything, CancellationToken ct) => SealAsync(AuditLedger.Host.Tenancy.LedgerTenant.Require(), everything, ct);

    /// <summary>A round for each tenant of each database, one after another; the results by tenant.</summary>
    public async Task<IReadOnlyList<(string Tenant, SealResult Result)>> SealAllAsync(bool everything, CancellationToken ct)
    {
        var results = new List<(string, SealResult)>();
        foreach (var tenant in placement?.TenantIds ?? [AuditLedger.Host.Tenancy.LedgerTenant.Default]) results.Add((tenant, await SealAsync(tenant, everything, ct)));
        return results;
    }

    /// <summary>One round for <paramref name="tenant"/>. <paramref name="everything"/> seals up to the newest event now (and waits for another sealer to finish) instead of skipping.</summary>
    public async Task<SealResult> SealAsync(string tenant, bool everything, CancellationToken ct)
    {
        var key = keys.Signing ?? throw new TrustInputException($"No signing key is configured ({TrustSettings.SigningKeyFile}); checkpoints cannot be signed.");
        var s = LedgerConfiguration.SchemaName;
        var t = TrustSchema.Tenant;
        await using var connection = await database.OpenAsync(tenant, ct);
        if (everything) await Execute(connection, $"select pg_advisory_lock({SealerLock})", ct);
        else if (await Scalar<bool>(connection, $"select pg_try_advisory_lock({SealerLock})", ct) is false)
            return new(false, 0, 0, 0, "another instance is sealing", null);
        try
        {
            // 1. the watermark
            await Execute(connection, $"insert into {s}.ledger_seal (tenant_id) values ({t}) on conflict (tenant_id) do nothing", ct);
            var newest = await Scalar<long>(connection, $"select coalesce(max(seq_id), 0) from {s}.ledger_chain where tenant_id = {t}", ct);
            await Execute(connection, $"""
                update {s}.ledger_seal set sealed_through = greatest(sealed_through, {(everything ? newest : "observed_through")}),
                                           observed_through = greatest(observed_through, {newest}) where tenant_id = {t}
                """, ct);

            // 2. the fence
            if (!await Fence(connection, ct))
                return new(false, 0, 0, 0, $"a transaction writing events did not end within {FenceTimeout.TotalSeconds:0} s; sealing waits for the next round", null);

            // 3. the tree
            await using var transaction = await connection.BeginTransactionAsync(ct);
            long sealedThrough, treeSize, treeThrough;
            byte[] frontierBytes;
            await using (var state = new NpgsqlCommand($"select sealed_through, tree_size, tree_through, frontier from {s}.ledger_seal where tenant_id = {t} for update", connection, transaction))
            await using (var reader = await state.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                (sealedThrough, treeSize, treeThrough, frontierBytes) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
            }
            if (sealedThrough <= treeThrough) return new(false, treeSize, treeThrough, 0, "nothing new to seal", null);

            var frontier = MerkleFrontier.Deserialize(treeSize, frontierBytes);
            var previous = (await LedgerVerifier.LoadCheckpoints(connection, transaction, ct, latestOnly: true)).SingleOrDefault();
            if (previous is not null && (previous.TreeSize != treeSize || !previous.RootHash.AsSpan().SequenceEqual(frontier.Root()) || !previous.IsSignedBy(key)))
                return Refuse("the sealer's stored position does not match the latest signed checkpoint; run verify");

            var check = new ChainCheck([], sealedFrom: treeThrough + 1, start: frontier);
            await ChainCheck.Run(check, connection, transaction, treeThrough, sealedThrough, continueStreams: true, ct);
            if (check.ProblemCount > 0)
            {
                var first = check.Problems[0];
                return Refuse($"event at sequence {first.Sequence} is {first.Kind}: {first.Detail}; run verify");
            }
            var added = check.Tree.Size - treeSize;
            var checkpoint = added == 0 ? null
                : SignedCheckpoint.Sign(key, check.Tree.Size, check.Tree.Root(), sealedThrough, EventHash.ToUnixMicros(time.GetUtcNow().UtcDateTime), tenant);
            if (checkpoint is not null)
            {
                await using var insert = new NpgsqlCommand($"""
                    insert into {s}.ledger_checkpoints (tenant_id, tree_size, root_hash, sealed_through, issued_at_us, key_id, signature) values ({t}, $1, $2, $3, $4, $5, $6)
                    """, connection, transaction)
                {
                    Parameters =
                    {
                        new() { Value = checkpoint.TreeSize }, new() { Value = checkpoint.RootHash }, new() { Value = checkpoint.SealedThroughSequence },
                        new() { Value = checkpoint.IssuedAtMicros }, new() { Value = checkpoint.KeyId }, new() { Value = checkpoint.Signature },
                    },
                };
                await insert.ExecuteNonQueryAsync(ct);
            }
            await using (var update = new NpgsqlCommand($"update {s}.ledger_seal set tree_size = $1, tree_through = $2, frontier = $3 where tenant_id = {t}", connection, transaction)
            {
                Parameters = { new() { Value = check.Tree.Size }, new() { Value = sealedThrough }, new() { Value = check.Tree.Serialize() } },
            })
                await update.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return new(checkpoint is not null, check.Tree.Size, sealedThrough, added,
                checkpoint is null ? $"no new events through sequence {sealedThrough}" : $"sealed {added} events: tree of {check.Tree.Size}, root {Convert.ToHexStringLower(checkpoint.RootHash)}", checkpoint);
        }
        finally
        {
            await Execute(connection, $"select pg_advisory_unlock({SealerLock})", CancellationToken.None);
        }

        SealResult Refuse(string why)
        {
            logger.LogError("The sealer refuses to seal the events of {Tenant}: {Reason}", tenant, why);
            return new(false, 0, 0, 0, "refused: " + why, null);
        }
    }

    /// <summary>Runs <paramref name="action"/> while no sealing round can run (the tests' reset of the ledger).</summary>
    public async Task ExclusivelyAsync(Func<Task> action, CancellationToken ct = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await Execute(connection, $"select pg_advisory_lock({SealerLock})", ct);
        try
        {
            await action();
        }
        finally
        {
            await Execute(connection, $"select pg_advisory_unlock({SealerLock})", CancellationToken.None);
        }
    }

    /// <summary>Waits until the transactions that held ROW EXCLUSIVE on the events table when called have all ended.</summary>
    private async Task<bool> Fence(NpgsqlConnection connection, CancellationToken ct)
    {
        var s = LedgerConfiguration.SchemaName;
        string[] writers;
        await using (var command = new NpgsqlCommand($"""
            select coalesce(array_agg(distinct virtualtransaction), array[]::text[]) from pg_locks
            where locktype = 'relation' and relation = to_regclass('{s}.mt_events') and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()
            """, connection))
            writers = (string[])(await command.ExecuteScalarAsync(ct))!;
        var deadline = time.GetTimestamp() + (long)(FenceTimeout.TotalSeconds * time.TimestampFrequency);
        while (writers.Length > 0)
        {
            await using (var command = new NpgsqlCommand("select coalesce(array_agg(virtualxid::text), array[]::text[]) from pg_locks where locktype = 'virtualxid' and virtualxid::text = any($1)", connection)
            { Parameters = { new() { Value = writers } } })
                writers = (string[])(await command.ExecuteScalarAsync(ct))!;
            if (writers.Length == 0) break;
            if (time.GetTimestamp() > deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(10), time, ct);
        }
        return true;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>The background sealer of a running service: a round every few seconds; rounds on other instances skip while one seals.</summary>
public sealed class BackgroundSealer(LedgerSealer sealer, TrustKeys keys, IConfiguration configuration, ILogger<BackgroundSealer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (keys.Signing is null)
        {
            logger.LogWarning("No checkpoint signing key is configured ({Setting}); events are chained but not sealed into signed checkpoints.", TrustSettings.SigningKeyFile);
            return;
        }
        var interval = TimeSpan.FromSeconds(configuration.GetValue(TrustSettings.SealIntervalSeconds, 2.0));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var (tenant, result) in await sealer.SealAllAsync(everything: false, stoppingToken))
                    if (result.Sealed) logger.LogInformation("Sealed {Tenant}: {Detail}", tenant, result.Detail);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A sealing round failed; the next round retries.");
            }
        }
    }
}
