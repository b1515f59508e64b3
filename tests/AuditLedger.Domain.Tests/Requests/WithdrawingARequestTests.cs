using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// 取下げ: the requester withdraws before the decision, and nothing more is recorded on the case.
public sealed class WithdrawingARequestTests
{
    private static readonly WithdrawRequest Withdrawal = new() { Reason = "請求者からの申出" };

    [Fact]
    public void the_clerk_records_the_withdrawal_and_the_case_is_withdrawn_that_day()
    {
        var c = Verified();
        var withdrawn = c.ShouldDecide<RequestWithdrawn>(Withdrawal, Day(2025, 6, 10));

        withdrawn.Context.Ground.Article.Japanese.ShouldBe("第18条");
        c.State.Status.ShouldBe(CaseStatus.Withdrawn);
        c.State.WithdrawnOn.ShouldBe(new DateOnly(2025, 6, 10));
    }

    [Fact]
    public void any_step_on_a_withdrawn_request_is_refused_citing_article_18_or_31()
    {
        Verified().Then(Withdrawal, Day(2025, 6, 10)).ShouldRefuse(Decision(CaseOutcome.DisclosedInFull), DecidedAt, "case.withdrawn", "第18条");
        Received(RequestKind.Correction).Then(Withdrawal, Day(2025, 6, 10)).ShouldRefuse(IdentityCheck, Day(2025, 6, 11), "case.withdrawn", "第31条");
    }

    [Fact]
    public void a_withdrawal_after_the_decision_is_refused_citing_article_24()
    {
        Decided(CaseOutcome.NotDisclosed).ShouldRefuse(Withdrawal, Day(2025, 6, 25), "case.already-decided", "第24条");
    }
}
