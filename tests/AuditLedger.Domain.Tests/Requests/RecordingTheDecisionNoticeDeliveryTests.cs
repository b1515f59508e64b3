using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 24, 28(4): the clerk records the day the decision notice reached the requester; the 30 days for the method count from it.
public sealed class RecordingTheDecisionNoticeDeliveryTests
{
    [Fact]
    public void the_clerk_records_that_the_decision_notice_arrived_on_monday_23_june()
    {
        var c = Decided(CaseOutcome.DisclosedInFull);
        var delivered = c.ShouldDecide<DecisionNoticeDelivered>(new RecordDecisionNoticeDelivery(), Day(2025, 6, 23));

        delivered.Context.Ground.Article.Japanese.ShouldBe("第24条");
        c.State.NoticeDeliveredOn.ShouldBe(new DateOnly(2025, 6, 23));
    }

    [Fact]
    public void a_notice_delivery_before_any_decision_is_refused_citing_article_24_or_41()
    {
        Verified().ShouldRefuse(new RecordDecisionNoticeDelivery(), DecidedAt, "case.not-yet-decided", "第24条");
        Verified(RequestKind.Suspension).ShouldRefuse(new RecordDecisionNoticeDelivery(), DecidedAt, "case.not-yet-decided", "第41条");
    }
}
