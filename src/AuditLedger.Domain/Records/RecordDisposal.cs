namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>A record past its file's retention period (保存期間): when it was acquired, from when it is due, and what still needs it.</summary>
/// <param name="AcquiredOn">Japan date of acquisition.</param>
/// <param name="DueOn">The first Japan date past retention (<see cref="RetentionPeriod.DisposalDueOn"/>).</param>
/// <param name="HeldBy">Cases that still need the record; it is not disposed of while any is listed.</param>
public sealed record DisposalDue(Guid RecordId, Guid FileId, Guid DataSubjectId, DateOnly AcquiredOn, DateOnly DueOn, RetentionPeriod Retention, IReadOnlyList<RecordHold> HeldBy);

/// <summary>A record past retention that a disposal left in place, and why (the rule's code and text).</summary>
public sealed record DisposalRefusal(Guid RecordId, string Code, string Reason);

/// <summary>
/// The file-level record of one disposal run (廃棄の記録): which records past retention were disposed of (each also has its
/// own <see cref="RecordErased"/>), and which were kept with the reason.
/// </summary>
public sealed record FileRecordsDisposed(Guid FileId, IReadOnlyList<Guid> Disposed, IReadOnlyList<DisposalRefusal> Kept, string Method, EventContext Context) : ILedgerEvent;

public static class RecordDisposal
{
    /// <summary>The file's records (held or suspended) past retention on the Japan date <paramref name="today"/>, oldest first. Pure.</summary>
    public static IReadOnlyList<DisposalDue> Due(PersonalInformationFile file, IEnumerable<RetainedRecord> records, IReadOnlyList<RecordHold> holds, DateOnly today)
    {
        if (file.Items.Retention is not { } retention) return [];
        return [.. records
            .Where(r => r.FileId == file.Id && r.Status != RecordStatus.Erased)
            .Select(r => (Record: r, AcquiredOn: JapanDate.Of(r.AcquiredAt)))
            .Select(x => (x.Record, x.AcquiredOn, DueOn: retention.DisposalDueOn(x.AcquiredOn)))
            .Where(x => x.DueOn is { } due && due <= today)
            .OrderBy(x => x.Record.AcquiredAt)
            .Select(x => new DisposalDue(x.Record.Id, file.Id, x.Record.DataSubjectId, x.AcquiredOn, x.DueOn!.Value, retention,
                [.. holds.Where(h => h.RecordId == x.Record.Id)]))];
    }
}

/// <summary>What one disposal run appends: each disposed record's erasure and the keys it destroys, and the file's record of the run.</summary>
public sealed record DisposalOutcome(IReadOnlyList<(RetainedRecord Record, ErasurePlan Plan, RecordErased Erased)> Disposed, FileRecordsDisposed Run);

/// <summary>
/// 保存期間を経過した保有個人情報の廃棄 (dispose-records): disposes of every record of the file past its retention period in one
/// command, each with its own <see cref="RecordErased"/> (reason <see cref="ErasureReason.NoLongerNeeded"/>) and the keys of its
/// stream destroyed in the same transaction (Art. 4(2); Nagareyama: 必要のなくなった個人情報は、確実かつ速やかに廃棄します).
/// A record a pending request or open incident still needs is kept and listed with the reason (Art. 9(1)); so is one whose
/// data shares a key with the person's other held records (<see cref="ErasureScope"/>). Refused when nothing can be disposed of.
/// </summary>
public sealed record DisposeFileRecords : StreamCommand
{
    public Guid FileId { get; init; }
    /// <summary>How the records are disposed of (e.g. データ消去ソフトによる上書き, 溶解処理).</summary>
    public string Method { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Method, nameof(Method), "廃棄の方法", "method of disposal");

    /// <param name="due">The file's records past retention (<see cref="RecordDisposal.Due"/>) with their states.</param>
    /// <param name="person">For a record: the person's other held records not in this run, and whether the person still has a key from before keys were per stream.</param>
    public DisposalOutcome Decide(PersonalInformationFile file, IReadOnlyList<(DisposalDue Due, RetainedRecord Record)> due,
        Func<RetainedRecord, (IReadOnlyList<RetainedRecord> OtherHeld, bool PersonWideKey)> person, DateTimeOffset now)
    {
        var ground = LegalGround.Of(Ordinance(4, 2), "保存期間を経過した保有個人情報の廃棄（流山市：必要のなくなった個人情報は、確実かつ速やかに廃棄） / disposal past the retention period");
        var context = ContextAt(now, ground);
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        var erasure = new EraseRecord { Reason = ErasureReason.NoLongerNeeded, Method = Method.Trim() };
        var disposed = new List<(RetainedRecord, ErasurePlan, RecordErased)>();
        var kept = new List<DisposalRefusal>();
        foreach (var (item, record) in due)
        {
            try
            {
                var (others, personWideKey) = person(record);
                var plan = ErasureScope.Decide(erasure, record, others, item.HeldBy, personWideKey);
                Chronology.NotBefore(context, record.AcquiredAt, "acquisition of the record");
                disposed.Add((record, plan, new RecordErased(record.Id, ErasureReason.NoLongerNeeded, null, Method.Trim(), context)));
            }
            catch (LedgerRuleViolation refused)
            {
                kept.Add(new DisposalRefusal(record.Id, refused.Rule.Code, $"{refused.Rule.Japanese} {refused.Detail}".Trim()));
            }
        }
        if (disposed.Count == 0)
            throw new LedgerRuleViolation(Rules.NoRecordsDueForDisposal, kept.Count == 0
                ? $"No record of file {FileId} is past its retention period ({file.Items.Retention?.ToString() ?? "未設定 / not set"})."
                : "Kept: " + string.Join("; ", kept.Select(k => $"{k.RecordId} ({k.Code})")));
        return new DisposalOutcome(disposed, new FileRecordsDisposed(FileId, [.. disposed.Select(d => d.Item1.Id)], kept, Method.Trim(), context));
    }
}
