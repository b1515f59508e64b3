namespace AuditLedger.Host.Trust;

using AuditLedger.Host.Configuration;
using AuditLedger.Host.Tenancy;
using Npgsql;

/// <summary>
/// The tables and the trigger of the tamper evidence, installed beside Marten's tables in the ledger's schema.
///
/// Why a trigger: every event reaches PostgreSQL through Marten's <c>mt_quick_append_events</c> (or a plain INSERT
/// in its other append mode, a COPY of the import, or any other writer); an AFTER INSERT trigger on <c>mt_events</c> chains
/// each of them, whoever wrote it, inside the appending transaction, with no extra round trip and no change to the append
/// path. It runs once per statement over the statement's rows (a transition table, PostgreSQL's <c>REFERENCING NEW TABLE</c>),
/// hashing them in one set-based pass in sequence order: rows loaded in bulk cost one call, not one PL/pgSQL call each.
/// It hashes the row as stored (after defaults and jsonb normalisation), which is what the verifier re-derives.
/// The hash lives in a table of its own (<c>ledger_chain</c>), because Marten's schema management drops columns
/// it does not know from <c>mt_events</c>. The byte layout is documented, and implemented for reference, in
/// <see cref="AuditLedger.Trust.EventHash"/>; <c>sha256()</c> is built into PostgreSQL (11+), so no extension is needed.
///
/// The trigger also refuses an event whose sequence number is at or below the sealer's watermark
/// (<c>ledger_seal.sealed_through</c>): once the sealer has fenced a range (see <see cref="LedgerSealer"/>), no late
/// writer can slip an event into a part of the tree that a checkpoint already covers.
/// </summary>
public static class TrustSchema
{
    /// <summary>Bumped whenever the SQL below changes; the installer skips the DDL when the installed version matches.</summary>
    public const string Version = "auditledger-trust/4";

    /// <summary>
    /// In the SQL of the trust services: the tenant the connection works for (<see cref="TrustDatabase.OpenAsync"/> binds it;
    /// an unbound connection fails rather than reading every tenant).
    /// </summary>
    public const string Tenant = "current_setting('auditledger.tenant')";

    /// <summary>Binds a connection (for its session) to one tenant: every query of the trust services reads that tenant's rows only.</summary>
    public static async Task BindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenant, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select set_config('auditledger.tenant', $1, false)", connection, transaction) { Parameters = { new() { Value = tenant } } };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The tenant value an event was hashed with: as stored, except for the events a migration moved into their tenant
    /// (<see cref="AuditLedger.Host.Configuration.TenantMigration"/>), which were hashed, and are re-derived, with the tenant
    /// they had then (their chain record's <c>hashed_tenant</c>). <c>e</c> is the event row, <c>c</c> its chain record.
    /// </summary>
    public const string HashedTenant = "coalesce(c.hashed_tenant, e.tenant_id)";

    private const long InstallLock = 0x4175_6469_7454_7275; // "AuditTru"

