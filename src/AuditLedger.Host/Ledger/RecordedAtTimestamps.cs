namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Common;
using Marten;
using Marten.Services;

/// <summary>
/// One instant, stored once: before a session commits, every ledger event's stored timestamp (Marten's <c>timestamp</c>
/// column, which the auditors' replay reads as "recorded at") is set to its context's <see cref="EventContext.RecordedAt"/>.
/// Without it Marten stamps the event from the clock again at commit, a little later (27 µs to 47 ms measured), so that a
/// replay as of an event's own recordedAt said "not recorded yet". Marten writes a timestamp set on a pending event as is.
/// </summary>
public sealed class RecordedAtTimestamps : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
            foreach (var e in stream.Events)
                if (e.Data is ILedgerEvent ledgerEvent)
                    e.Timestamp = ledgerEvent.Context.RecordedAt;
        return Task.CompletedTask;
    }
}
