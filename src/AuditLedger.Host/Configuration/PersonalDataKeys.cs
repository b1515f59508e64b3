namespace AuditLedger.Host.Configuration;

using AuditLedger.Host.Erasure;
using Npgsql;

/// <summary>
/// The owner's migration for crypto-shredding: the key table in its own schema with the application role's grants
/// (SELECT, INSERT, DELETE; see <see cref="SubjectKeyStore.MigrationSql"/>), the name index beside it
/// (<see cref="NameSearchIndex.MigrationSql"/>, same grants), and the refusal to run on a store that
/// holds personal data in plaintext.
///
/// Why refuse rather than migrate: before this change, <c>PersonalData</c> was stored as
/// <c>{"DataSubjectId", "Kind", "Value"}</c> in plain text. Sealing those values would mean rewriting stored events,
/// which the append-only triggers refuse and the hash chain would report as tampering; and the old plaintext would stay
/// in dead tuples, the WAL and earlier backups anyway. The ledger had not gone live, so the position (README,
/// "Erasure by crypto-shredding") is: such a store is a development store; recreate it and re-import its commands.
/// The check is incremental (it remembers the last event sequence it looked at), so a start stays cheap at millions of events.
/// </summary>
public static class PersonalDataKeys
{
    public static async Task Migrate(string ownerConnection, string eventSchema, string? appRole, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await AppendOnlyStore.Execute(connection, SubjectKeyStore.MigrationSql(appRole), ct);
        // 氏名検索: the keyed blind index of names, whose rows go with the keys (Erasure/NameSearchIndex).
        await AppendOnlyStore.Execute(connection, NameSearchIndex.MigrationSql(appRole), ct);
        await AppendOnlyStore.Execute(connection, $"""
            create table if not exists {SubjectKeyStore.Schema}.plaintext_check (id int primary key, checked_through bigint not null);
            insert into {SubjectKeyStore.Schema}.plaintext_check values (1, 0) on conflict do nothing;
            """, ct);
        await using (var plaintext = new NpgsqlCommand($"""
            select count(*) filter (where jsonb_path_exists(e.data, '$.** ? (exists(@.DataSubjectId) && exists(@.Value))')),
                   greatest(max(c.checked_through), coalesce(max(e.seq_id), 0))
            from {SubjectKeyStore.Schema}.plaintext_check c
            left join {eventSchema}.mt_events e on e.seq_id > c.checked_through
            where c.id = 1
            """, connection))
        {
            long found, through;
            await using (var reader = await plaintext.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                (found, through) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            if (found > 0)
                throw new ServiceRefusedToStart(
                    $"The event store holds {found} event(s) with personal data in plain text, written before personal data was encrypted per person. " +
                    "They cannot be encrypted in place (events are append-only and hash-chained), and erasure could never reach them. " +
                    "This is a store from before go-live: drop and recreate its database (the schema owner re-runs the migration on start) and import its commands again. See README, 'Erasure by crypto-shredding'.");
            await AppendOnlyStore.Execute(connection, $"update {SubjectKeyStore.Schema}.plaintext_check set checked_through = {through} where id = 1", ct);
        }
        await transaction.CommitAsync(ct);
    }
}
