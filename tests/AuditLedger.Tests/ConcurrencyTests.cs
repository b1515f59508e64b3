namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Ledger;
using AuditLedger.Tests.Support;
using Marten;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>Concurrent writers on one stream: no lost or duplicated versions, conflicts surfaced, never merged.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ConcurrencyTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>How many writers race on one stream in these tests.</summary>
    private const int N = 8;

    [Fact]
    public async Task of_N_writers_deciding_on_the_same_version_exactly_one_is_appended_and_the_others_get_409_with_nothing_appended()
    {
        var (_, record) = await _ledger.Record();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, N).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _ledger.Send(InternalUse(record, 1));
                return "appended";
            }
            catch (Exception e) when (IsConflict(e))
            {
                return "conflict";
            }
        })));

        outcomes.Count(o => o == "appended").ShouldBe(1);
        outcomes.Count(o => o == "conflict").ShouldBe(N - 1);
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task N_writers_that_reread_after_a_conflict_all_land_with_exactly_one_winner_per_version()
    {
        var (_, record) = await _ledger.Record();
        var winners = new System.Collections.Concurrent.ConcurrentBag<long>();
        var losers = new System.Collections.Concurrent.ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, N).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var version = (await _ledger.Stored(record)).Version;
                try
                {
                    var result = await _ledger.Send(InternalUse(record, version));
                    result.Version.ShouldBe(version + 1);
                    winners.Add(version);
                    return;
                }
                catch (Exception e) when (IsConflict(e))
                {
                    losers.Add(version);
                }
            }
        })));

        // Each version from 1 to N was decided on by exactly one winner; every loser lost to a winner of its version.
        winners.Order().ShouldBe(Enumerable.Range(1, N).Select(v => (long)v));
        losers.ShouldAllBe(v => v >= 1 && v <= N);
        await using var session = fixture.Store.TenantQuerySession();
        var versions = (await session.Events.FetchStreamAsync(record)).Select(e => e.Version).ToList();
        versions.ShouldBe(Enumerable.Range(1, N + 1).Select(v => (long)v).ToList());
        (await _ledger.Load<AuditLedger.Domain.Records.RetainedRecord>(record))!.PurposeExternalUses.ShouldBe(N);
    }

    [Fact]
    public async Task N_writers_with_one_idempotency_key_on_one_stream_append_once_and_each_gets_that_result()
    {
        var (_, record) = await _ledger.Record();
        var command = InternalUse(record, 1) with { IdempotencyKey = $"concurrency-{Guid.NewGuid()}" };
        var principal = await fixture.User(command.StaffId);
        var commands = _ledger.Commands;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, N).Select(_ => Task.Run(() => commands.AppendOnce(command, principal, null, null, default))));

        outcomes.Select(o => (o.Result.StreamId, o.Result.Version)).Distinct().ShouldHaveSingleItem().ShouldBe((record, 2L));
        outcomes.Count(o => !o.AlreadyRecorded).ShouldBeLessThanOrEqualTo(1);
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    /// <summary>A 409 that says nothing was appended.</summary>
    private static bool IsConflict(Exception e) =>
        AuditLedger.Host.Http.ProblemMapping.ToProblem(e) is { Status: 409 } problem && problem.Extensions["appended"] is 0;
}
