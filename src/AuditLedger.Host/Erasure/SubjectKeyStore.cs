namespace AuditLedger.Host.Erasure;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

/// <summary>
/// One data key per person (per data subject id), in <c>auditledger_keys.subject_keys</c>, each wrapped (AES-256-GCM)
/// with the <see cref="MasterKey"/> held outside the database. A key is created the first time personal data about the
/// person is written, and destroyed (its row deleted) in the transaction that appends the erasure: from then on no copy
/// of the database can decrypt what was written about that person, while the stored events stay byte for byte as they
/// were (the hash chain covers the ciphertext).
///
/// Keys are cached in memory for <see cref="CacheLifetime"/> so that reads and replays do not ask the database per value;
/// an erasure forgets the person's key at once in this process, and other instances drop it within that lifetime.
/// Every failure to reach the table throws <see cref="KeyStoreUnavailable"/>: an append then fails, nothing is written.
/// </summary>
public sealed class SubjectKeyStore(MasterKey masterKey, NpgsqlDataSource dataSource, TimeProvider time) : IDisposable
{
    public const string Schema = "auditledger_keys";
    public const string Table = "subject_keys";
    public const string QualifiedTable = Schema + "." + Table;

    /// <summary>How long a key read from the table is used without asking again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The statement an erasure queues in its own transaction (Marten's positional '?' parameter).</summary>
    public const string DestroySql = $"delete from {QualifiedTable} where data_subject_id = ?";

    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ConcurrentDictionary<Guid, (byte[] Key, long ReadAt)> _cache = new();

    /// <summary>The person's data key, created now when the person has none (first personal data written about them).</summary>
    public byte[] GetOrCreate(Guid dataSubjectId)
    {
        if (Cached(dataSubjectId) is { } cached) return cached;
        var fresh = RandomNumberGenerator.GetBytes(KeySize);
        var wrapped = Wrap(dataSubjectId, fresh);
        var stored = Query(dataSubjectId, $"""
            with inserted as (
              insert into {QualifiedTable} (data_subject_id, wrapped_key, created_at) values ($1, $2, $3)
              on conflict (data_subject_id) do nothing returning wrapped_key)
            select wrapped_key from inserted
            union all
            select wrapped_key from {QualifiedTable} where data_subject_id = $1
            limit 1
            """, wrapped)
            // Another writer created it in the same instant: the statement's snapshot did not see it; read it now.
            ?? Query(dataSubjectId, $"select wrapped_key from {QualifiedTable} where data_subject_id = $1", null)
            ?? throw new KeyStoreUnavailable("the data key of a person could not be created.", null);
        return Remember(dataSubjectId, Unwrap(dataSubjectId, stored));
    }

    /// <summary>The person's data key, or null when there is none (never created, or destroyed by an erasure).</summary>
    public byte[]? Find(Guid dataSubjectId)
    {
        if (Cached(dataSubjectId) is { } cached) return cached;
        var stored = Query(dataSubjectId, $"select wrapped_key from {QualifiedTable} where data_subject_id = $1", null);
        return stored is null ? null : Remember(dataSubjectId, Unwrap(dataSubjectId, stored));
    }

    /// <summary>Drops the person's key from this process's memory (an erasure is destroying it in the table).</summary>
    public void Forget(Guid dataSubjectId)
    {
        if (_cache.TryRemove(dataSubjectId, out var entry)) CryptographicOperations.ZeroMemory(entry.Key);
    }

    public void Dispose() => dataSource.Dispose();

    private byte[]? Cached(Guid dataSubjectId) =>
        _cache.TryGetValue(dataSubjectId, out var entry) && time.GetElapsedTime(entry.ReadAt) < CacheLifetime ? entry.Key : null;

    private byte[] Remember(Guid dataSubjectId, byte[] key)
    {
        _cache[dataSubjectId] = (key, time.GetTimestamp());
        return key;
    }

