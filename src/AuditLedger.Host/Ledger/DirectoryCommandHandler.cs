namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Access;
using AuditLedger.Domain.Law;
using Marten;

/// <summary>Wolverine handlers of the user directory: one stream per user, decided by the domain, appended in the handler's transaction.</summary>
public static class DirectoryCommandHandler
{
    public static async Task<AppendResult> Handle(AddUser command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var existing = await session.LoadAsync<DirectoryUser>(command.StreamId, ct);
        return LedgerAppender.Start<DirectoryUser>(session, command, command.StreamId, command.Decide(existing, time.GetUtcNow()));
    }

    public static async Task<AppendResult> Handle(DisableUser command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<DirectoryUser>(command.StreamId, ct);
        var events = command.Decide(stream.Aggregate, time.GetUtcNow());
        stream.AppendMany(events.Cast<object>().ToArray());
        return LedgerAppender.Started(session, command, command.StreamId, (stream.CurrentVersion ?? 0) + events.Count, events);
    }
}
