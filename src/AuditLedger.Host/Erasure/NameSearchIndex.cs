namespace AuditLedger.Host.Erasure;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using Marten;
using Marten.Services;
using Npgsql;

/// <summary>One row of the name index: whose name (data subject id) was written into which stream (record, case, review, incident).</summary>
public sealed record NameMatch(Guid DataSubjectId, Guid StreamId);

/// <summary>
/// 氏名検索: a keyed blind index of the names the ledger holds, so that staff can find a person's records when they come to
/// the counter although every name is sealed per person (<see cref="SealedPersonalDataConverter"/>).
///
/// The table <c>auditledger_keys.name_index</c> holds rows <c>(tenant_id, name_hmac, data_subject_id, stream_id)</c>: the body
/// (実施機関, the tenant of the session that wrote the name) whose directory alone may find it, and the HMAC-SHA256 of
/// the normalised name (<see cref="Normalise"/>) under the search key, never the name. The search key is kept outside the
/// database: it is derived from the <see cref="MasterKey"/> with HKDF-SHA256 (RFC 5869) under its own label
/// (<see cref="SearchKeyLabel"/>), so a copy of the database alone cannot test guessed names against the index, and it is
/// never the key that wraps the data keys. (After a master key rotation the index must be rebuilt from the events: the rows
/// were made under the former search key.)
///
/// Rows are written by <see cref="Listener"/> in the same transaction as the events that carry a name
/// (<see cref="PersonalDataKind.Name"/>: records' acquisitions and corrections, request cases' requesters, review appellants…),
/// and deleted by <see cref="KeyDestruction"/> in the same transaction that destroys that person's data key for the stream
/// (消去 第40条, 廃棄 第4条第2項): a name that can no longer be read can no longer be found. The table is mutable for that
/// reason (the application role may SELECT, INSERT, DELETE; not UPDATE).
/// </summary>
public sealed class NameSearchIndex(MasterKey masterKey, NpgsqlDataSource dataSource) : IDisposable
{
    public const string Table = "name_index";
    public const string QualifiedTable = SubjectKeyStore.Schema + "." + Table;

    /// <summary>The HKDF label (info) of the search key: distinct from every other use of the master key.</summary>
    public const string SearchKeyLabel = "auditledger.name-search.v1";

    /// <summary>The statements <see cref="KeyDestruction"/> queues beside the key deletions (Marten's positional '?').</summary>
    public const string DeleteStreamSql = $"delete from {QualifiedTable} where stream_id = ?";

    /// <inheritdoc cref="DeleteStreamSql"/>
    public const string DeleteSubjectSql = $"delete from {QualifiedTable} where data_subject_id = ?";

    private const string InsertSql = $"insert into {QualifiedTable} (tenant_id, name_hmac, data_subject_id, stream_id) values (?, ?, ?, ?) on conflict do nothing";

