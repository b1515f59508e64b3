using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 25(2), 35(2), 42(2): the clerk extends the period for the decision by up to 30 days, notified in writing.
public sealed class ExtendingTheDecisionPeriodTests
{
    private static readonly ExtendDecisionPeriod Extension = new() { Days = 30, Reason = "対象文書が大量であり事務処理上の困難がある" };

    [Fact]
    public void the_clerk_extends_the_period_by_30_days_and_the_notice_states_the_new_due_date()
    {
        // Due Wednesday 2 July; 60 days from 3 June end on Friday 1 August.
        var c = Verified();
        var extended = c.ShouldDecide<DecisionPeriodExtended>(Extension, Day(2025, 6, 25));

        extended.Days.ShouldBe(30);
        extended.Reason.ShouldBe(Extension.Reason);
        extended.NewDueDate.ShouldBe(new DateOnly(2025, 8, 1));
        extended.Context.Ground.Article.Japanese.ShouldBe("第25条第2項");
        c.State.ExtensionDays.ShouldBe(30);
    }

    [Fact]
    public void an_extension_where_the_jurisdiction_provides_none_is_refused_citing_article_25_2()
    {
        Received(profile: Nagareyama).ShouldRefuse(Extension with { Days = 7 }, Day(2025, 6, 5), "case.extension-not-provided", "第25条第2項");
    }

    [Fact]
    public void an_extension_of_more_than_30_days_in_all_is_refused_citing_article_25_2_or_42_2()
    {
        Verified().ShouldRefuse(Extension with { Days = 31 }, Day(2025, 6, 25), "case.extension-too-long", "第25条第2項");

        var suspension = Verified(RequestKind.Suspension).Then(Extension with { Days = 20 }, Day(2025, 6, 16));
        suspension.ShouldRefuse(Extension with { Days = 11 }, Day(2025, 6, 25), "case.extension-too-long", "第42条第2項");
        suspension.ShouldDecide<DecisionPeriodExtended>(Extension with { Days = 10 }, Day(2025, 6, 25));
        suspension.State.ExtensionDays.ShouldBe(30);
    }

    [Fact]
    public void an_extension_after_the_period_has_ended_is_refused_citing_article_25_2()
    {
        Verified().ShouldRefuse(Extension, Day(2025, 7, 15), "case.extension-after-period", "第25条第2項");
    }

    [Fact]
    public void an_extension_after_the_decision_is_refused_citing_article_24_or_34()
    {
        Decided(CaseOutcome.DisclosedInFull).ShouldRefuse(Extension with { Days = 10 }, DecidedAt, "case.already-decided", "第24条");
        Decided(CaseOutcome.Corrected, RequestKind.Correction).ShouldRefuse(Extension with { Days = 10 }, DecidedAt, "case.already-decided", "第34条");
    }
}
