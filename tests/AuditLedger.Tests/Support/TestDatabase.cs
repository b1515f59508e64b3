namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Configuration;
using Npgsql;

/// <summary>The test database's housekeeping, done as its owner (a superuser on the local cluster).</summary>
public static class TestDatabase
{
    /// <summary>
    /// Creates the application role if it is missing, and empties the ledger's tables. The append-only triggers refuse
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
              -- The tamper evidence's chain, tree and checkpoints go with the events they covered.
              if to_regclass('{{LedgerConfiguration.SchemaName}}.ledger_seal') is not null then
                truncate {{LedgerConfiguration.SchemaName}}.ledger_chain, {{LedgerConfiguration.SchemaName}}.ledger_checkpoints;
                update {{LedgerConfiguration.SchemaName}}.ledger_seal
                   set sealed_through = 0, observed_through = 0, tree_size = 0, tree_through = 0, frontier = ''::bytea;
              end if;
            end $empty$;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
