namespace AuditLedger.Host.Configuration;

using Npgsql;

/// <summary>
/// The database side of "events are never changed": triggers on the event tables, and the application role's grants.
///
/// What the application role needs, found by running the whole service and test suite as that role:
/// - <c>mt_events</c>: SELECT, INSERT (appends and reads; Marten never updates or deletes an event it wrote);
/// - <c>mt_streams</c>: SELECT, INSERT, UPDATE (a stream's row carries its version, raised on every append);
/// - every other table of the schema (projection documents <c>mt_doc_*</c>, the daemon's <c>mt_event_progression</c>,
///   Wolverine's envelope and node tables): SELECT, INSERT, UPDATE, DELETE, and TRUNCATE where a projection rebuild
///   clears its documents (<c>mt_doc_*</c>);
/// - the tamper evidence: <c>ledger_chain</c> and <c>ledger_checkpoints</c> SELECT, INSERT (the chain trigger runs as the
///   caller; the sealer adds checkpoints), <c>ledger_seal</c> SELECT, UPDATE (the sealer's watermark);
/// - sequences: USAGE, SELECT, UPDATE (<c>nextval</c>); functions: EXECUTE (Marten's append and upsert functions run as the caller).
/// - <c>idempotency_keys</c> (not Marten's: made here, see <see cref="Ledger.IdempotencyKeys"/>): SELECT, INSERT only; like the
///   events, a recorded key is never changed or removed (triggers refuse UPDATE, DELETE and TRUNCATE).
/// Nothing else: no DDL, no UPDATE/DELETE/TRUNCATE of events, no DELETE/TRUNCATE of streams.
/// The triggers hold even for the owner (who could drop them, as any owner can: that is what the hash chain is for).
/// </summary>
public static class AppendOnlyStore
{
    /// <param name="appRole">The application role to grant to; null when the service runs as the owner itself.</param>
    public static async Task Secure(string ownerConnection, string schema, string? appRole, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Execute(connection, IdempotencyTable(schema), ct);
        await Execute(connection, Triggers(schema), ct);
        await Execute(connection, UncompressedEvents(schema), ct);
        if (appRole is not null) await Execute(connection, Grants(schema, appRole), ct);
        await transaction.CommitAsync(ct);
    }

    internal static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The idempotency store: one row per command key, inserted in the same transaction as the command's events, holding the
    /// result the first append returned (stream, version, event types) and the fingerprint of the command it was used for.
    /// </summary>
    private static string IdempotencyTable(string schema) => $$"""
        create table if not exists {{schema}}.{{Ledger.IdempotencyKeys.Table}} (
          tenant_id text not null,
          key text not null,
          command text not null,
          fingerprint text not null,
          stream_id uuid not null,
          version bigint not null,
          events jsonb not null,
          recorded_at timestamptz not null,
          primary key (tenant_id, key)
        );
        -- A table from before tenancy: its keys are the one body's it served (urayasu:council); keys are per tenant.
        alter table {{schema}}.{{Ledger.IdempotencyKeys.Table}} add column if not exists tenant_id text not null default '{{Tenancy.LedgerTenant.Default}}';
        alter table {{schema}}.{{Ledger.IdempotencyKeys.Table}} alter column tenant_id drop default;
        do $$
        begin
          if exists (select from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                     where c.conrelid = '{{schema}}.{{Ledger.IdempotencyKeys.Table}}'::regclass and c.contype = 'p' and array_length(c.conkey, 1) = 1) then
            alter table {{schema}}.{{Ledger.IdempotencyKeys.Table}} drop constraint {{Ledger.IdempotencyKeys.Table}}_pkey;
            alter table {{schema}}.{{Ledger.IdempotencyKeys.Table}} add primary key (tenant_id, key);
          end if;
        end $$;
        """;

    /// <summary>
    /// Event data is stored without compression (STORAGE EXTERNAL: out of line when large, never pglz). A compressed value
    /// hides its text from a scan of the data files and the WAL without making it any less recoverable, and such a scan is
    /// how an erasure is shown to have left no name on disk (the shredding tests, an auditor with the files). An event
    /// whose row passed about 2 kB was compressed before this; the cost is the disk the compression saved (on the test
    /// ledger the largest acquisitions took about 1.3 kB compressed and 1.65 kB not). Applies to rows written from now on.
    /// </summary>
    private static string UncompressedEvents(string schema) => $"alter table {schema}.mt_events alter column data set storage external;";

