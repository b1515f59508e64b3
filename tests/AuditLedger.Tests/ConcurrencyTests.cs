namespace AuditLedger.Tests;

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

    [Fact]
    public async Task of_eight_writers_deciding_on_the_same_version_exactly_one_is_appended_and_seven_get_a_conflict()
    {
        var (_, record) = await _ledger.Record();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
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
        }));

        outcomes.Count(o => o == "appended").ShouldBe(1);
        outcomes.Count(o => o == "conflict").ShouldBe(7);
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task eight_writers_that_reread_after_a_conflict_all_land_with_contiguous_versions()
    {
        var (_, record) = await _ledger.Record();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (true)
            {
                var version = (await _ledger.Stored(record)).Version;
                try
                {
                    await _ledger.Send(InternalUse(record, version));
                    return;
                }
                catch (Exception e) when (IsConflict(e))
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }));

        await using var session = fixture.Store.QuerySession();
        var versions = (await session.Events.FetchStreamAsync(record)).Select(e => e.Version).ToList();
        versions.ShouldBe(Enumerable.Range(1, 9).Select(v => (long)v).ToList());
        (await _ledger.Load<AuditLedger.Domain.Records.RetainedRecord>(record))!.PurposeExternalUses.ShouldBe(8);
    }

    private static bool IsConflict(Exception e) =>
        AuditLedger.Host.Http.ProblemMapping.ToProblem(e) is { Status: 409 };
}
