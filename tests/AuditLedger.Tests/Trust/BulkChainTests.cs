namespace AuditLedger.Tests.Trust;

using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using AuditLedger.Host.Tenancy;
using Npgsql;

/// <summary>
/// The chain trigger runs once per statement (a transition table): rows written many at a time, several versions of one
/// stream included, are each chained, in sequence order, and verify; a version written before its predecessor is refused
/// as the row trigger refused it.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class BulkChainTests(LedgerFixture fixture)
{
    private const string S = LedgerConfiguration.SchemaName;
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>One INSERT of the given (stream, version) rows, in that sequence order.</summary>
    private static NpgsqlCommand Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, params (Guid Stream, long Version)[] rows)
    {
        var command = new NpgsqlCommand($"""
            insert into {S}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
            select nextval('{S}.mt_events_sequence'), gen_random_uuid(), r.stream, r.version, jsonb_build_object('n', r.version), 'bulk_probe', now(), '{LedgerTenant.Default}', 'Probe', false
            from unnest($1::uuid[], $2::bigint[]) with ordinality as r (stream, version, n) order by r.n
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        return command;
    }

    /// <summary>The new stream's row (the events' foreign key).</summary>
    private static async Task Start(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid stream)
    {
        await using var command = new NpgsqlCommand($"insert into {S}.mt_streams (id, type, version, timestamp, created, tenant_id) values ($1, 'bulk_probe', 3, now(), now(), '{LedgerTenant.Default}')",
            connection, transaction) { Parameters = { new() { Value = stream } } };
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task rows_inserted_in_one_statement_are_each_chained_and_verify()
    {
        var (_, record) = await _ledger.Record();
        var fresh = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Start(connection, transaction, fresh);
        await using (var insert = Insert(connection, transaction, (fresh, 1), (record, 2), (fresh, 2), (fresh, 3), (record, 3)))
            (await insert.ExecuteNonQueryAsync()).ShouldBe(5);
        await using (var count = new NpgsqlCommand($"select count(*) from {S}.ledger_chain where stream_id = any($1)", connection, transaction)
                     { Parameters = { new() { Value = new[] { fresh, record } } } })
            ((long)(await count.ExecuteScalarAsync())!).ShouldBe(6);
        var report = await fixture.Verifier.VerifyAsync(connection, transaction, null, CancellationToken.None);
        await transaction.RollbackAsync();
        report.Ok.ShouldBeTrue(report.Summary);
    }

    [Fact]
    public async Task a_version_inserted_before_its_predecessor_in_one_statement_is_refused()
    {
        var fresh = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Start(connection, transaction, fresh);
        await using var insert = Insert(connection, transaction, (fresh, 2), (fresh, 1));
        var refusal = await Should.ThrowAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        refusal.SqlState.ShouldBe("P0001");
        refusal.MessageText.ShouldContain("version 1 of the stream has no chain record");
    }
}
