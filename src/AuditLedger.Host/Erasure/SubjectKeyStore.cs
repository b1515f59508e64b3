namespace AuditLedger.Host.Erasure;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

/// <summary>
/// One data key per person and stream (data subject id, record / case / review / incident id), in
/// <c>auditledger_keys.subject_keys</c>, each wrapped (AES-256-GCM) with the <see cref="MasterKey"/> held outside the
/// database. A key is created the first time personal data about the person is written into that stream, and destroyed
/// (its row deleted) in the transaction that appends the erasure or disposal: disposing one record deletes the keys of
/// that record's stream alone (<see cref="DestroyStreamSql"/>), erasing a person deletes all of the person's keys in one
/// statement (<see cref="DestroySubjectSql"/>). From then on no copy of the database can decrypt what was written under
/// those keys, while the stored events stay byte for byte as they were (the hash chain covers the ciphertext).
///
/// Stores written before keys were per stream hold one key per person under <see cref="PersonWide"/> (the empty stream
/// id): values sealed in the v1 format open with it, and erasing the person destroys it with the rest.
///
/// Keys are cached in memory for <see cref="CacheLifetime"/> so that reads and replays do not ask the database per value;
/// an erasure forgets the person's key at once in this process, and other instances drop it within that lifetime.
/// Every failure to reach the table throws <see cref="KeyStoreUnavailable"/>: an append then fails, nothing is written.
/// </summary>
public sealed class SubjectKeyStore(Func<MasterKey> masterKey, NpgsqlDataSource dataSource, TimeProvider time) : IDisposable
{
    /// <summary>A store whose master key is already read.</summary>
    public SubjectKeyStore(MasterKey masterKey, NpgsqlDataSource dataSource, TimeProvider time) : this(() => masterKey, dataSource, time)
    {
    }

    // Read at the first key wrapped or opened, not when the store is made: Wolverine builds every handler at start (its code
    // is generated ahead of time), the erasure handlers with this store, and a host that seals nothing (the owner's migration,
    // a verify) needs no master key. The service itself still refuses to start without one (ServiceHost).
    private readonly Lazy<MasterKey> _masterKey = new(masterKey);

    public const string Schema = "auditledger_keys";
    public const string Table = "subject_keys";
    public const string QualifiedTable = Schema + "." + Table;

    /// <summary>How long a key read from the table is used without asking again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The stream id of a person-wide key (v1 values, written before keys were per stream).</summary>
    public static readonly Guid PersonWide = Guid.Empty;

    /// <summary>The statement erasing a person queues in its own transaction: every key of the person, in every stream (Marten's positional '?').</summary>
    public const string DestroySubjectSql = $"delete from {QualifiedTable} where data_subject_id = ?";

    /// <summary>The statement destroying a person's one key from before keys were per stream (their last record from then is disposed of).</summary>
    public const string DestroyPersonWideSql = $"delete from {QualifiedTable} where data_subject_id = ? and stream_id = '00000000-0000-0000-0000-000000000000'";

    /// <summary>The statement disposing a record (or any stream) queues in its own transaction: the keys of that stream alone, of every person in it.</summary>
    public const string DestroyStreamSql = $"delete from {QualifiedTable} where stream_id = ?";

    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ConcurrentDictionary<(Guid Subject, Guid Stream), (byte[] Key, long ReadAt)> _cache = new();

    /// <summary>The person's data key for a stream, created now when there is none (first personal data written about them there).</summary>
    public byte[] GetOrCreate(Guid dataSubjectId) => GetOrCreate(dataSubjectId, PersonWide);

    /// <inheritdoc cref="GetOrCreate(Guid)"/>
    public byte[] GetOrCreate(Guid dataSubjectId, Guid streamId)
    {
        if (Cached(dataSubjectId, streamId) is { } cached) return cached;
        var fresh = RandomNumberGenerator.GetBytes(KeySize);
        var wrapped = Wrap(dataSubjectId, streamId, fresh);
        var stored = Query(dataSubjectId, streamId, $"""
            with inserted as (
              insert into {QualifiedTable} (data_subject_id, stream_id, wrapped_key, created_at) values ($1, $2, $3, $4)
              on conflict (data_subject_id, stream_id) do nothing returning wrapped_key)
            select wrapped_key from inserted
            union all
            select wrapped_key from {QualifiedTable} where data_subject_id = $1 and stream_id = $2
            limit 1
            """, wrapped)
            // Another writer created it in the same instant: the statement's snapshot did not see it; read it now.
            ?? Query(dataSubjectId, streamId, $"select wrapped_key from {QualifiedTable} where data_subject_id = $1 and stream_id = $2", null)
            ?? throw new KeyStoreUnavailable("the data key of a person could not be created.", null);
        return Remember(dataSubjectId, streamId, Unwrap(dataSubjectId, streamId, stored));
    }

    /// <summary>The person's person-wide (v1) data key, or null when there is none.</summary>
    public byte[]? Find(Guid dataSubjectId) => Find(dataSubjectId, PersonWide);

