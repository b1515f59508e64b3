namespace AuditLedger.Tests;

using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using Npgsql;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The store is append-only: the application role the service runs as may not UPDATE, DELETE or TRUNCATE stored
/// events (it was never granted them), triggers refuse the same even to the owner, a stream's version never goes down,
/// and the service will not run on a server that may lose a committed event.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class AppendOnlyStoreTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private static async Task<PostgresException> Refused(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private static string Statements(Guid stream, string verb) => verb switch
    {
        "UPDATE" => $"update auditledger.mt_events set data = '{{}}'::jsonb where stream_id = '{stream}'",
        "DELETE" => $"delete from auditledger.mt_events where stream_id = '{stream}'",
        "TRUNCATE" => "truncate table auditledger.mt_events cascade",
        "DELETE stream" => $"delete from auditledger.mt_streams where id = '{stream}'",
        "lower version" => $"update auditledger.mt_streams set version = version - 1 where id = '{stream}'",
        _ => throw new ArgumentOutOfRangeException(nameof(verb)),
    };

    [Theory]
    [InlineData("UPDATE")]
    [InlineData("DELETE")]
    [InlineData("TRUNCATE")]
    [InlineData("DELETE stream")]
    [InlineData("lower version")]
    public async Task the_application_role_is_refused_changing_stored_events_and_nothing_changes(string verb)
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1));
        var before = await _ledger.Stored(record);

        var refusal = await Refused(LedgerFixture.AppConnectionString, Statements(record, verb));

        refusal.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await _ledger.Stored(record)).ShouldBe(before);
    }

    [Theory]
    [InlineData("UPDATE", "UPDATE")]
    [InlineData("DELETE", "DELETE")]
    [InlineData("TRUNCATE", "TRUNCATE")]
    [InlineData("DELETE stream", "DELETE")]
    [InlineData("lower version", "lowering the version")]
    public async Task the_triggers_refuse_the_same_to_the_owner_and_say_what_to_do_instead(string verb, string named)
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1));
        var before = await _ledger.Stored(record);

        var refusal = await Refused(LedgerFixture.ConnectionString, Statements(record, verb));

        refusal.MessageText.ShouldContain("AuditLedger");
        refusal.MessageText.ShouldContain(named);
        (await _ledger.Stored(record)).ShouldBe(before);
    }

    [Fact]
    public async Task the_application_role_holds_exactly_the_grants_marten_and_wolverine_need()
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        async Task<bool> Has(string table, string privilege)
        {
            await using var command = new NpgsqlCommand($"select has_table_privilege('{LedgerFixture.AppRole}', 'auditledger.{table}', '{privilege}')", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }
        (await Has("mt_events", "SELECT")).ShouldBeTrue();
        (await Has("mt_events", "INSERT")).ShouldBeTrue();
        foreach (var denied in new[] { "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER" }) (await Has("mt_events", denied)).ShouldBeFalse(denied);
        (await Has("mt_streams", "UPDATE")).ShouldBeTrue();
        (await Has("mt_streams", "DELETE")).ShouldBeFalse();
        (await Has("mt_doc_retainedrecord", "TRUNCATE")).ShouldBeTrue("a projection rebuild clears its documents");
        await using var ddl = new NpgsqlConnection(LedgerFixture.AppConnectionString);
        await ddl.OpenAsync();
        await using var create = new NpgsqlCommand("create table auditledger.intruder (id int)", ddl);
        (await Should.ThrowAsync<PostgresException>(() => create.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task the_service_refuses_a_server_that_does_not_wait_for_commits_to_reach_disk()
    {
        // synchronous_commit can be switched off per session, which is how a misconfigured server looks to a client.
        var unsafeServer = new NpgsqlConnectionStringBuilder(LedgerFixture.AppConnectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
        var refusal = await Should.ThrowAsync<UnsafeServerException>(() => DurabilityCheck.Ensure(unsafeServer));
        refusal.Message.ShouldContain("synchronous_commit = off");
        refusal.Message.ShouldContain("will not start");
        await DurabilityCheck.Ensure(LedgerFixture.AppConnectionString);
    }
}
