namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using Marten;

/// <summary>
/// Wolverine handlers, one per command. Each loads what the decision needs, and the domain decides;
/// Wolverine's Marten transaction commits the events, or nothing when the command is refused.
/// </summary>
public static class LedgerCommandHandler
{
    // ---- retained records ----

    public static async Task<AppendResult> Handle(AcquireRecord command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var file = await session.LoadAsync<PersonalInformationFile>(command.FileId, ct);
        var id = LedgerAppender.NewStreamId(command.RecordId, time);
        return LedgerAppender.Start<RetainedRecord>(session, command, id, command.Decide(id, file, time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(ChangeRecordPurpose command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(UseRecordOutsidePurpose command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(ProvideRecord command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(CorrectRecord command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(SuspendRecordUse command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(StopRecordProvision command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    /// <summary>
    /// Erasure by crypto-shredding: appends RecordErased and, in the same transaction, deletes the data keys the domain's
    /// <see cref="ErasureScope"/> names: the record's stream keys alone, or (an Art. 40 decision covering all) every
    /// record of the person erased and every key of the person destroyed. Every value sealed under those keys reads as
    /// erased from then on while the stored events stay unchanged.
    /// </summary>
    public static async Task<AppendResult> Handle(EraseRecord command, IDocumentSession session, TimeProvider time, Erasure.SubjectKeyStore keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        RetainedRecord erased = null!;
        var result = await LedgerAppender.Append<RetainedRecord>(session, command, record =>
        {
            erased = record;
            return command.Decide(record, now);
        }, ct);
        var subject = erased.DataSubjectId;
        var others = (await Erasure.RecordHolds.HeldRecordsOf(session, [subject], ct))[subject].Where(r => r.Id != erased.Id).ToList();
        var holds = await Erasure.RecordHolds.For(session, [.. others.Select(r => r.Id).Prepend(erased.Id)], ct);
        var plan = ErasureScope.Decide(command, erased, others, holds, keys.Find(subject) is not null);
        foreach (var other in others.Where(o => plan.RecordIds.Contains(o.Id)))
            // The key, if any, is recorded once, with the result of the record the command names.
            await LedgerAppender.Append(session, command with { RecordId = other.Id, ExpectedVersion = other.Version, IdempotencyKey = null }, now, ct);
        Erasure.KeyDestruction.Queue(session, keys, subject, plan);
        return result;
    }

    // ---- leak incidents ----

    public static async Task<AppendResult> Handle(ReportLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var records = await session.LoadManyAsync<RetainedRecord>(ct, command.AffectedRecordIds.Distinct().ToArray());
        var id = LedgerAppender.NewStreamId(command.IncidentId, time);
        return LedgerAppender.Start<LeakIncident>(session, command, id, command.Decide(id, [.. records], time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(AssessLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(NotifyAffectedPerson command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(ApplyNotificationExemption command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(TakeIncidentMeasure command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(CloseLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);
}