    /// <summary>The person's data key for a stream, or null when there is none (never created, or destroyed by an erasure or disposal).</summary>
    public byte[]? Find(Guid dataSubjectId, Guid streamId)
    {
        if (Cached(dataSubjectId, streamId) is { } cached) return cached;
        var stored = Query(dataSubjectId, streamId, $"select wrapped_key from {QualifiedTable} where data_subject_id = $1 and stream_id = $2", null);
        return stored is null ? null : Remember(dataSubjectId, streamId, Unwrap(dataSubjectId, streamId, stored));
    }

    /// <summary>Drops every key of the person from this process's memory (an erasure is destroying them in the table).</summary>
    public void Forget(Guid dataSubjectId)
    {
        foreach (var entry in _cache.Keys.Where(k => k.Subject == dataSubjectId).ToList()) Drop(entry);
    }

    /// <summary>Drops every key of the stream from this process's memory (a disposal is destroying them in the table).</summary>
    public void ForgetStream(Guid streamId)
    {
        foreach (var entry in _cache.Keys.Where(k => k.Stream == streamId).ToList()) Drop(entry);
    }

    public void Dispose() => dataSource.Dispose();

    private void Drop((Guid, Guid) entry)
    {
        if (_cache.TryRemove(entry, out var removed)) CryptographicOperations.ZeroMemory(removed.Key);
    }

    private byte[]? Cached(Guid dataSubjectId, Guid streamId) =>
        _cache.TryGetValue((dataSubjectId, streamId), out var entry) && time.GetElapsedTime(entry.ReadAt) < CacheLifetime ? entry.Key : null;

    private byte[] Remember(Guid dataSubjectId, Guid streamId, byte[] key)
    {
        _cache[(dataSubjectId, streamId)] = (key, time.GetTimestamp());
        return key;
    }

    private byte[]? Query(Guid dataSubjectId, Guid streamId, string sql, byte[]? wrapped)
    {
        try
        {
            using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = dataSubjectId });
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
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

    /// <summary>Binds a wrapped key to its row: v1 for a person-wide key (as written before), v2 with the stream for a per-stream key.</summary>
    private static byte[] AssociatedData(Guid dataSubjectId, Guid streamId) => Encoding.UTF8.GetBytes(streamId == PersonWide
        ? $"auditledger.subject-key.v1|{dataSubjectId:D}"
        : $"auditledger.subject-key.v2|{dataSubjectId:D}|{streamId:D}");

    private byte[] Wrap(Guid dataSubjectId, Guid streamId, byte[] key)
    {
        var output = new byte[NonceSize + KeySize + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey.Value.Bytes, TagSize);
        aes.Encrypt(nonce, key, output.AsSpan(NonceSize, KeySize), output.AsSpan(NonceSize + KeySize), AssociatedData(dataSubjectId, streamId));
        return output;
    }

    private byte[] Unwrap(Guid dataSubjectId, Guid streamId, byte[] wrapped)
    {
        if (wrapped.Length != NonceSize + KeySize + TagSize)
            throw new KeyStoreUnavailable("a wrapped data key has the wrong length.", null);
        var key = new byte[KeySize];
        try
        {
            using var aes = new AesGcm(_masterKey.Value.Bytes, TagSize);
            aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), key, AssociatedData(dataSubjectId, streamId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeyStoreUnavailable("a wrapped data key does not open with the configured master key (a different master key, or a changed row).", e);
        }
        return key;
    }