    private byte[]? Query(Guid dataSubjectId, string sql, byte[]? wrapped)
    {
        try
        {
            using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = dataSubjectId });
            if (wrapped is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = wrapped });
                command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            }
            return command.ExecuteScalar() as byte[];
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The message names no person: the id is opaque, but it is left out of logs all the same.
            throw new KeyStoreUnavailable("the key table could not be read or written.", e);
        }
    }

    private static byte[] AssociatedData(Guid dataSubjectId) => Encoding.UTF8.GetBytes($"auditledger.subject-key.v1|{dataSubjectId:D}");

    private byte[] Wrap(Guid dataSubjectId, byte[] key)
    {
        var output = new byte[NonceSize + KeySize + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(masterKey.Bytes, TagSize);
        aes.Encrypt(nonce, key, output.AsSpan(NonceSize, KeySize), output.AsSpan(NonceSize + KeySize), AssociatedData(dataSubjectId));
        return output;
    }

    private byte[] Unwrap(Guid dataSubjectId, byte[] wrapped)
    {
        if (wrapped.Length != NonceSize + KeySize + TagSize)
            throw new KeyStoreUnavailable("a wrapped data key has the wrong length.", null);
        var key = new byte[KeySize];
        try
        {
            using var aes = new AesGcm(masterKey.Bytes, TagSize);
            aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), key, AssociatedData(dataSubjectId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeyStoreUnavailable("a wrapped data key does not open with the configured master key (a different master key, or a changed row).", e);
        }
        return key;
    }

    /// <summary>
    /// Re-wraps every live data key with <paramref name="next"/>, in one transaction, as the owner (the application role has
    /// no UPDATE). Run it with the service stopped, then configure the new master key and destroy the old one: every
    /// residue of a destroyed key (dead tuples, WAL segments, WAL archives, backups) was wrapped with the old master key
    /// and no longer opens with anything that exists. Returns how many keys were re-wrapped.
    /// </summary>
    public static async Task<int> RotateMasterKey(string ownerConnection, MasterKey current, MasterKey next, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rows = new List<(Guid Subject, byte[] Wrapped)>();
        await using (var select = new NpgsqlCommand($"select data_subject_id, wrapped_key from {QualifiedTable} for update", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), (byte[])reader[1]));
        var (from, to) = (new SubjectKeyStore(current, null!, TimeProvider.System), new SubjectKeyStore(next, null!, TimeProvider.System));
        foreach (var (subject, wrapped) in rows)
        {
            var key = from.Unwrap(subject, wrapped);
            await using var update = new NpgsqlCommand($"update {QualifiedTable} set wrapped_key = $2 where data_subject_id = $1", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = subject });
            update.Parameters.Add(new NpgsqlParameter { Value = to.Wrap(subject, key) });
            await update.ExecuteNonQueryAsync(ct);
            CryptographicOperations.ZeroMemory(key);
        }
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// The owner's part (run by <see cref="Configuration.SchemaMigration"/>): the key table in its own schema, and the
    /// application role's grants on it: SELECT (read a key), INSERT (create a key on first use), DELETE (destroy a key
    /// when erasing). No UPDATE: a key is never replaced, so a value is never silently re-keyed; no TRUNCATE.
    /// Dead rows of destroyed keys are vacuumed as soon as autovacuum passes (threshold 0), not after 20 % of the table.
    /// </summary>
    public static string MigrationSql(string? appRole) => $$"""
        create schema if not exists {{Schema}};
        create table if not exists {{QualifiedTable}} (
          data_subject_id uuid primary key,
          wrapped_key bytea not null,
          created_at timestamptz not null);
        alter table {{QualifiedTable}} set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);
        comment on table {{QualifiedTable}} is 'AuditLedger: one data key per person, wrapped with the master key kept outside the database. Deleting a row erases that person''s personal data in every event (crypto-shredding).';
        """ + (appRole is null ? "" : $$"""

        do $keygrants$
        begin
          execute format('grant usage on schema %I to %I', '{{Schema}}', '{{appRole}}');
          execute format('revoke all on %I.%I from %I', '{{Schema}}', '{{Table}}', '{{appRole}}');
          execute format('grant select, insert, delete on %I.%I to %I', '{{Schema}}', '{{Table}}', '{{appRole}}');
        end $keygrants$;
        """);
}

/// <summary>The key table could not be reached or used: personal data can be neither written nor shown, so the operation fails.</summary>
public sealed class KeyStoreUnavailable(string detail, Exception? inner)
    : InvalidOperationException($"The personal-data key store is unavailable: {detail} Nothing was recorded; try again when the database is reachable.", inner);
