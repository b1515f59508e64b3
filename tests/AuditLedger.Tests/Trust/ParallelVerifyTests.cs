namespace AuditLedger.Tests.Trust;

using AuditLedger.Host.Configuration;
using AuditLedger.Host.Trust;
using AuditLedger.Tests.Support;
using Npgsql;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The parallel verify (issue 13 item 6): ranges read on their own and merged back in sequence order must name the same
/// first bad event, and the same problems, as one pass over the store, wherever a range boundary falls: just before the
/// tampered row, just after it, or around each event of its stream (every link crossing a boundary). The tampering is done
/// inside a transaction that is rolled back, as in <see cref="TamperEvidenceTests"/>; the ranges are read on that
/// transaction one after another (<see cref="LedgerVerifier.VerifyInRangesAsync"/>), the same range code and merge as the
/// workers of an exported snapshot.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class ParallelVerifyTests(LedgerFixture fixture)
{
    private const string S = LedgerConfiguration.SchemaName;
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>Two records of four events each, appended in turns so that their streams interleave, sealed; answers the first record's sequence numbers by version.</summary>
    private async Task<long[]> SealedRecords()
    {
        var (_, first) = await _ledger.Record();
        var (_, second) = await _ledger.Record();
        for (var n = 1; n <= 3; n++)
        {
            await _ledger.Send(InternalUse(first, n));
            await _ledger.Send(InternalUse(second, n));
        }
        (await fixture.Sealer.SealAsync(everything: true, CancellationToken.None)).Detail.ShouldNotStartWith("refused");
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select seq_id from {S}.mt_events where stream_id = $1 order by version", connection) { Parameters = { new() { Value = first } } };
        var list = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetInt64(0));
        return [.. list];
    }

    /// <summary>Tampers in a transaction, verifies in one pass and then in ranges cut at each of <paramref name="cutSets"/>, and rolls back.</summary>
    private async Task SameFindings(string sql, params long[][] cutSets)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var owner = $"alter table {S}.mt_events disable trigger auditledger_events_append_only; alter table {S}.mt_events disable trigger auditledger_events_no_truncate;";
        await using (var tamper = new NpgsqlCommand(owner + sql, connection, transaction)) await tamper.ExecuteNonQueryAsync();
        var single = await fixture.Verifier.VerifyAsync(connection, transaction, null, CancellationToken.None);
        single.Ok.ShouldBeFalse(sql);
        foreach (var cuts in cutSets)
        {
            var ranged = await fixture.Verifier.VerifyInRangesAsync(connection, transaction, null, cuts, CancellationToken.None);
            var where = $"{sql} cut after {string.Join(", ", cuts)}";
            ranged.FirstProblem.ShouldBe(single.FirstProblem, where);
            ranged.Problems.Select(Finding).ShouldBe(single.Problems.Select(Finding), where);
            ranged.ProblemCount.ShouldBe(single.ProblemCount, where);
            (ranged.Events, ranged.ChainRecords, ranged.Streams, ranged.CheckpointsChecked).ShouldBe((single.Events, single.ChainRecords, single.Streams, single.CheckpointsChecked), where);
        }
        await transaction.RollbackAsync();
    }

    // A checkpoint's detail quotes the root re-derived; past a tampered event in an earlier range a range continues from the
    // recorded hash, so that root may differ while the finding (which checkpoint fails) is the same.
    private static (string, long?, Guid?, long?, Guid?, string?) Finding(VerificationProblem p) =>
        (p.Kind, p.Sequence, p.StreamId, p.Version, p.EventId, p.Kind == TamperKind.Checkpoint ? null : p.Detail);

    /// <summary>Range boundaries just before and just after the position, and around every event of the stream.</summary>
    private static long[][] Around(long position, long[] stream) => [[position - 1], [position], [.. stream.SelectMany(s => new[] { s - 1, s })]];

    [Fact]
    public async Task an_edited_event_at_a_range_boundary_is_named_as_by_one_pass()
    {
        var seq = await SealedRecords();
        await SameFindings($$"""update {{S}}.mt_events set data = data || '{"Extra": 1}' where seq_id = {{seq[2]}}""", Around(seq[2], seq));
    }

    [Fact]
    public async Task a_deleted_event_at_a_range_boundary_is_named_as_by_one_pass()
    {
        var seq = await SealedRecords();
        await SameFindings($"delete from {S}.mt_events where seq_id = {seq[1]}", Around(seq[1], seq));
        // The orphan chain record gone too: the next event's predecessor link is missing across the boundary.
        await SameFindings($"delete from {S}.mt_events where seq_id = {seq[1]}; delete from {S}.ledger_chain where seq_id = {seq[1]}", Around(seq[1], seq));
    }

    [Fact]
    public async Task a_rewritten_chain_record_before_a_boundary_fails_its_successor_across_it_too()
    {
        var seq = await SealedRecords();
        await SameFindings($"update {S}.ledger_chain set hash = sha256(hash) where seq_id = {seq[1]}", Around(seq[1], seq));
    }

    [Fact]
    public async Task events_reordered_or_inserted_across_a_range_boundary_are_named_as_by_one_pass()
    {
        var seq = await SealedRecords();
        await SameFindings($"""
            update {S}.mt_events set version = -3 where seq_id = {seq[2]};
            update {S}.mt_events set version = 3 where seq_id = {seq[3]};
            update {S}.mt_events set version = 4 where seq_id = {seq[2]};
            """, Around(seq[2], seq));
        await SameFindings($"""
            update {S}.mt_events set seq_id = -{seq[1]} where seq_id = {seq[1]};
            update {S}.mt_events set seq_id = {seq[1]} where seq_id = {seq[3]};
            update {S}.mt_events set seq_id = {seq[3]} where seq_id = -{seq[1]};
            """, Around(seq[1], seq));
        await SameFindings($"""
            set local session_replication_role = replica;
            insert into {S}.mt_events (seq_id, id, stream_id, version, data, type, "timestamp", tenant_id, mt_dotnet_type, correlation_id, is_archived)
            select nextval('{S}.mt_events_sequence'), gen_random_uuid(), stream_id, 5, data, type, "timestamp", tenant_id, mt_dotnet_type, correlation_id, false
            from {S}.mt_events where seq_id = {seq[1]};
            """, [seq[3]], [.. seq]);
    }

    [Fact]
    public async Task parallel_workers_over_one_snapshot_agree_with_one_pass_on_an_untouched_ledger()
    {
        await SealedRecords();
        var single = await fixture.Verifier.VerifyAsync(null, CancellationToken.None, workers: 1);
        var parallel = await fixture.Verifier.VerifyAsync(null, CancellationToken.None, workers: 4);
        single.Ok.ShouldBeTrue(single.Summary);
        parallel.Ok.ShouldBeTrue(parallel.Summary);
        (parallel.Events, parallel.ChainRecords, parallel.Streams, parallel.CheckpointsChecked, parallel.SealedEvents)
            .ShouldBe((single.Events, single.ChainRecords, single.Streams, single.CheckpointsChecked, single.SealedEvents));
    }
}