    private static string Triggers(string schema) => $$"""
        create or replace function {{schema}}.auditledger_refuse_change() returns trigger language plpgsql as $fn$
        begin
          raise exception 'AuditLedger: % of %.% is refused: stored events and streams are append-only. Record a new event (a correction, an erasure) instead of changing an old one.',
            tg_op, tg_table_schema, tg_table_name using errcode = '42501';
        end $fn$;

        create or replace function {{schema}}.auditledger_refuse_version_lowering() returns trigger language plpgsql as $fn$
        begin
          if new.version < old.version then
            raise exception 'AuditLedger: lowering the version of stream % from % to % is refused: streams only grow.', old.id, old.version, new.version
              using errcode = '42501';
          end if;
          return new;
        end $fn$;

        do $triggers$
        declare
          wanted text[][] := array[
            ['mt_events', 'auditledger_events_append_only', 'before update or delete', 'row', 'auditledger_refuse_change'],
            ['mt_events', 'auditledger_events_no_truncate', 'before truncate', 'statement', 'auditledger_refuse_change'],
            ['mt_streams', 'auditledger_streams_version', 'before update', 'row', 'auditledger_refuse_version_lowering'],
            ['mt_streams', 'auditledger_streams_no_delete', 'before delete', 'row', 'auditledger_refuse_change'],
            ['mt_streams', 'auditledger_streams_no_truncate', 'before truncate', 'statement', 'auditledger_refuse_change'],
            ['idempotency_keys', 'auditledger_idempotency_append_only', 'before update or delete', 'row', 'auditledger_refuse_change'],
            ['idempotency_keys', 'auditledger_idempotency_no_truncate', 'before truncate', 'statement', 'auditledger_refuse_change']];
          i int;
        begin
          -- Only the missing ones are created: creating a trigger locks the table, and services may be running.
          for i in 1 .. array_length(wanted, 1) loop
            if not exists (select from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = '{{schema}}' and c.relname = wanted[i][1] and g.tgname = wanted[i][2]) then
              execute format('create trigger %I %s on %I.%I for each %s execute function %I.%I()',
                wanted[i][2], wanted[i][3], '{{schema}}', wanted[i][1], wanted[i][4], '{{schema}}', wanted[i][5]);
            end if;
          end loop;
        end $triggers$;
        """;

    private static string Grants(string schema, string appRole) => $$"""
        do $grants$
        declare t record;
        begin
          execute format('grant usage on schema %I to %I', '{{schema}}', '{{appRole}}');
          for t in select tablename from pg_tables where schemaname = '{{schema}}' loop
            execute format('revoke all on %I.%I from %I', '{{schema}}', t.tablename, '{{appRole}}');
            if t.tablename in ('mt_events', 'idempotency_keys') then
              execute format('grant select, insert on %I.%I to %I', '{{schema}}', t.tablename, '{{appRole}}');
            elsif t.tablename = 'mt_streams' then
              execute format('grant select, insert, update on %I.%I to %I', '{{schema}}', t.tablename, '{{appRole}}');
            elsif t.tablename in ('ledger_chain', 'ledger_checkpoints') then
              -- tamper evidence: the chain trigger (running as the caller) and the sealer only add rows
              execute format('grant select, insert on %I.%I to %I', '{{schema}}', t.tablename, '{{appRole}}');
            elsif t.tablename = 'ledger_seal' then
              -- one row per tenant, added by the sealer on its first round for that tenant
              execute format('grant select, insert, update on %I.%I to %I', '{{schema}}', t.tablename, '{{appRole}}');
            elsif t.tablename = '{{SchemaVersion.Table}}' then
              null;  -- the owner's record of the migrated schema: nothing for the application role
            elsif t.tablename like 'mt_doc_%' then
              execute format('grant select, insert, update, delete, truncate on %I.%I to %I', '{{schema}}', t.tablename, '{{appRole}}');
            else
              execute format('grant select, insert, update, delete on %I.%I to %I', '{{schema}}', t.tablename, '{{appRole}}');
            end if;
          end loop;
          execute format('grant usage, select, update on all sequences in schema %I to %I', '{{schema}}', '{{appRole}}');
          execute format('grant execute on all functions in schema %I to %I', '{{schema}}', '{{appRole}}');
        end $grants$;
        """;
}