    private readonly byte[] _searchKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Bytes.ToArray(), 32, salt: [], info: Encoding.UTF8.GetBytes(SearchKeyLabel));

    /// <summary>
    /// The name as it is indexed and searched: Unicode NFKC (compatibility forms fold: 全角・半角, ㈱, decomposed か+゛ → が),
    /// then every white space character removed (ASCII space, 全角スペース U+3000, tabs, line breaks) and every invisible
    /// format character (zero-width space and joiners, U+200B–U+200D, U+FEFF). So 山田 太郎, 山田　太郎 and 山田太郎 are one name,
    /// in any normalisation form. Nothing else is folded: 山田 and やまだ, 髙 and 高, Yamada and YAMADA stay different.
    /// </summary>
    public static string Normalise(string name)
    {
        var folded = (name ?? "").Normalize(NormalizationForm.FormKC);
        var kept = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format) kept.Append(rune.ToString());
        return kept.ToString();
    }

    /// <summary>The index value of a name: HMAC-SHA256 of its normalised UTF-8 under the search key; null for a name that normalises to nothing.</summary>
    public byte[]? Hash(string name)
    {
        var normalised = Normalise(name);
        return normalised.Length == 0 ? null : HMACSHA256.HashData(_searchKey, Encoding.UTF8.GetBytes(normalised));
    }

    /// <summary>
    /// The persons and streams of <paramref name="tenantId"/> (one body: another body's names are never found, although the
    /// table holds every body's) whose name, as written, equals <paramref name="name"/> after normalisation. Empty for a blank name.
    /// </summary>
    /// <exception cref="KeyStoreUnavailable">The table could not be read.</exception>
    public async Task<IReadOnlyList<NameMatch>> Find(string tenantId, string name, CancellationToken ct)
    {
        if (Hash(name) is not { } hash) return [];
        try
        {
            await using var command = dataSource.CreateCommand($"select data_subject_id, stream_id from {QualifiedTable} where tenant_id = $1 and name_hmac = $2");
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = hash });
            var found = new List<NameMatch>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found.Add(new NameMatch(reader.GetGuid(0), reader.GetGuid(1)));
            return found;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new KeyStoreUnavailable("the name index could not be read.", e);
        }
    }

    /// <summary>The names (not erased) the session's pending events carry, each with the stream its key belongs to.</summary>
    public static IReadOnlyList<(PersonalData Name, Guid StreamId)> PendingNames(IDocumentSession session) =>
    [
        .. from stream in session.PendingChanges.Streams()
           from e in stream.Events
           where e.Data is ILedgerEvent
           from data in PersonalDataSubjects.Values(e.Data)
           where data.Kind == PersonalDataKind.Name && !data.Erased
           select (data, data.StreamId ?? stream.Id),
    ];

    /// <summary>Queues one row per name a pending event carries, on the session's own transaction, under the session's tenant.</summary>
    public void QueueRowsFor(IDocumentSession session, IReadOnlyList<(PersonalData Name, Guid StreamId)> names)
    {
        foreach (var (name, streamId) in names.Distinct())
            if (Hash(name.Value) is { } hash)
                session.QueueSqlCommand(InsertSql, session.TenantId, hash, name.DataSubjectId, streamId);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_searchKey);
        dataSource.Dispose();
    }

    /// <summary>The store's listener that writes the index rows of every session's events before it commits (<see cref="PendingNames"/>, <see cref="QueueRowsFor"/>).</summary>
    public sealed class Listener(Func<NameSearchIndex> index) : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            // The index (and with it the master key) is asked for only when a name is being appended.
            var names = PendingNames(session);
            if (names.Count > 0) index().QueueRowsFor(session, names);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The owner's part (run beside <see cref="SubjectKeyStore.MigrationSql"/> by <see cref="Configuration.PersonalDataKeys"/>):
    /// the index table in the key schema, and the application role's grants: SELECT (search), INSERT (index a name as it is
    /// written), DELETE (forget it with the person's key). Dead rows are vacuumed at once, as the keys' are.
    /// </summary>
    public static string MigrationSql(string? appRole) => $$"""
        create table if not exists {{QualifiedTable}} (
          tenant_id text not null,
          name_hmac bytea not null,
          data_subject_id uuid not null,
          stream_id uuid not null,
          primary key (name_hmac, data_subject_id, stream_id));
        -- A table from before tenancy: its rows are the one body the store then served (LedgerTenant.Default).
        alter table {{QualifiedTable}} add column if not exists tenant_id text not null default '{{Tenancy.LedgerTenant.Default}}';
        alter table {{QualifiedTable}} alter column tenant_id drop default;
        create index if not exists {{Table}}_tenant_name on {{QualifiedTable}} (tenant_id, name_hmac);
        create index if not exists {{Table}}_stream on {{QualifiedTable}} (stream_id);
        create index if not exists {{Table}}_subject on {{QualifiedTable}} (data_subject_id);
        alter table {{QualifiedTable}} set (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);
        comment on table {{QualifiedTable}} is 'AuditLedger: keyed blind index of names (HMAC-SHA256 of the NFKC-normalised name without white space, under a search key derived from the master key kept outside the database). Never the name. Rows are deleted with the person''s data key.';
        """ + (appRole is null ? "" : $$"""

        do $namegrants$
        begin
          execute format('revoke all on %I.%I from %I', '{{SubjectKeyStore.Schema}}', '{{Table}}', '{{appRole}}');
          execute format('grant select, insert, delete on %I.%I to %I', '{{SubjectKeyStore.Schema}}', '{{Table}}', '{{appRole}}');
        end $namegrants$;
        """);
}
