namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using AuditLedger.Host.Ledger;
using AuditLedger.Projections.Activity;
using AuditLedger.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>The async daemon runs in HotCold mode (with advisory-lock transactions, which DistributedLock.Postgres 1.3.1 needs for its leadership lock) and builds the async projections.</summary>
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
        // 23:30 JST is still that day in Japan. A business day no other test uses (other tests' commands fall on fixed days of
        // 2025), so that its counts are this test's alone.
        var day = new DateTimeOffset(2011 + Random.Shared.Next(8), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(27), 23, 30, 0, TimeSpan.FromHours(9));
        var file = (await _ledger.Send(Registration() with { OccurredAt = day.AddDays(-2) })).StreamId;
        var record = (await _ledger.Send(Acquisition(file) with { OccurredAt = day.AddDays(-1) })).StreamId;
        await _ledger.Send(InternalUse(record, 1) with { OccurredAt = day });
        await _ledger.Send(ProvisionToMayor(record, 2) with { OccurredAt = day });
        await _ledger.Send(ProvisionToMayor(record, 3) with { OccurredAt = day.AddHours(1) });  // 00:30 on the 18th

        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        await using var session = fixture.Store.TenantQuerySession();
        var sameDay = await session.LoadAsync<DailyActivity>(DailyActivityProjection.BusinessDay(day));
        sameDay.ShouldNotBeNull();
        sameDay.Id.ShouldBe(day.ToString("yyyy-MM-dd"));
        sameDay.Counts["record_used_outside_purpose"].ShouldBe(1);
        sameDay.Counts["record_provided"].ShouldBe(1);
        (await session.LoadAsync<DailyActivity>(day.AddDays(1).ToString("yyyy-MM-dd")))!.Counts["record_provided"].ShouldBe(1);
    }

    /// <summary>
    /// Two service instances on one database (the fixture and a second host): in HotCold mode exactly one runs the async
    /// projections, nothing is counted twice though both append, and when the running one stops the other takes over.
    /// </summary>
    [Fact]
    public async Task two_instances_share_the_async_work_one_runs_it_the_other_takes_over_and_nothing_is_counted_twice()
    {
        var second = new WebApplicationFactory<Program>().WithWebHostBuilder(b => LedgerFixture.UseTestLedger(b, fixture.Clock));
        var instances = new[] { fixture.Services, second.Services };
        var coordinators = instances.Select(s => s.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()).ToArray();
        int[] Running() => [.. coordinators.Select(c => c.DaemonForDatabase(AuditLedger.Host.Tenancy.TenantPlacement.MainDatabase).AsTask().GetAwaiter().GetResult().CurrentAgents().Count(a => a.Name.Name == nameof(DailyActivity)))];
        var stopped = -1;
        try
        {
            var running = await Eventually(() => Running() is [var a, var b] && a + b == 1 ? Array.IndexOf(Running(), 1) : -1);

            // A business day no other test uses, so that its counts are this test's alone.
            var day = new DateTimeOffset(2011 + Random.Shared.Next(8), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28), 10, 0, 0, TimeSpan.FromHours(9));
            var buses = instances.Select(s => s.GetRequiredService<IMessageBus>()).ToArray();
            var file = (await buses[0].InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await fixture.AsItsStaff(Registration() with { OccurredAt = day }))).StreamId;
            async Task Acquire(int records)
            {
                var acquired = await Task.WhenAll(Enumerable.Range(0, records).Select(async i =>
                    await buses[i % 2].InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await fixture.AsItsStaff(Acquisition(file) with { OccurredAt = day }))));
                await Task.WhenAll(acquired.Select(async (r, i) => await buses[(i + 1) % 2].InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await fixture.AsItsStaff(InternalUse(r.StreamId, 1) with { OccurredAt = day }))));
            }
            // Waits until the day's count reaches what was appended (commits from two instances interleave, so the daemon
            // may pass a gap first), then a little longer, so that an event counted twice would show.
            async Task<DailyActivity> Counted(int total)
            {
                async Task<DailyActivity?> Load()
                {
                    await using var session = fixture.Store.TenantQuerySession();
                    return await session.LoadAsync<DailyActivity>(DailyActivityProjection.BusinessDay(day));
                }
                var until = DateTime.UtcNow.AddSeconds(90);
                while (DateTime.UtcNow < until && ((await Load())?.Total ?? 0) < total) await Task.Delay(250);
                await Task.Delay(TimeSpan.FromSeconds(3));
                return (await Load())!;
            }

            await Acquire(10);
            var counted = await Counted(21);
            counted.Counts["record_acquired"].ShouldBe(10);
            counted.Counts["record_used_outside_purpose"].ShouldBe(10);
            counted.Total.ShouldBe(21);

            // The instance running the daemon stops (releasing its lock); the other takes the work over.
            await ((IHostedService)coordinators[running]).StopAsync(CancellationToken.None);
            stopped = running;
            await Eventually(() => Running()[1 - running] == 1 ? 1 : -1);
            await Acquire(5);
            counted = await Counted(31);
            counted.Counts["record_acquired"].ShouldBe(15);
            counted.Counts["record_used_outside_purpose"].ShouldBe(15);
            counted.Total.ShouldBe(31);
        }
        finally
        {
            if (stopped == 0) await coordinators[0].ResumeAsync();
            await second.DisposeAsync();
            // The fixture runs the daemon again for the other tests.
            await Eventually(() => Running()[0] == 1 ? 1 : -1);
        }
    }

    /// <summary>Polls until the probe gives a non-negative answer (the daemon's leadership is polled every few seconds).</summary>
    private static async Task<int> Eventually(Func<int> probe)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var answer = probe();
            if (answer >= 0) return answer;
            if (DateTime.UtcNow > until) throw new TimeoutException("The daemons did not settle within 90 seconds.");
            await Task.Delay(250);
        }
    }
}
