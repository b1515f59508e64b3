namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using Marten;

/// <summary>
/// Runs a decided command against the store: loads the state it needs, lets the pure domain decide, and appends.
/// The caller's transaction (Wolverine's Marten middleware) commits; a refusal throws before anything is appended.
/// </summary>
public static class LedgerAppender
{
    /// <summary>A command on an existing stream, checked against the version the caller saw.</summary>
    public static Task<AppendResult> Append<TState>(IDocumentSession session, IStreamDecision<TState> command, DateTimeOffset now, CancellationToken ct)
        where TState : class, IStreamState =>
        Append<TState>(session, (StreamCommand)command, state => command.Decide(state, now), ct);

    /// <summary>A command on an existing stream whose decision needs more than the stream's state (a profile, another stream's state).</summary>
    public static async Task<AppendResult> Append<TState>(IDocumentSession session, StreamCommand command, Func<TState, IReadOnlyList<ILedgerEvent>> decide, CancellationToken ct)
        where TState : class, IStreamState
    {
        var stream = await session.Events.FetchForWriting<TState>(command.StreamId, ct);
        if (stream.Aggregate is null) throw new StreamNotFound(StreamKind<TState>(), command.StreamId);
        if (stream.CurrentVersion != command.ExpectedVersion)
            throw new StreamVersionConflict(StreamKind<TState>(), command.StreamId, stream.CurrentVersion ?? 0, command.ExpectedVersion);
        var events = decide(stream.Aggregate);
        var versionAfter = command.ExpectedVersion!.Value + events.Count;
        stream.AppendMany(events.Cast<object>().ToArray());
        return Result(session, command, command.StreamId, versionAfter, events);
    }

    public static AppendResult Start<TState>(IDocumentSession session, LedgerCommand command, Guid id, IReadOnlyList<ILedgerEvent> events) where TState : class
    {
        session.Events.StartStream<TState>(id, events.Cast<object>().ToArray());
        return Result(session, command, id, events.Count, events);
    }

    /// <summary>The result of events already put on the session (a handler that appends by itself), with the command's idempotency key.</summary>
    public static AppendResult Started(IDocumentSession session, LedgerCommand command, Guid id, long version, IReadOnlyList<ILedgerEvent> events) =>
        Result(session, command, id, version, events);

    public static Guid NewStreamId(Guid? requested, TimeProvider time) => requested is { } id && id != Guid.Empty ? id : Guid.CreateVersion7(time.GetUtcNow());

    public static string StreamKind<TState>() => StreamKind(typeof(TState).Name);

    /// <summary>How a kind of stream is named in messages, from its state's name.</summary>
    public static string StreamKind(string stateName) => stateName switch
    {
        nameof(PersonalInformationFile) => "personal information file (個人情報ファイル)",
        nameof(RetainedRecord) => "retained record (保有個人情報)",
        nameof(LeakIncident) => "leak incident (漏えい等事案)",
        nameof(RequestCase) => "request case (開示・訂正・利用停止請求事案)",
        nameof(ReviewCase) => "review case (審査請求事案)",
        nameof(Domain.BusinessOversight.OversightCase) => "business-oversight case (事業者調査事案)",
        nameof(Domain.Access.DirectoryUser) => "user of the directory (利用者台帳)",
        var other => other,
    };

    /// <summary>The result, and the command's idempotency key stored with it in the same transaction as the events.</summary>
    private static AppendResult Result(IDocumentSession session, LedgerCommand command, Guid id, long version, IReadOnlyList<ILedgerEvent> events)
    {
        session.CorrelationId = events[0].Context.CorrelationId.ToString();
        var result = new AppendResult(id, version, [.. events.Select(e => e.GetType().Name)]);
        IdempotencyKeys.Record(session, command, result, events[0].Context.RecordedAt);
        return result;
    }
}
