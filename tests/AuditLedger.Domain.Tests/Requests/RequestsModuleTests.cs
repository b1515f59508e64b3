using AuditLedger.Domain.Law;
using AuditLedger.Domain.Requests;

namespace AuditLedger.Domain.Tests.Requests;

// The requests module (第18条～第43条) lists its rules, each declared once beside the check that raises it.
public sealed class RequestsModuleTests
{
    [Fact]
    public void the_module_lists_its_33_case_rules_and_the_catalog_has_each_once()
    {
        var rules = RequestsModule.Module.Rules;
        rules.Count.ShouldBe(33);
        rules.ShouldAllBe(r => r.Code.StartsWith("case.", StringComparison.Ordinal));
        rules.Select(r => r.Code).ShouldBeUnique();
        foreach (var rule in rules) Rules.All.Count(r => r.Code == rule.Code).ShouldBe(1);
    }
}
