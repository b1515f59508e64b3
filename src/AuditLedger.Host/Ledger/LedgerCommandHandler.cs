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
    // ---- personal information files ----

    public static AppendResult Handle(RegisterFile command, IDocumentSession session, TimeProvider time)
    {
        var id = LedgerAppender.NewStreamId(command.FileId, time);
        return LedgerAppender.Start<PersonalInformationFile>(session, command, id, command.Decide(id, time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(AmendFile command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(ExemptFileFromPublication command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(WithholdFileItemsFromPublication command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(RetireFile command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    /// <summary>
    /// 保存期間を経過した保有個人情報の廃棄: every record of the file past retention (Japan date of the injected clock) gets its own
    /// RecordErased and loses its stream keys, in one transaction with the file's FileRecordsDisposed; records a case still
    /// needs are kept and listed with the reason. See <see cref="DisposeFileRecords"/>.
    /// </summary>
    public static async Task<AppendResult> Handle(DisposeFileRecords command, IDocumentSession session, TimeProvider time, Erasure.SubjectKeyStore keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await Erasure.RecordHolds.DisposalDue(session, command.FileId, JapanDate.Of(now), ct);
        var records = (await session.LoadManyAsync<RetainedRecord>(ct, [.. due.Select(d => d.Due.RecordId)])).ToDictionary(r => r.Id);
        var inRun = records.Keys.ToHashSet();
        var held = await Erasure.RecordHolds.HeldRecordsOf(session, [.. records.Values.Select(r => r.DataSubjectId)], ct);
        var personWide = records.Values.Select(r => r.DataSubjectId).Distinct().ToDictionary(s => s, s => keys.Find(s) is not null);
        DisposalOutcome outcome = null!;
        var result = await LedgerAppender.Append<PersonalInformationFile>(session, command, file =>
        {
            outcome = command.Decide(file, [.. due.Select(d => (d.Due, records[d.Due.RecordId]))],
                record => ([.. held[record.DataSubjectId].Where(r => !inRun.Contains(r.Id))], personWide[record.DataSubjectId]), now);
            return [outcome.Run];
        }, ct);
        foreach (var (record, plan, erased) in outcome.Disposed)
        {
            session.Events.Append(record.Id, record.Version + 1, erased);
            Erasure.KeyDestruction.Queue(session, keys, record.DataSubjectId, plan);
        }
        return result;
    }
}
