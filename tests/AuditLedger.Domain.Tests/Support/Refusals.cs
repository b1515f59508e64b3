using AuditLedger.Domain.Law;

namespace AuditLedger.Domain.Tests.Support;

public static class Refusals
{
    /// <summary>Asserts the decision is refused by the rule with this code, citing this article in its Japanese form.</summary>
    public static LedgerRuleViolation ShouldBeRefused(Action decide, string code, string articleJapanese)
    {
        var refusal = Should.Throw<LedgerRuleViolation>(decide);
        refusal.Rule.Code.ShouldBe(code);
        refusal.Rule.Article.Japanese.ShouldBe(articleJapanese);
        return refusal;
    }

    /// <summary>Asserts the decision returns exactly one event of this type and returns it.</summary>
    public static TEvent ShouldDecide<TEvent>(Func<IReadOnlyList<AuditLedger.Domain.Common.ILedgerEvent>> decide)
    {
        var events = decide();
        events.Count.ShouldBe(1);
        return events[0].ShouldBeOfType<TEvent>();
    }
}
