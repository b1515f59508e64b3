// 第4条第2項 (Art. 4(2)): 保存期間を経過した保有個人情報の廃棄 / disposing of a file's records past their retention period (not held beyond what the purpose needs).
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>A record past its file's retention period (保存期間): when it was acquired, from when it is due, and what still needs it.</summary>
/// <param name="AcquiredOn">Japan date of acquisition.</param>
/// <param name="DueOn">The first Japan date past retention (<see cref="RetentionPeriod.DisposalDueOn"/>).</param>
/// <param name="HeldBy">Cases that still need the record; it is not disposed of while any is listed.</param>
public sealed record DisposalDue(Guid RecordId, Guid FileId, Guid DataSubjectId, DateOnly AcquiredOn, DateOnly DueOn, RetentionPeriod Retention, IReadOnlyList<RecordHold> HeldBy);

/// <summary>A record past retention that a disposal left in place, and why (the rule's code and text).</summary>
public sealed record DisposalRefusal(Guid RecordId, string Code, string Reason);

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
/// 保存期間を経過した保有個人情報の廃棄 (dispose-file-records): disposes of every record of the file past its retention period in one
/// command, each with its own <see cref="RecordErased"/> (reason <see cref="ErasureReason.NoLongerNeeded"/>) and the keys of its
/// stream destroyed in the same transaction (Art. 4(2); Nagareyama: 必要のなくなった個人情報は、確実かつ速やかに廃棄します).
/// A record a pending request or open incident still needs is kept and listed with the reason (Art. 9(1)); so is one whose
/// data shares a key with the person's other held records (<see cref="ErasureScope"/>). Refused when nothing can be disposed of.
/// </summary>
public sealed record DisposeFileRecords : StreamCommand
{
    /// <summary>Art. 4(2): a disposal run must dispose of at least one record past its file's retention period.</summary>
    public static readonly LedgerRule NoRecordsDueForDisposal = new(
        "file.no-records-due-for-disposal", Ordinance(4, 2),
        "このファイルには、保存期間を経過し廃棄できる保有個人情報がありません（第4条第2項、流山市：必要のなくなった個人情報は確実かつ速やかに廃棄）。保存期間が未設定・永年のファイル、又は保存期間内の記録は廃棄の対象になりません。事案に必要な記録は、その理由とともに示します。",
        "This file has no retained record past its retention period that can be disposed of (Art. 4(2); Nagareyama: information no longer needed is disposed of surely and promptly). Files without a retention period or kept permanently, and records within their period, are not due; records a case still needs are listed with the reason.");

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
            throw new LedgerRuleViolation(NoRecordsDueForDisposal, kept.Count == 0
                ? $"No record of file {FileId} is past its retention period ({file.Items.Retention?.ToString() ?? "未設定 / not set"})."
                : "Kept: " + string.Join("; ", kept.Select(k => $"{k.RecordId} ({k.Code})")));
        return new DisposalOutcome(disposed, new FileRecordsDisposed(FileId, [.. disposed.Select(d => d.Item1.Id)], kept, Method.Trim(), context));
    }
}
