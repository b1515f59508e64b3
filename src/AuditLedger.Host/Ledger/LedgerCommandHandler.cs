namespace AuditLedger.Host.Ledger;

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

    public static AppendResult Handle(RegisterPersonalInformationFile command, IDocumentSession session, TimeProvider time)
    {
        command.Validate();
        var id = LedgerAppender.NewStreamId(command.FileId, time);
        return LedgerAppender.Start<PersonalInformationFile>(session, command, id, command.Decide(id, time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(AmendPersonalInformationFile command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(ExemptFileFromPublication command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(WithholdFileItemsFromPublication command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(RetirePersonalInformationFile command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    // ---- retained records ----

    public static async Task<AppendResult> Handle(RecordAcquisition command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        command.Validate();
        var file = await session.LoadAsync<PersonalInformationFile>(command.FileId, ct);
        var id = LedgerAppender.NewStreamId(command.RecordId, time);
        return LedgerAppender.Start<RetainedRecord>(session, command, id, command.Decide(id, file, time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(ChangeRecordPurpose command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(RecordPurposeExternalUse command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(RecordProvision command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(RecordCorrection command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(SuspendRecordUse command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(StopRecordProvision command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    /// <summary>
    /// Erasure by crypto-shredding: appends RecordErased and, in the same transaction, deletes the person's data key, so
    /// every value ever sealed for the person reads as erased from then on while the stored events stay unchanged.
    /// The key is the person's, not the record's: see <see cref="EraseRecord.EraseAllHeldRecordsOfThePerson"/>.
    /// </summary>
    public static async Task<AppendResult> Handle(EraseRecord command, IDocumentSession session, TimeProvider time, Erasure.SubjectKeyStore keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var subject = Guid.Empty;
        var result = await LedgerAppender.Append<RetainedRecord>(session, command, record =>
        {
            subject = record.DataSubjectId;
            return command.Decide(record, now);
        }, ct);
        var others = await session.Query<RetainedRecord>()
            .Where(r => r.DataSubjectId == subject && r.Id != command.RecordId && r.Status != RecordStatus.Erased)
            .OrderBy(r => r.AcquiredAt)
            .ToListAsync(ct);
        if (others.Count > 0 && !command.EraseAllHeldRecordsOfThePerson)
            throw new Domain.Law.LedgerRuleViolation(Domain.Law.Rules.ErasureWouldShredOtherRecords,
                $"Other held records of the same person: {string.Join(", ", others.Select(r => r.Id))}.");
        foreach (var other in others)
            await LedgerAppender.Append(session, command with { RecordId = other.Id, ExpectedVersion = other.Version }, now, ct);
        session.QueueSqlCommand(Erasure.SubjectKeyStore.DestroySql, subject);
        keys.Forget(subject);
        return result;
    }

    // ---- leak incidents ----

    public static async Task<AppendResult> Handle(ReportLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        command.Validate();
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

    public static Task<AppendResult> Handle(RecordIncidentMeasure command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    public static Task<AppendResult> Handle(CloseLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);
}
