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

    public static Task<AppendResult> Handle(EraseRecord command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

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
