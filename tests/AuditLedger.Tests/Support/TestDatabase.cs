namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Configuration;
using AuditLedger.Host.Trust;
using Npgsql;

/// <summary>The test database's housekeeping, done as its owner (a superuser on the local cluster).</summary>
public static class TestDatabase
{
    /// <summary>
    /// Creates the application role if it is missing, and empties the ledger's tables (the user directory's documents with
    /// the rest) and the personal-data key table. The append-only triggers refuse
    /// to truncate events, as they should; only a superuser's replica session (which fires no ordinary trigger) empties them.
    /// </summary>
    public static async Task Empty(string ownerConnection, string appRole)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($$"""
            do $empty$
            declare tables text;
            begin
              if not exists (select from pg_roles where rolname = '{{appRole}}') then
                execute format('create role %I login', '{{appRole}}');
              end if;
              select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables
                from pg_tables where schemaname = '{{LedgerConfiguration.SchemaName}}' and (tablename like 'mt\_%' or tablename = 'idempotency_keys');
              if tables is not null then
                perform set_config('session_replication_role', 'replica', true);
                execute 'truncate table ' || tables || ' cascade';
              end if;
              -- The personal-data keys go with the events sealed under them (a run with another master key leaves keys this one cannot open).
              if to_regclass('{{AuditLedger.Host.Erasure.SubjectKeyStore.QualifiedTable}}') is not null then
                perform set_config('session_replication_role', 'replica', true);
                execute 'truncate table {{AuditLedger.Host.Erasure.SubjectKeyStore.QualifiedTable}}';
              end if;
              if to_regclass('{{AuditLedger.Host.Erasure.SubjectKeyStore.Schema}}.plaintext_check') is not null then
                execute 'update {{AuditLedger.Host.Erasure.SubjectKeyStore.Schema}}.plaintext_check set checked_through = 0';
              end if;
            end $empty$;
            select to_regclass('{{LedgerConfiguration.SchemaName}}.ledger_seal') is not null;
            """, connection);
        var trustInstalled = await command.ExecuteScalarAsync() is true;
        // The tamper evidence's chain, tree and checkpoints go with the events they covered.
        if (trustInstalled)
        {
            await using var dataSource = NpgsqlDataSource.Create(ownerConnection);
            await TrustSchema.ResetAsync(dataSource);
        }
    }
}
