using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 28(3), (4): the requester states the method of disclosure within 30 days of the decision notice.
// Notice received Monday 23 June 2025: day 30 is Wednesday 23 July.
public sealed class RequestingTheDisclosureMethodTests
{
    private static CaseStream NoticeDelivered() => Decided(CaseOutcome.DisclosedInFull).Then(new RecordDecisionNoticeDelivery(), Day(2025, 6, 23));

    [Fact]
    public void the_clerk_records_that_the_requester_asks_for_copies()
    {
        var c = NoticeDelivered();
        var requested = c.ShouldDecide<DisclosureMethodRequested>(new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 25));

        requested.Method.ShouldBe(DisclosureMethod.Copy);
        requested.LateReason.ShouldBeNull();
        requested.Context.Ground.Article.Japanese.ShouldBe("第28条第3項");
        c.State.RequestedMethod.ShouldBe(DisclosureMethod.Copy);
        c.State.MethodRequestedOn.ShouldBe(new DateOnly(2025, 6, 25));
    }

    [Fact]
    public void the_clerk_records_a_late_statement_with_its_justified_reason()
    {
        var c = NoticeDelivered();
        var requested = c.ShouldDecide<DisclosureMethodRequested>(
            new RequestDisclosureMethod { Method = DisclosureMethod.Copy, LateReason = "入院のため期間内に申し出ることができなかった" }, Day(2025, 8, 1));

        requested.LateReason.ShouldNotBeNull();
        c.State.MethodRequestedOn.ShouldBe(new DateOnly(2025, 8, 1));
    }

    [Fact]
    public void a_statement_after_the_30_days_without_a_reason_is_refused_citing_article_28_4()
    {
        NoticeDelivered().ShouldRefuse(new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 8, 1), "case.method-request-late", "第28条第4項");
    }

    [Fact]
    public void a_method_of_disclosure_after_a_decision_not_to_disclose_is_refused_citing_article_28()
    {
        Decided(CaseOutcome.NotDisclosed).ShouldRefuse(new RequestDisclosureMethod { Method = DisclosureMethod.Inspection }, Day(2025, 6, 25), "case.nothing-to-disclose", "第28条");
    }
}
