namespace AuditLedger.Tests.Ledger;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Group commit (<see cref="GroupCommit"/>): commands committed together, one transaction with a savepoint each, are each
/// refused or appended as they would be alone, answered after the commit, and all failed when the commit fails.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class GroupCommitTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private GroupCommit Group => fixture.Services.GetRequiredService<GroupCommit>();

    private async Task<IReadOnlyList<Task<AppendResult>>> Together(params LedgerCommand[] commands)
    {
        var prepared = new List<LedgerCommand>();
        foreach (var command in commands) prepared.Add(await fixture.AsItsStaff(command));
        var answers = Group.AppendTogether(prepared);
        // Every answer comes after the one commit: wait for all (refusals included) before looking at the store.
        await Task.WhenAll(answers.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        return answers;
    }

    private static string NewKey() => $"group-{Guid.NewGuid()}";

    /// <summary>Whether the failure is the database's unique-index refusal (23505), however Marten wraps it.</summary>
    private static bool UniqueViolation(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
            if (failure is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }

    [Fact]
    public async Task refused_commands_in_the_middle_of_a_group_append_nothing_and_the_others_are_appended()
    {
        var (_, first) = await _ledger.Record();
        var (_, second) = await _ledger.Record();
        var (_, third) = await _ledger.Record();
        var (_, fourth) = await _ledger.Record();
        // A key already recorded: the database refuses the second row under it when the command's events are already
        // written in the transaction, so only its savepoint can take them back.
        var usedKey = NewKey();
        await _ledger.Send(InternalUse(fourth, 1) with { IdempotencyKey = usedKey });

        var answers = await Together(
            InternalUse(first, 1),
            InternalUse(second, 1) with { Purpose = "" },                          // refused by its validation
            InternalUse(third, 1) with { NoUnjustInfringementConfirmed = false },  // refused by its rule
            InternalUse(second, 1),
            InternalUse(third, 1) with { IdempotencyKey = usedKey },             // refused by the database (the key's unique index)
            InternalUse(fourth, 2));

        (await answers[0]).ShouldBe(new AppendResult(first, 2, ["RecordUsedOutsidePurpose"]), new AppendResultComparer());
        await Should.ThrowAsync<InvalidCommand>(() => answers[1]);
        await Should.ThrowAsync<LedgerRuleViolation>(() => answers[2]);
        (await answers[3]).ShouldBe(new AppendResult(second, 2, ["RecordUsedOutsidePurpose"]), new AppendResultComparer());
        UniqueViolation(await Should.ThrowAsync<Exception>(() => answers[4])).ShouldBeTrue();
        (await answers[5]).ShouldBe(new AppendResult(fourth, 3, ["RecordUsedOutsidePurpose"]), new AppendResultComparer());
        (await _ledger.Stored(first)).ShouldBe((2L, 2));
        (await _ledger.Stored(second)).ShouldBe((2L, 2));
        (await _ledger.Stored(third)).ShouldBe((1L, 1));
        (await _ledger.Stored(fourth)).ShouldBe((3L, 3));
    }

    [Fact]
    public async Task two_commands_on_one_stream_in_a_group_see_each_other_as_if_sent_one_after_the_other()
    {
        var (_, record) = await _ledger.Record();

        var answers = await Together(
            InternalUse(record, 1),
            InternalUse(record, 1),   // saw version 1, but the first of the group made it 2: a conflict, as alone after it
            InternalUse(record, 2));  // saw the first's append

        (await answers[0]).Version.ShouldBe(2);
        var conflict = await Should.ThrowAsync<StreamVersionConflict>(() => answers[1]);
        conflict.Message.ShouldContain("2");
        (await answers[2]).Version.ShouldBe(3);
        (await _ledger.Stored(record)).ShouldBe((3L, 3));
        // The inline projection the next decision reads holds both appends.
        (await _ledger.Load<Domain.Records.RetainedRecord>(record))!.Version.ShouldBe(3);
    }

    [Fact]
    public async Task a_commit_that_fails_fails_every_command_of_the_group_and_a_retry_by_key_appends_each_once()
    {
        var (_, first) = await _ledger.Record();
        var (_, second) = await _ledger.Record();
        var (_, third) = await _ledger.Record();
        var faultKey = $"commit-fault-{Guid.NewGuid()}";
        var commands = new LedgerCommand[]
        {
            InternalUse(first, 1) with { IdempotencyKey = NewKey() },
            InternalUse(second, 1) with { IdempotencyKey = faultKey },
            InternalUse(third, 1) with { IdempotencyKey = NewKey() },
        };

        IReadOnlyList<Task<AppendResult>> answers;
        await InjectCommitFault();
        try
        {
            answers = await Together(commands);
        }
        finally
        {
            await RemoveCommitFault();
        }

        foreach (var answer in answers)
        {
            var failed = await Should.ThrowAsync<GroupCommitFailed>(() => answer);
            failed.InnerException.ShouldBeOfType<PostgresException>().MessageText.ShouldContain("injected commit fault");
        }
        foreach (var record in new[] { first, second, third }) (await _ledger.Stored(record)).ShouldBe((1L, 1));

        // The clients retry with their keys: each command is appended once, and a second retry gets the same result back.
        foreach (var command in commands)
        {
            var retried = await _ledger.AppendOnce(command);
            retried.AlreadyRecorded.ShouldBeFalse();
            var again = await _ledger.AppendOnce(command);
            again.AlreadyRecorded.ShouldBeTrue();
            again.Result.ShouldBe(retried.Result, new AppendResultComparer());
        }
        foreach (var record in new[] { first, second, third }) (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task commands_of_clients_waiting_at_the_same_time_are_each_appended_once_through_the_ledger_commands()
    {
        var records = new List<Guid>();
        for (var i = 0; i < 6; i++) records.Add((await _ledger.Record()).RecordId);

        // One lane, so that the commands arriving while it is busy wait and are grouped (the host's lanes are many more).
        var commands = new LedgerCommands(fixture.Bus, fixture.Store, fixture.Services.GetRequiredService<Host.Access.LedgerPrincipals>(),
            group: new GroupCommit(fixture.Store, fixture.Services, lanes: 1));
        // Six clients, five commands each, all at once: whichever are grouped, each stream ends at exactly its five appends.
        await Task.WhenAll(records.Select(record => Task.Run(async () =>
        {
            for (var version = 1; version <= 5; version++)
            {
                var command = InternalUse(record, version) with { IdempotencyKey = NewKey() };
                var outcome = await commands.AppendOnce(command, await fixture.User(command.StaffId!), null, null, default);
                outcome.Result.Version.ShouldBe(version + 1);
            }
        })));

        foreach (var record in records) (await _ledger.Stored(record)).ShouldBe((6L, 6));
    }

    /// <summary>
    /// Every command of the catalog has its one handler (found once; none missing, none twice), and the group can give each of
    /// its parameters what Wolverine gives it: the session, the token, or a service of the host.
    /// </summary>
    [Fact]
    public void every_command_of_the_catalog_has_one_handler_whose_parameters_the_group_can_give()
    {
        using var scope = fixture.Services.CreateScope();
        var missing = CommandCatalog.All
            .SelectMany(command => CommandHandlers.Of(command.Type).GetParameters().Skip(1)
                .Where(p => p.ParameterType != typeof(Marten.IDocumentSession) && p.ParameterType != typeof(CancellationToken)
                    && scope.ServiceProvider.GetService(p.ParameterType) is null)
                .Select(p => $"{command.Name}: {p.ParameterType.Name} {p.Name}"))
            .ToList();
        missing.ShouldBeEmpty();
    }

    /// <summary>
    /// A deferred constraint trigger that refuses, at commit, an idempotency key named <c>commit-fault-…</c>: the commit of the
    /// group that holds such a key fails after every command of the group was decided and written.
    /// </summary>
    private static async Task InjectCommitFault() => await Owner($"""
        create or replace function {LedgerConfiguration.SchemaName}.test_commit_fault() returns trigger language plpgsql as $$
        begin
            if new.key like 'commit-fault-%' then raise exception 'injected commit fault'; end if;
            return null;
        end $$;
        drop trigger if exists test_commit_fault on {IdempotencyKeys.QualifiedTable};
        create constraint trigger test_commit_fault after insert on {IdempotencyKeys.QualifiedTable}
            deferrable initially deferred for each row execute function {LedgerConfiguration.SchemaName}.test_commit_fault();
        """);

    private static async Task RemoveCommitFault() => await Owner($"""
        drop trigger if exists test_commit_fault on {IdempotencyKeys.QualifiedTable};
        drop function if exists {LedgerConfiguration.SchemaName}.test_commit_fault();
        """);

    private static async Task Owner(string sql)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