    public static string Sql(string schema) => $$"""
        create table if not exists {{schema}}.ledger_chain (
            seq_id    bigint primary key,
            tenant_id text   not null,
            event_id  uuid   not null,
            stream_id uuid   not null,
            version   bigint not null,
            hash      bytea  not null check (octet_length(hash) = 32),
            hashed_tenant text,
            constraint ledger_chain_tenant_stream_version unique (tenant_id, stream_id, version)
        );
        comment on table {{schema}}.ledger_chain is 'AuditLedger tamper evidence: the hash of each event, chained to its predecessor in its stream of its tenant (see EventHash.cs for the byte layout).';

        create table if not exists {{schema}}.ledger_seal (
            tenant_id        text   primary key,
            sealed_through   bigint not null default 0,
            observed_through bigint not null default 0,
            tree_size        bigint not null default 0,
            tree_through     bigint not null default 0,
            frontier         bytea  not null default ''::bytea
        );

        create table if not exists {{schema}}.ledger_checkpoints (
            tenant_id      text   not null,
            tree_size      bigint not null,
            root_hash      bytea  not null check (octet_length(root_hash) = 32),
            sealed_through bigint not null,
            issued_at_us   bigint not null,
            key_id         text   not null,
            signature      bytea  not null,
            tenant_signed  boolean not null default true,
            primary key (tenant_id, tree_size)
        );

        -- Upgrade in place from auditledger-trust/3 (one chain, tree and watermark for the whole database, before tenancy):
        -- what exists belonged to the one body the store then served, {{LedgerTenant.Default}}; its checkpoints were signed without a tenant.
        do $up$
        begin
            if not exists (select from information_schema.columns where table_schema = '{{schema}}' and table_name = 'ledger_chain' and column_name = 'tenant_id') then
                alter table {{schema}}.ledger_chain add column tenant_id text, add column hashed_tenant text;
                update {{schema}}.ledger_chain set tenant_id = '{{LedgerTenant.Default}}';
                alter table {{schema}}.ledger_chain alter column tenant_id set not null;
                alter table {{schema}}.ledger_chain drop constraint if exists ledger_chain_stream_version;
                alter table {{schema}}.ledger_chain add constraint ledger_chain_tenant_stream_version unique (tenant_id, stream_id, version);
            end if;
            if not exists (select from information_schema.columns where table_schema = '{{schema}}' and table_name = 'ledger_seal' and column_name = 'tenant_id') then
                alter table {{schema}}.ledger_seal add column tenant_id text;
                update {{schema}}.ledger_seal set tenant_id = '{{LedgerTenant.Default}}';
                alter table {{schema}}.ledger_seal drop constraint ledger_seal_pkey, drop column id;
                alter table {{schema}}.ledger_seal alter column tenant_id set not null, add primary key (tenant_id);
            end if;
            if not exists (select from information_schema.columns where table_schema = '{{schema}}' and table_name = 'ledger_checkpoints' and column_name = 'tenant_id') then
                alter table {{schema}}.ledger_checkpoints add column tenant_id text, add column tenant_signed boolean not null default true;
                update {{schema}}.ledger_checkpoints set tenant_id = '{{LedgerTenant.Default}}', tenant_signed = false;
                alter table {{schema}}.ledger_checkpoints drop constraint ledger_checkpoints_pkey;
                alter table {{schema}}.ledger_checkpoints alter column tenant_id set not null, add primary key (tenant_id, tree_size);
            end if;
        end
        $up$;
        create index if not exists ledger_chain_tenant_seq on {{schema}}.ledger_chain (tenant_id, seq_id);

        create or replace function {{schema}}.ledger_chain_event() returns trigger
        language plpgsql as $fn$
        declare
            watermark bigint;
            total     bigint;
            chained   bigint;
            bad       record;
        begin
            select count(*) into total from new_events;
            -- Each tenant's watermark: its tree is sealed apart from the others'.
            select n.seq_id, n.tenant_id, s.sealed_through into bad from new_events n join {{schema}}.ledger_seal s on s.tenant_id = n.tenant_id
            where n.seq_id <= s.sealed_through order by n.seq_id limit 1;
            if found then
                raise exception 'AuditLedger: event sequence % is at or below the sealed watermark % of tenant %; a checkpoint already covers that range. Retry the append.', bad.seq_id, bad.sealed_through, bad.tenant_id
                    using errcode = '40001';
            end if;
            -- Each row's hash needs its predecessor's in its stream: the first new row of a stream starts from the chain
            -- (or from zeros at version 1), each following row of the same statement from the row before it.
            with recursive bodies as (
                select n.seq_id, n.tenant_id, n.id, n.stream_id, n.version,
                       '\x41756469744c65646765722f6576656e742f763100'::bytea  -- 'AuditLedger/event/v1' 0x00
                    || uuid_send(n.stream_id)
                    || int8send(n.version)
                    || uuid_send(n.id)
                    || coalesce(int4send(octet_length(convert_to(n.type, 'UTF8'))) || convert_to(n.type, 'UTF8'), '\xffffffff'::bytea)
                    || int8send((extract(epoch from n."timestamp") * 1000000)::bigint)
                    || coalesce(int4send(octet_length(convert_to(n.tenant_id, 'UTF8'))) || convert_to(n.tenant_id, 'UTF8'), '\xffffffff'::bytea)
                    || coalesce(int4send(octet_length(convert_to(n.correlation_id, 'UTF8'))) || convert_to(n.correlation_id, 'UTF8'), '\xffffffff'::bytea)
                    || int4send(octet_length(convert_to(n.data::text, 'UTF8'))) || convert_to(n.data::text, 'UTF8')
                    || coalesce(int4send(octet_length(n.bdata)) || n.bdata, '\xffffffff'::bytea) as body
                from new_events n),
            chain as (
                select r.seq_id, r.tenant_id, r.id, r.stream_id, r.version, sha256(r.body || coalesce(c.hash,
                       '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)) as hash
                from bodies r
                left join {{schema}}.ledger_chain c on c.tenant_id = r.tenant_id and c.stream_id = r.stream_id and c.version = r.version - 1
                where (r.version = 1 or c.hash is not null)
                  and not exists (select from new_events p where p.tenant_id is not distinct from r.tenant_id and p.stream_id = r.stream_id and p.version = r.version - 1)
                union all
                select r.seq_id, r.tenant_id, r.id, r.stream_id, r.version, sha256(r.body || h.hash)
                -- In sequence order, as a row trigger would have met them: a version appended before its predecessor is not chained (refused below).
                from chain h join bodies r on r.tenant_id = h.tenant_id and r.stream_id = h.stream_id and r.version = h.version + 1 and r.seq_id > h.seq_id)
            insert into {{schema}}.ledger_chain (seq_id, tenant_id, event_id, stream_id, version, hash)
            select seq_id, tenant_id, id, stream_id, version, hash from chain order by seq_id;
            get diagnostics chained = row_count;
            if chained < total then
                select n.id, n.stream_id, n.version into bad from new_events n
                where not exists (select from {{schema}}.ledger_chain c where c.seq_id = n.seq_id) order by n.seq_id limit 1;
                raise exception 'AuditLedger: cannot chain event % (stream %, version %): version % of the stream has no chain record. Run verify.', bad.id, bad.stream_id, bad.version, bad.version - 1
                    using errcode = 'P0001';
            end if;
            return null;
        end
        $fn$;
        comment on function {{schema}}.ledger_chain_event() is '{{Version}}';

        -- Once per statement over its rows (a transition table), so that a COPY or a many-row INSERT is chained in one
        -- set-based pass rather than one PL/pgSQL call per row; an upgrade replaces the former row-level trigger.
        drop trigger if exists ledger_chain_event on {{schema}}.mt_events;
        create trigger ledger_chain_event after insert on {{schema}}.mt_events
            referencing new table as new_events
            for each statement execute function {{schema}}.ledger_chain_event();
        """;

    /// <summary>
    /// Installs (or upgrades) the tables and the trigger, once the event tables exist. Idempotent and safe when several
    /// instances start at once; skips the DDL (which would briefly lock the events table) when it is current.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({InstallLock})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using (var check = new NpgsqlCommand($"""
            select coalesce(obj_description(to_regproc('{LedgerConfiguration.SchemaName}.ledger_chain_event')::oid, 'pg_proc'), '') = '{Version}'
               and exists (select 1 from pg_trigger where tgname = 'ledger_chain_event' and tgrelid = to_regclass('{LedgerConfiguration.SchemaName}.mt_events') and tgenabled = 'O')
            """, connection, transaction))
        {
            if (await check.ExecuteScalarAsync(ct) is true)
            {
                await transaction.CommitAsync(ct);
                return;
            }
        }
        await using (var install = new NpgsqlCommand(Sql(LedgerConfiguration.SchemaName), connection, transaction))
            await install.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>For the tests, which empty the event tables at start: forgets the chain, the tree and its checkpoints.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        var s = LedgerConfiguration.SchemaName;
        await using var command = dataSource.CreateCommand($"""
            truncate {s}.ledger_chain, {s}.ledger_checkpoints;
            truncate {s}.ledger_seal;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
