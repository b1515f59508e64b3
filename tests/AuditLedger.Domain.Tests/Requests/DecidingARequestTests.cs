using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 24, 34, 41: the clerk records the decision and its written notice, or a dismissal.
public sealed class DecidingARequestTests
{
    [Fact]
    public void the_clerk_decides_to_disclose_in_full_and_the_case_is_decided_that_day()
    {
        var c = Verified();
        var decided = c.ShouldDecide<RequestDecided>(Decision(CaseOutcome.DisclosedInFull), DecidedAt);

        decided.Outcome.ShouldBe(CaseOutcome.DisclosedInFull);
        decided.Scope.ShouldBe(DecisionScope.Whole);
        decided.DecisionReference.ShouldBe("浦議総第101号");
        decided.Context.Ground.Article.Japanese.ShouldBe("第24条");
        c.State.Status.ShouldBe(CaseStatus.Decided);
        c.State.Outcome.ShouldBe(CaseOutcome.DisclosedInFull);
        c.State.DecidedOn.ShouldBe(new DateOnly(2025, 6, 20));
    }

    [Fact]
    public void the_clerk_dismisses_a_request_without_an_identity_check_citing_the_article_of_the_request()
    {
        var c = Received(RequestKind.Correction);
        var dismissed = c.ShouldDecide<RequestDecided>(Decision(CaseOutcome.Dismissed), DecidedAt);

        dismissed.Context.Ground.Article.Japanese.ShouldBe("第31条");
        c.State.Status.ShouldBe(CaseStatus.Decided);
    }

    [Fact]
    public void the_clerk_decides_the_substantial_part_under_a_special_deadline_and_the_case_stays_open_for_the_rest()
    {
        var c = Verified().Then(new NotifySpecialDeadline { Reason = "対象文書が著しく大量である", StatedDueDate = new DateOnly(2025, 9, 30) }, Day(2025, 6, 16));
        c.ShouldDecide<RequestDecided>(Decision(CaseOutcome.DisclosedInPart, DecisionScope.SubstantialPortion), DecidedAt);

        c.State.PortionDecidedOn.ShouldBe(new DateOnly(2025, 6, 20));
        c.State.Status.ShouldBe(CaseStatus.Open);
        c.ShouldDecide<RequestDecided>(Decision(CaseOutcome.DisclosedInFull, DecisionScope.Remainder), Day(2025, 9, 1));
        c.State.Status.ShouldBe(CaseStatus.Decided);
    }

    [Fact]
    public void a_decision_the_kind_of_request_does_not_have_is_refused_citing_article_24_or_34()
    {
        Verified().ShouldRefuse(Decision(CaseOutcome.Corrected), DecidedAt, "case.outcome-not-for-kind", "第24条");
        Verified(RequestKind.Correction).ShouldRefuse(Decision(CaseOutcome.NotDisclosed), DecidedAt, "case.outcome-not-for-kind", "第34条");
    }

    [Fact]
    public void a_decision_before_the_identity_check_is_refused_citing_article_19_2()
    {
        Received().ShouldRefuse(Decision(CaseOutcome.DisclosedInFull), DecidedAt, "case.identity-not-verified", "第19条第2項");
    }

    [Fact]
    public void a_decision_while_a_correction_of_form_is_pending_is_refused_citing_article_19_3()
    {
        Verified().Then(new RequestFormCorrection { Deficiency = "請求に係る公文書の名称が特定されていない" }, Day(2025, 6, 3))
            .ShouldRefuse(Decision(CaseOutcome.DisclosedInFull), DecidedAt, "case.form-correction-pending", "第19条第3項");
    }

    [Fact]
    public void a_decision_on_a_part_without_a_special_deadline_is_refused_citing_article_26_1()
    {
        Verified().ShouldRefuse(Decision(CaseOutcome.DisclosedInFull, DecisionScope.SubstantialPortion), DecidedAt, "case.portion-without-special-deadline", "第26条第1項");
        Verified().ShouldRefuse(Decision(CaseOutcome.DisclosedInFull, DecisionScope.Remainder), DecidedAt, "case.portion-without-special-deadline", "第26条第1項");
    }
}
