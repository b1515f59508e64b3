// 第40条 (Art. 40): 消去済み・利用停止中の保有個人情報 / what no command may do to an erased record, and no use or provision to a suspended one.
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>The checks several record commands share, each beside the rule it raises.</summary>
public static class RecordChecks
{
    public static readonly LedgerRule RecordErased = new(
        "record.erased", Ordinance(40),
        "この保有個人情報は消去済みです。消去後の取扱いは記録できません（第40条、流山市：不要となった個人情報の廃棄）。",
        "This retained record has been erased. Nothing can be recorded against it after erasure (Art. 40; Nagareyama: disposal of information no longer needed).");

    /// <summary>Art. 40 / Nagareyama disposal: after erasure the ledger keeps the fact, and nothing more happens to the record.</summary>
    public static void NotErased(RetainedRecord record)
    {
        if (record.Status == RecordStatus.Erased) throw new LedgerRuleViolation(RecordErased);
    }

    public static readonly LedgerRule RecordUseSuspended = new(
        "record.use-suspended", Ordinance(40),
        "この保有個人情報は利用停止中です。利用・提供は記録できません（第40条）。",
        "Use of this retained record is suspended by a decision. No use or provision can be recorded (Art. 40).");

    /// <summary>Art. 40: a record whose use a decision suspended is neither used nor provided (nor suspended twice).</summary>
    public static void UseNotSuspended(RetainedRecord record)
    {
        if (record.Status == RecordStatus.UseSuspended) throw new LedgerRuleViolation(RecordUseSuspended);
    }

    /// <summary>The rules of these shared checks.</summary>
    public static readonly IReadOnlyList<LedgerRule> Rules = [RecordErased, RecordUseSuspended];
}
