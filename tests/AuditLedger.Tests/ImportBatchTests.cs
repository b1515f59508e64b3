namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using Marten;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The import in batches (issue 13 item 3) against the same file imported line by line (<see cref="CommandImporter.BatchSize"/> 1,
/// each line in its own transaction as the API appends): the same summary, the same refusals, the same events and documents,
/// every event chained; a batch the database refuses is redone line by line.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class ImportBatchTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private async Task<CommandImporter> Importer(int batchSize) =>
        new(fixture.Bus, fixture.Store, await fixture.User("S-TEST"), fixture.Clock, fixture.Services) { BatchSize = batchSize };

    /// <summary>A record acquired for a person of its own, then used twice without an expected version (the import fills it, from the batch's own earlier lines).</summary>
    private static IEnumerable<string> RecordLines(Guid fileId, Guid record, Guid subject) =>
    [
        IdempotencyTests.Line("acquire-record", Acquisition(fileId, recordId: record) with
        {
            DataSubjectId = subject, PersonalData = [new PersonalData(subject, PersonalDataKind.Name, "浦安 花子"), new PersonalData(subject, PersonalDataKind.Address, "浦安市猫実一丁目1番1号")],
        }),
        IdempotencyTests.Line("use-record-outside-purpose", InternalUse(record, 1) with { ExpectedVersion = null }),
        IdempotencyTests.Line("provide-record", ProvisionToMayor(record, 1) with { ExpectedVersion = null }),
    ];

    [Fact]
    public async Task a_batch_import_writes_the_events_documents_and_chain_that_the_line_by_line_import_writes()
    {
        var (fileId, _) = await _ledger.Record();
        var pairs = Enumerable.Range(0, 12).Select(_ => (Batched: (Record: Guid.NewGuid(), Subject: Guid.NewGuid()), Alone: (Record: Guid.NewGuid(), Subject: Guid.NewGuid()))).ToList();
        string File(Func<((Guid Record, Guid Subject) Batched, (Guid Record, Guid Subject) Alone), (Guid Record, Guid Subject)> side) =>
            string.Join("\n", pairs.SelectMany(p => RecordLines(fileId, side(p).Record, side(p).Subject))) + "\n";

        var batched = await (await Importer(batchSize: 10)).Import(new StringReader(File(p => p.Batched)));
        var alone = await (await Importer(batchSize: 1)).Import(new StringReader(File(p => p.Alone)));

        batched.Refused.ShouldBeEmpty();
        (batched.Lines, batched.Appended, batched.EventsAppended, batched.AlreadyRecorded).ShouldBe((36, 36, 36, 0));
        (alone.Lines, alone.Appended, alone.EventsAppended, alone.AlreadyRecorded).ShouldBe((batched.Lines, batched.Appended, batched.EventsAppended, 0));
        await using var session = fixture.Store.TenantQuerySession();
        foreach (var (b, a) in pairs)
        {
            var batchedEvents = await session.Events.FetchStreamAsync(b.Record);
            var aloneEvents = await session.Events.FetchStreamAsync(a.Record);
            batchedEvents.Select(e => (e.Version, e.EventTypeName)).ShouldBe(aloneEvents.Select(e => (e.Version, e.EventTypeName)));
            for (var i = 0; i < batchedEvents.Count; i++)
                Comparable(batchedEvents[i].Data, a, b).ShouldBe(Comparable(aloneEvents[i].Data, a, b), $"event {i + 1} of record {b.Record}");
            Comparable((await session.LoadAsync<RetainedRecord>(b.Record))!, a, b).ShouldBe(Comparable((await session.LoadAsync<RetainedRecord>(a.Record))!, a, b));
            // The personal data opened with the keys the batch created in its transaction.
            ((RecordAcquired)batchedEvents[0].Data).PersonalData.Select(d => d.Value).ShouldBe(["浦安 花子", "浦安市猫実一丁目1番1号"]);
            (await session.AdvancedSql.QueryAsync<long>("select count(*) from auditledger.ledger_chain where stream_id = ?", CancellationToken.None, b.Record)).Single().ShouldBe(3);
        }
        var report = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        report.Ok.ShouldBeTrue(report.Summary);

        // Imported again: every line answered by its key, nothing appended.
        var again = await (await Importer(batchSize: 10)).Import(new StringReader(File(p => p.Batched)));
        (again.Appended, again.AlreadyRecorded, again.EventsAppended, again.Refused.Count).ShouldBe((36, 36, 36, 0));
        foreach (var (b, _) in pairs) (await _ledger.Stored(b.Record)).ShouldBe((3L, 3));
    }

    [Fact]
    public async Task a_batch_the_database_refuses_is_redone_line_by_line_with_the_summary_and_refusals_of_the_line_by_line_import()
    {
        var (fileId, existing) = await _ledger.Record();
        var unknown = Guid.NewGuid();
        string File(Guid first, Guid second) => string.Join("\n",
        [
            .. RecordLines(fileId, first, Guid.NewGuid()),
            // A stream id already taken: decided as a new record, refused by the database's unique stream id at the write.
            IdempotencyTests.Line("acquire-record", Acquisition(fileId, recordId: existing)),
            // Refused by the domain (no such record) and as unreadable input: answered without the database's help.
            IdempotencyTests.Line("use-record-outside-purpose", InternalUse(unknown, 1)),
            "{\"command\": \"acquire-record\", \"fileId\": ",
            .. RecordLines(fileId, second, Guid.NewGuid()),
        ]) + "\n";

        var batched = await (await Importer(batchSize: 50)).Import(new StringReader(File(Guid.NewGuid(), Guid.NewGuid())));
        var alone = await (await Importer(batchSize: 1)).Import(new StringReader(File(Guid.NewGuid(), Guid.NewGuid())));

        (batched.Lines, batched.Appended, batched.EventsAppended, batched.AlreadyRecorded, batched.Retries).ShouldBe((9, 6, 6, 0, 0));
        (alone.Lines, alone.Appended, alone.EventsAppended, alone.AlreadyRecorded, alone.Retries).ShouldBe((9, 6, 6, 0, 0));
        batched.Refused.Select(r => (r.Line, r.Command, r.Code)).ShouldBe(alone.Refused.Select(r => (r.Line, r.Command, r.Code)));
        batched.Refused.Select(r => r.Reason).ShouldBe(alone.Refused.Select(r => r.Reason));
        batched.Refused.Select(r => r.Line).ShouldBe([4, 5, 6]);
        (await _ledger.Stored(existing)).ShouldBe((1L, 1));
    }

    /// <summary>The event or document as JSON, with the other side's ids in place of this side's and what differs by nature left out (correlation ids, the import line named by its file's digest).</summary>
    private static string Comparable(object value, (Guid Record, Guid Subject) alone, (Guid Record, Guid Subject) batched)
    {
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), LedgerJson.Options)!;
        Strip(node);
        return node.ToJsonString().Replace(batched.Record.ToString(), alone.Record.ToString()).Replace(batched.Subject.ToString(), alone.Subject.ToString());
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Where(p => p.Key is "correlationId" || p.Value is JsonValue v && v.TryGetValue<string>(out var text) && text.Contains("import-"))
                             .Select(p => p.Key).ToList()) o.Remove(name);
                foreach (var (_, child) in o.ToList()) Strip(child);
                break;
            case JsonArray a:
                foreach (var child in a) Strip(child);
                break;
        }
    }
}
