namespace AuditLedger.Host.Configuration;

using AuditLedger.Host.Tenancy;
using Npgsql;

/// <summary>
/// Issue 12, item 7: a store from before tenancy becomes the tenant it belonged to. Its events, streams and documents
/// carry Marten's default tenant id (<see cref="Unassigned"/>) once the conjoined columns exist; they are moved to
/// <see cref="LedgerTenant.Default"/> (<c>urayasu:council</c>, the one body such a store served).
///
/// The chain and the checkpoints still verify: an event's hash covers its tenant id as stored when it was appended, so the
/// chain record of each moved event keeps the tenant id it was hashed with (<c>ledger_chain.hashed_tenant</c>, outside the
/// hash; the leaf, and so the signed tree, covers the hash); the verifier, the sealer, the prover and the export re-derive
/// those events' hashes with it (<see cref="AuditLedger.Host.Trust.TrustSchema.HashedTenant"/>). The chain records and the
/// checkpoints of the old store were given to the default tenant by the trust schema's upgrade (auditledger-trust/4), the
/// checkpoints marked as signed without a tenant.
///
/// Run by the owner in <see cref="SchemaMigration"/>, in one transaction: the append-only trigger on <c>mt_events</c> refuses
/// any UPDATE, so it is disabled around the update and enabled again before the commit (ALTER TABLE inside the transaction:
/// nobody else sees it off). Idempotent: a store with no row of <see cref="Unassigned"/> is left as it is.
/// </summary>
public static class TenantMigration
{
    /// <summary>Marten's tenant id of a store that was not multi-tenanted.</summary>
    public const string Unassigned = "*DEFAULT*";

    public static async Task Apply(string ownerConnection, string schema, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(Sql(schema, Unassigned, LedgerTenant.Default), connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public static string Sql(string schema, string from, string to) => $$"""
        do $migrate$
        declare
            doc     record;
            fk      record;
            fks     text[] := array[]::text[];
            i       int;
        begin
            if to_regclass('{{schema}}.mt_events') is null
               or not exists (select from information_schema.columns where table_schema = '{{schema}}' and table_name = 'mt_events' and column_name = 'tenant_id') then
                return;
            end if;
            if not exists (select from {{schema}}.mt_events where tenant_id = '{{from}}')
               and not exists (select from {{schema}}.mt_streams where tenant_id = '{{from}}') then
                null;  -- nothing of the store from before tenancy is left: the documents below still are looked at
            else
                if to_regclass('{{schema}}.ledger_chain') is not null then
                    -- The chain records of the moved events (the trust schema's upgrade gave those of a store from before
                    -- tenancy to the default tenant already): the tenant's, remembering what their hashes covered.
                    update {{schema}}.ledger_chain c set tenant_id = '{{to}}', hashed_tenant = coalesce(c.hashed_tenant, '{{from}}')
                    from {{schema}}.mt_events e where e.seq_id = c.seq_id and e.tenant_id = '{{from}}';
                end if;
            -- The foreign keys between events and streams (by tenant and stream id under conjoined tenancy) would refuse the
            -- first of the two updates: dropped, and made again as they were once both are done.
            for fk in select c.conrelid::regclass::text as tbl, c.conname, pg_get_constraintdef(c.oid) as def from pg_constraint c
                      where c.contype = 'f' and c.conrelid in (to_regclass('{{schema}}.mt_events'), to_regclass('{{schema}}.mt_streams')) loop
                execute format('alter table %s drop constraint %I', fk.tbl, fk.conname);
                fks := fks || array[fk.tbl, fk.conname, fk.def];
            end loop;
            -- The append-only triggers refuse UPDATE, the owner's too: off for these statements of this transaction.
            alter table {{schema}}.mt_events disable trigger user;
            update {{schema}}.mt_events set tenant_id = '{{to}}' where tenant_id = '{{from}}';
            alter table {{schema}}.mt_events enable trigger user;
            if to_regclass('{{schema}}.mt_streams') is not null then
                alter table {{schema}}.mt_streams disable trigger user;
                update {{schema}}.mt_streams set tenant_id = '{{to}}' where tenant_id = '{{from}}';
                alter table {{schema}}.mt_streams enable trigger user;
            end if;
            i := 1;
            while i < coalesce(array_length(fks, 1), 0) loop
                execute format('alter table %s add constraint %I %s', fks[i], fks[i + 1], fks[i + 2]);
                i := i + 3;
            end loop;
            end if;
            -- Documents (the user directory, projections): each table with a tenant column; a row the tenant already has is kept.
            for doc in select c.table_name from information_schema.columns c
                       where c.table_schema = '{{schema}}' and c.column_name = 'tenant_id' and c.table_name like 'mt_doc_%' loop
                execute format('update %I.%I d set tenant_id = %L where tenant_id = %L and not exists (select from %I.%I o where o.tenant_id = %L and o.id = d.id)',
                    '{{schema}}', doc.table_name, '{{to}}', '{{from}}', '{{schema}}', doc.table_name, '{{to}}');
            end loop;
        end
        $migrate$;
        """;
}
