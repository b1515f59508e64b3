namespace AuditLedger.Tests;

using AuditLedger.Projections.Activity;
using AuditLedger.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>The async daemon runs in HotCold mode (STACK.md fix 1: advisory-lock transaction) and builds the async projections.</summary>
[Collection(LedgerCollection.Name)]
public sealed class AsyncDaemonTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    [Fact]
    public void the_service_runs_the_daemon_in_hot_cold_mode_with_the_advisory_lock_transaction()
    {
        var options = (StoreOptions)fixture.Store.Options;
        options.Events.UseAdvisoryLockTransaction.ShouldBeTrue();
        options.Projections.AsyncMode.ShouldBe(DaemonMode.HotCold);
    }

    [Fact]
    public async Task the_hot_cold_daemon_builds_daily_activity_from_the_events_of_that_business_day()
    {
        var day = new DateTimeOffset(2025, 6, 17, 23, 30, 0, TimeSpan.FromHours(9));   // 23:30 JST is still the 17th in Japan
        var (_, record) = await _ledger.Record();
        await _ledger.Send(InternalUse(record, 1) with { OccurredAt = day });
        await _ledger.Send(ProvisionToMayor(record, 2) with { OccurredAt = day });
        await _ledger.Send(ProvisionToMayor(record, 3) with { OccurredAt = day.AddHours(1) });  // 00:30 on the 18th

        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        await using var session = fixture.Store.QuerySession();
        var seventeenth = await session.LoadAsync<DailyActivity>("2025-06-17");
        seventeenth.ShouldNotBeNull();
        seventeenth.Counts["record_used_outside_purpose"].ShouldBe(1);
        seventeenth.Counts["record_provided"].ShouldBe(1);
        (await session.LoadAsync<DailyActivity>("2025-06-18"))!.Counts["record_provided"].ShouldBe(1);
    }
}