    /// <summary>
    /// The data keys of many (person, stream) pairs at once, for a batch written in one transaction (the import): the keys
    /// not in memory are read, and the missing ones created, in one statement on the caller's connection and transaction,
    /// so they commit (or roll back) with the events they seal, and no autocommit on another connection is made per person.
    /// A key another writer creates at the same time makes the statement fail on the primary key (no <c>on conflict</c>
    /// here: the batch must not seal with a key that lost the race), and the caller redoes its batch another way.
    /// Returns the pairs created here: until the transaction commits they exist only in it, so a caller whose transaction
    /// does not commit must <see cref="ForgetCreated"/> them.
    /// </summary>
    /// <exception cref="NpgsqlException">The statement failed (the caller's transaction is then aborted).</exception>
    public async Task<IReadOnlyList<(Guid Subject, Guid Stream)>> GetOrCreateMany(IEnumerable<(Guid Subject, Guid Stream)> pairs,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var wanted = pairs.Distinct().Where(p => Cached(p.Subject, p.Stream) is null).ToList();
        if (wanted.Count == 0) return [];
        var fresh = wanted.ToDictionary(p => p, _ => RandomNumberGenerator.GetBytes(KeySize));
        await using var command = new NpgsqlCommand($"""
            with wanted (data_subject_id, stream_id, wrapped_key) as (select * from unnest($1::uuid[], $2::uuid[], $3::bytea[])),
            inserted as (
              insert into {QualifiedTable} (data_subject_id, stream_id, wrapped_key, created_at)
              select w.data_subject_id, w.stream_id, w.wrapped_key, $4 from wanted w
              where not exists (select from {QualifiedTable} k where k.data_subject_id = w.data_subject_id and k.stream_id = w.stream_id)
              returning data_subject_id, stream_id)
            select k.data_subject_id, k.stream_id, k.wrapped_key from {QualifiedTable} k join wanted w using (data_subject_id, stream_id)
            union all
            select data_subject_id, stream_id, null from inserted
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(p => p.Subject).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(p => p.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(p => Wrap(p.Subject, p.Stream, fresh[p])).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        var created = new List<(Guid, Guid)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var pair = (reader.GetGuid(0), reader.GetGuid(1));
                if (reader.IsDBNull(2))
                {
                    created.Add(pair);
                    Remember(pair.Item1, pair.Item2, fresh[pair]);
                }
                else Remember(pair.Item1, pair.Item2, Unwrap(pair.Item1, pair.Item2, (byte[])reader[2]));
            }
        return created;
    }

    /// <summary>
    /// The data keys of streams the caller's transaction starts (the import's new records), made here and returned as one
    /// INSERT for the caller to queue with the events it seals (Marten's positional '?'), saving the look-up: a stream
    /// started in this transaction has no key yet. Should one exist all the same (a key left by an append that failed, or
    /// another writer), the INSERT fails on the primary key and with it the whole transaction, and the caller redoes its
    /// batch another way: nothing is ever sealed with a key that is not the stored one. Until the transaction commits the
    /// keys exist only in it: a caller whose transaction does not commit must <see cref="ForgetCreated"/> them.
    /// </summary>
    public (string Sql, object[] Parameters, IReadOnlyList<(Guid Subject, Guid Stream)> Created) CreateForNewStreams(IEnumerable<(Guid Subject, Guid Stream)> pairs)
    {
        var created = pairs.Distinct().Where(p => Cached(p.Subject, p.Stream) is null).ToList();
        var wrapped = new byte[created.Count][];
        for (var i = 0; i < created.Count; i++)
        {
            var key = RandomNumberGenerator.GetBytes(KeySize);
            wrapped[i] = Wrap(created[i].Subject, created[i].Stream, key);
            Remember(created[i].Subject, created[i].Stream, key);
        }
        return ($"insert into {QualifiedTable} (data_subject_id, stream_id, wrapped_key, created_at) select w.s, w.t, w.k, ? from unnest(?::uuid[], ?::uuid[], ?::bytea[]) as w (s, t, k)",
            [time.GetUtcNow(), created.Select(p => p.Subject).ToArray(), created.Select(p => p.Stream).ToArray(), wrapped], created);
    }

    /// <summary>Drops keys <see cref="GetOrCreateMany"/> or <see cref="CreateForNewStreams"/> created from memory: their transaction did not commit, so they do not exist.</summary>
    public void ForgetCreated(IEnumerable<(Guid Subject, Guid Stream)> created)
    {
        foreach (var pair in created) Drop(pair);
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
        var rows = new List<(Guid Subject, Guid Stream, byte[] Wrapped)>();
        await using (var select = new NpgsqlCommand($"select data_subject_id, stream_id, wrapped_key from {QualifiedTable} for update", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), reader.GetGuid(1), (byte[])reader[2]));
        var (from, to) = (new SubjectKeyStore(current, null!, TimeProvider.System), new SubjectKeyStore(next, null!, TimeProvider.System));
        foreach (var (subject, stream, wrapped) in rows)
        {
            var key = from.Unwrap(subject, stream, wrapped);
            await using var update = new NpgsqlCommand($"update {QualifiedTable} set wrapped_key = $3 where data_subject_id = $1 and stream_id = $2", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = subject });
            update.Parameters.Add(new NpgsqlParameter { Value = stream });
            update.Parameters.Add(new NpgsqlParameter { Value = to.Wrap(subject, stream, key) });
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
        -- Keys per (person, stream): a table from before holds person-wide keys, kept under the empty stream id (v1 values open with them).
        alter table {{QualifiedTable}} add column if not exists stream_id uuid not null default '00000000-0000-0000-0000-000000000000';
        do $keyspk$
        begin
          if (select array_length(conkey, 1) from pg_constraint where conrelid = '{{QualifiedTable}}'::regclass and contype = 'p') = 1 then
            alter table {{QualifiedTable}} drop constraint {{Table}}_pkey;
            alter table {{QualifiedTable}} add constraint {{Table}}_pkey primary key (data_subject_id, stream_id);
          end if;
        end $keyspk$;
        create index if not exists {{Table}}_stream on {{QualifiedTable}} (stream_id);
        comment on table {{QualifiedTable}} is 'AuditLedger: one data key per person and stream, wrapped with the master key kept outside the database. Deleting a row erases that person''s personal data in that stream (crypto-shredding).';
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
