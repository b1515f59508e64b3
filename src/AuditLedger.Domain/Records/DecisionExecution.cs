namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Base of commands that execute a decision on a record (訂正, 利用停止, 消去, 提供の停止).</summary>
public abstract record DecisionExecution : RecordCommand
{
    /// <summary>The decision executed: its number, or the id of the request case it closed.</summary>
    public string DecisionReference { get; init; } = "";

    public static readonly LedgerRule DecisionReferenceRequired = new(
        "decision.reference-missing", Ordinance(34, 1),
        "訂正・利用停止・消去・提供の停止は、根拠となる決定（決定番号又は案件）を示して記録してください（第34条第1項、第41条）。",
        "A correction, suspension of use, erasure or stop of provision must name the decision it executes (Art. 34(1), Art. 41).");

    protected void RequireDecision()
    {
        if (string.IsNullOrWhiteSpace(DecisionReference)) throw new LedgerRuleViolation(DecisionReferenceRequired);
    }
}
