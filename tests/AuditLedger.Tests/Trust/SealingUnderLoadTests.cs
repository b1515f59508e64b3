namespace AuditLedger.Tests.Trust;

using System.Diagnostics;
using AuditLedger.Host.Trust;
using AuditLedger.Projections.Register;
using AuditLedger.Tests.Support;
using Marten;
using Xunit.Abstractions;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>The chain and the seal hold with concurrent writers and sealing rounds, and after a projection rebuild.</summary>
[Collection(LedgerCollection.Name)]
public sealed class SealingUnderLoadTests(LedgerFixture fixture, ITestOutputHelper output)
{
    private readonly LedgerDriver _ledger = new(fixture);

    [Fact]
    public async Task concurrent_writers_while_sealing_rounds_run_leave_a_ledger_that_verifies_then_a_rebuild_changes_nothing()
    {
        const int writers = 8, perWriter = 12;
        using var stop = new CancellationTokenSource();
        var rounds = 0;
        // Sealing rounds as the background sealer runs them (a round of delay), back to back, during the writes.
        var sealing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await fixture.Sealer.SealAsync(everything: false, CancellationToken.None);
                result.Detail.ShouldNotStartWith("refused");
                rounds++;
                await Task.Delay(20);
            }
        });
        var clock = Stopwatch.StartNew();
        var appended = await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            var (_, record) = await _ledger.Record();
            for (var version = 1; version <= perWriter; version++) await _ledger.Send(InternalUse(record, version));
            return record;
        }));
        stop.Cancel();
        await sealing;
        output.WriteLine($"{writers} writers x {perWriter + 2} events in {clock.ElapsedMilliseconds} ms with {rounds} sealing rounds");

        (await fixture.Sealer.SealAsync(everything: true, CancellationToken.None)).Detail.ShouldNotStartWith("refused");
        var report = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        report.Ok.ShouldBeTrue(report.Summary);
        report.UnsealedEvents.ShouldBe(0);
        output.WriteLine(report.Summary);
        foreach (var record in appended) (await _ledger.Stored(record)).ShouldBe((perWriter + 1L, perWriter + 1));

        // A rebuild of a projection rewrites documents, never events: the same ledger verifies.
        using var daemon = await fixture.Store.BuildProjectionDaemonAsync(AuditLedger.Host.Tenancy.TenantPlacement.MainDatabase);
        await daemon.RebuildProjectionAsync("FileRegisterEntry", TimeSpan.FromMinutes(2), CancellationToken.None);
        var afterRebuild = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        afterRebuild.Ok.ShouldBeTrue(afterRebuild.Summary);
        afterRebuild.Events.ShouldBe(report.Events);
    }
}
