// 第40条、第4条第2項 (Art. 40, Art. 4(2)): 消去・廃棄 / erasing a record under an erasure decision, or disposing of it when no longer needed (流山市：確実かつ速やかに廃棄); its scope and keys are decided by ErasureScope.
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Erases a record: executing an erasure decision (Art. 40) or disposing of it when no longer needed (Art. 4(2); Nagareyama).</summary>
public sealed record EraseRecord : DecisionExecution
{
    public ErasureReason Reason { get; init; }
    /// <summary>How it was erased (e.g. 溶解処理, データ消去ソフトによる上書き).</summary>
    public string Method { get; init; } = "";

    /// <summary>
    /// False (the default): this record alone is erased and the keys of its stream destroyed (crypto-shredding); the
    /// person's other records, cases and incidents read in full. True: the person is erased, which only an Art. 40
    /// erasure decision covering all of them may do: each held record is erased too (same reason, reference and method)
    /// and every key of the person is destroyed, in one transaction. See <see cref="ErasureScope"/>.
    /// </summary>
    public bool EraseAllHeldRecordsOfThePerson { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Reason, nameof(Reason), "消去の理由", "reason for erasure");
        Fields.RequireText(errors, Method, nameof(Method), "消去の方法", "method of erasure");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        if (Reason == ErasureReason.ErasureDecision) RequireDecision();
        var ground = Reason == ErasureReason.ErasureDecision
            ? LegalGround.Of(Ordinance(40), "利用停止決定（消去）の実施 / erasure executing a decision")
            : LegalGround.Of(Ordinance(4, 2), "保有の必要がなくなった個人情報の廃棄（流山市：確実かつ速やかに廃棄） / disposal when no longer needed");
        var context = ContextAt(now, ground);
        return [new RecordErased(RecordId, Reason, string.IsNullOrWhiteSpace(DecisionReference) ? null : DecisionReference.Trim(), Method.Trim(), context)];
    }
}
