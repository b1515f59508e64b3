using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 28(1): the clerk carries out the disclosure, after the notice of Art. 24(1) and the requester's statement of Art. 28(3).
public sealed class ImplementingTheDisclosureTests
{
    private static readonly ImplementDisclosure Disclose = new() { Method = DisclosureMethod.Copy };

    private static CaseStream Ready(CaseStream decided) => decided
        .Then(new RecordDecisionNoticeDelivery(), Day(2025, 6, 23))
        .Then(new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 25));

    [Fact]
    public void the_clerk_carries_out_the_disclosure_and_the_correction_window_starts_that_day()
    {
        var c = Ready(Decided(CaseOutcome.DisclosedInFull));
        var disclosed = c.ShouldDecide<DisclosureImplemented>(Disclose, Day(2025, 6, 30));

        disclosed.Method.ShouldBe(DisclosureMethod.Copy);
        disclosed.Context.Ground.Article.Japanese.ShouldBe("第28条第1項");
        c.State.DisclosedOn.ShouldBe(new DateOnly(2025, 6, 30));
    }

    [Fact]
    public void a_disclosure_before_the_decision_notice_arrived_is_refused_citing_article_24_1()
    {
        Decided(CaseOutcome.DisclosedInFull).ShouldRefuse(Disclose, Day(2025, 6, 30), "case.decision-notice-not-delivered", "第24条第1項");
    }

    [Fact]
    public void a_disclosure_before_the_requester_stated_the_method_is_refused_citing_article_28_3()
    {
        Decided(CaseOutcome.DisclosedInFull).Then(new RecordDecisionNoticeDelivery(), Day(2025, 6, 23))
            .ShouldRefuse(Disclose, Day(2025, 6, 30), "case.disclosure-method-not-stated", "第28条第3項");
    }

    [Fact]
    public void a_disclosure_over_an_objection_within_the_two_weeks_is_refused_citing_article_27_3_and_allowed_on_monday_7_july()
    {
        var c = Ready(DecidedOverObjection());
        c.ShouldRefuse(Disclose, Day(2025, 7, 4), "case.disclosure-before-objection-interval", "第27条第3項");
        c.ShouldDecide<DisclosureImplemented>(Disclose, Day(2025, 7, 7));
    }
}
