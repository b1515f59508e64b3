// 第40条、第41条 (Art. 40, Art. 41): 利用停止決定に基づく利用の停止 / suspending the use of a record under a suspension-of-use decision.
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Executes a decision to suspend use of a record (利用停止, Art. 40, 41).</summary>
public sealed record SuspendRecordUse : DecisionExecution
{
    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RequireDecision();
        RecordChecks.UseNotSuspended(record);
        var context = ContextAt(now, LegalGround.Of(Ordinance(40), "利用停止決定に基づく利用の停止 / suspension of use executing a decision"));
        return [new RecordUseSuspended(RecordId, DecisionReference.Trim(), context)];
    }
}
