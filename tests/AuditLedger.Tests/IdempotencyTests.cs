namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Idempotency keys: a command appended under a key is never appended again — not on a plain retry, not after a commit whose
/// answer was lost, not by concurrent writers sending the same key — and the original result comes back each time.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class IdempotencyTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private static string NewKey() => $"test-{Guid.NewGuid()}";

    /// <summary>
    /// The ledger's events, without Marten's tombstones: when a commit fails after the append took its sequence numbers
    /// (a unique key or a version conflict at commit), Marten writes a "tombstone" placeholder for each number so that the
    /// global sequence has no gap for the async daemon. They belong to no stream and record nothing.
    /// </summary>
    /// <remarks>Counted by a marker of the test's own (other tests' writers may still be finishing).</remarks>
    private async Task<long> EventCount(string marker)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return (await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {LedgerConfiguration.SchemaName}.mt_events where type <> 'tombstone' and strpos(data::text, ?) > 0", default, marker)).Single();
    }

    /// <summary>A registration without an id (each attempt would make a new stream), marked so that its events can be counted.</summary>
    private static (RegisterFile Command, string Marker) MarkedRegistration()
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        return (Registration() with { FileId = null, IdempotencyKey = NewKey(), Items = Items() with { Name = $"議会傍聴者名簿 {marker}" } }, marker);
    }

    [Fact]
    public async Task a_start_command_sent_twice_with_one_key_returns_the_first_stream_and_appends_nothing_more()
    {
        // No file id: each attempt would generate its own stream; the key makes the second return the first.
        var (command, marker) = MarkedRegistration();

        var first = await _ledger.Append(command);
        var second = await _ledger.Append(command);

        second.ShouldBe(first, new AppendResultComparer());
        (await EventCount(marker)).ShouldBe(first.Events.Count);
    }

    [Fact]
    public async Task a_commit_whose_answer_was_lost_is_not_appended_again_when_the_client_retries()
    {
        var (_, record) = await _ledger.Record();
        var command = InternalUse(record, 1) with { IdempotencyKey = NewKey() };
        // The first attempt commits, but its answer never reaches the client (it is dropped here)...
        _ = await _ledger.Send(command);

        // ...which retries with the same key and the same (now stale) expected version: no conflict, no second append.
        var retried = await _ledger.AppendOnce(command);

        retried.AlreadyRecorded.ShouldBeTrue();
        retried.Result.ShouldBe(new AppendResult(record, 2, ["RecordUsedOutsidePurpose"]), new AppendResultComparer());
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task when_the_retry_itself_hits_the_unique_key_at_commit_the_original_result_is_returned()
    {
        // Straight to the handler twice (no look-up before): the second transaction fails on the key and rolls back whole.
        var (command, marker) = MarkedRegistration();
        var first = await _ledger.Send(command);

        await Should.ThrowAsync<Exception>(() => _ledger.Send(command));
        (await EventCount(marker)).ShouldBe(first.Events.Count);
        (await _ledger.Append(command)).ShouldBe(first, new AppendResultComparer());
    }

    [Fact]
    public async Task a_key_reused_for_a_different_command_is_refused_with_422_and_nothing_is_appended()
    {
        var (_, record) = await _ledger.Record();
        var key = NewKey();
        await _ledger.Append(InternalUse(record, 1) with { IdempotencyKey = key });
        var (registration, marker) = MarkedRegistration();

        var other = await Should.ThrowAsync<IdempotencyKeyReused>(() => _ledger.Append(InternalUse(record, 2) with { IdempotencyKey = key, Purpose = "別の目的" }));
        var problem = ProblemMapping.ToProblem(other)!;
        problem.Status.ShouldBe(422);
        problem.Extensions["code"].ShouldBe("idempotency.key-reused");
        await Should.ThrowAsync<IdempotencyKeyReused>(() => _ledger.Append(registration with { IdempotencyKey = key }));
        (await EventCount(marker)).ShouldBe(0);
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    /// <summary>
    /// A key stored under a command's former catalog name (before it was renamed: use-outside-purpose) or under its former
    /// .NET type name still matches the same command: it is compared under the name it was stored with.
    /// </summary>
    [Theory]
    [InlineData("use-outside-purpose")]
    [InlineData("RecordPurposeExternalUse")]
    public async Task a_key_stored_under_a_former_name_of_the_command_still_returns_its_original_result(string formerName)
    {
        var (_, record) = await _ledger.Record();
        var appended = InternalUse(record, 1) with { IdempotencyKey = NewKey() };
        var first = await _ledger.Append(appended);
        // The same command under another key, as a build from before the rename stored it: the former name, and the
        // fingerprint digested under it (rows are never updated: the table is append-only; a row is added, as that build did).
        var command = appended with { IdempotencyKey = NewKey() };
        await using (var connection = new Npgsql.NpgsqlConnection(LedgerFixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand(
                $"insert into {IdempotencyKeys.QualifiedTable} (tenant_id, key, command, fingerprint, stream_id, version, events, recorded_at) " +
                $"select tenant_id, $1, $2, $3, stream_id, version, events, recorded_at from {IdempotencyKeys.QualifiedTable} where key = $4", connection)
            {
                Parameters =
                {
                    new() { Value = command.IdempotencyKey! }, new() { Value = formerName },
                    new() { Value = IdempotencyKeys.Fingerprint(command, formerName) }, new() { Value = appended.IdempotencyKey! },
                },
            };
            (await insert.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var retried = await _ledger.AppendOnce(command);

        retried.AlreadyRecorded.ShouldBeTrue();
        retried.Result.ShouldBe(first, new AppendResultComparer());
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
        // Another command under that key is still refused as a reused key.
        await Should.ThrowAsync<IdempotencyKeyReused>(() => _ledger.Append(InternalUse(record, 2) with { IdempotencyKey = command.IdempotencyKey, Purpose = "別の目的" }));
        await Should.ThrowAsync<IdempotencyKeyReused>(() => _ledger.Append(Registration() with { IdempotencyKey = command.IdempotencyKey }));
    }

    [Fact]
    public async Task over_http_a_repeated_key_returns_the_original_result_and_a_reused_one_is_422()
    {
        var http = fixture.ClientFor(InternalUse(Guid.Empty, 1));
        var (_, record) = await _ledger.Record();
        var key = NewKey();
        var body = JsonSerializer.Serialize(InternalUse(record, 1) with { IdempotencyKey = key }, LedgerJson.Options);
        HttpContent Json(string text) => new StringContent(text, System.Text.Encoding.UTF8, "application/json");

        var first = await http.PostAsync($"/api/records/{record}/outside-purpose-uses", Json(body));
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var again = await http.PostAsync($"/api/records/{record}/outside-purpose-uses", Json(body));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());

        var reused = await http.PostAsync($"/api/records/{record}/outside-purpose-uses",
            Json(JsonSerializer.Serialize(InternalUse(record, 2) with { IdempotencyKey = key, Purpose = "別の目的" }, LedgerJson.Options)));
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("idempotency.key-reused");
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task an_overlong_key_is_invalid_input()
    {
        var problem = ProblemMapping.ToProblem(await Should.ThrowAsync<Exception>(() =>
            _ledger.Append(Registration() with { IdempotencyKey = new string('k', 201) })))!;
        problem.Status.ShouldBe(400);
        problem.Detail!.ShouldContain("IdempotencyKey");
    }

    [Fact]
    public async Task importing_the_same_file_again_appends_nothing_and_says_every_line_was_recorded_before()
    {
        var (fileId, _) = await _ledger.Record();
        var records = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var lines = records.SelectMany(r => new[]
        {
            Line("acquire-record", Acquisition(fileId, recordId: r)),
            Line("use-outside-purpose", InternalUse(r, 1) with { ExpectedVersion = null }),
        });
        var file = string.Join("\n", lines) + "\n";
        // The uses are named by their former command name (use-outside-purpose): taken, with a note per line.
        var formerNames = new List<(int Line, string Former, string Current)>();
        var importer = new CommandImporter(fixture.Bus, fixture.Store, await fixture.User("S-TEST"), services: fixture.Services)
        {
            OnFormerName = (line, former, current) => formerNames.Add((line, former, current)),
        };

        var first = await importer.Import(new StringReader(file));
        var second = await importer.Import(new StringReader(file));

        formerNames.Take(5).ShouldBe([.. Enumerable.Range(0, 5).Select(i => (2 * i + 2, "use-outside-purpose", "use-record-outside-purpose"))]);
        first.Refused.ShouldBeEmpty();
        (first.Appended, first.AlreadyRecorded).ShouldBe((10, 0));
        (second.Appended, second.AlreadyRecorded, second.EventsAppended).ShouldBe((10, 10, first.EventsAppended));
        foreach (var r in records) (await _ledger.Stored(r)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task eight_concurrent_writers_starting_a_stream_with_one_key_create_exactly_one_stream()
    {
        const int writers = 8;
        var (command, marker) = MarkedRegistration();

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => _ledger.Append(command))));

        results.Select(r => r.StreamId).Distinct().Count().ShouldBe(1);
        (await EventCount(marker)).ShouldBe(results[0].Events.Count);
    }

    internal static string Line(string name, object command)
    {
        var node = JsonSerializer.SerializeToNode(command, command.GetType(), LedgerJson.Options)!.AsObject();
        node.Add("command", name);
        return node.ToJsonString(LedgerJson.Options);
    }
}

/// <summary>Results compare by value, their event lists included.</summary>
public sealed class AppendResultComparer : IEqualityComparer<AppendResult>
{
    public bool Equals(AppendResult? x, AppendResult? y) =>
        x is not null && y is not null && x.StreamId == y.StreamId && x.Version == y.Version && x.Events.SequenceEqual(y.Events);

    public int GetHashCode(AppendResult obj) => HashCode.Combine(obj.StreamId, obj.Version);
}
