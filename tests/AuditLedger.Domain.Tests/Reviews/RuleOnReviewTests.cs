using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 45(1), 46: the ruling (裁決), after the board's report or under an exception from consulting it.
public class RuleOnReviewTests
{
    public static TheoryData<string> EveryStepOnAReview => ["Consult", "Except", "NotifyParties", "Report", "Rule"];

    private static ReviewCommand Step(string name, EventStream<ReviewCase> review) => name switch
    {
        "Consult" => GivenReview.Consult(review),
        "Except" => GivenReview.Except(review, ConsultationException.UnlawfulRequestDismissed),
        "NotifyParties" => GivenReview.NotifyParties(review),
        "Report" => GivenReview.Report(review),
        "Rule" => GivenReview.Rule(review),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Fact]
    public void a_ruling_after_the_boards_report_is_recorded_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Reported(requestCase);
        var ruled = ShouldDecide<ReviewRuled>(() => review.Decide(GivenReview.Rule(review, ReviewOutcome.Rejected), requestCase));

        ruled.Outcome.ShouldBe(ReviewOutcome.Rejected);
        ruled.DisclosureOverObjection.ShouldBeFalse();
        ruled.Context.Ground.Article.Japanese.ShouldBe("第45条第1項");
        var state = review.Append([ruled]).State;
        state.Outcome.ShouldBe(ReviewOutcome.Rejected);
        state.RuledOn.ShouldBe(GivenReview.ActionDay);
    }

    [Fact]
    public void a_ruling_that_orders_a_disclosure_a_third_party_objected_to_cites_article_46()
    {
        var requestCase = GivenReview.RequestCase(RequestKind.Disclosure, CaseOutcome.NotDisclosed, objection: true);
        var review = GivenReview.Reported(requestCase);
        var ruled = ShouldDecide<ReviewRuled>(() => review.Decide(GivenReview.Rule(review, ReviewOutcome.UpheldInFull), requestCase));
        ruled.DisclosureOverObjection.ShouldBeTrue();
        ruled.Context.Ground.Article.Japanese.ShouldBe("第46条");
    }

    [Fact]
    public void a_third_partys_review_of_a_disclosure_rejected_cites_article_46()
    {
        var requestCase = GivenReview.RequestCase(RequestKind.Disclosure, CaseOutcome.DisclosedInFull);
        var review = GivenReview.Reported(requestCase, byThirdParty: true);
        ShouldDecide<ReviewRuled>(() => review.Decide(GivenReview.Rule(review, ReviewOutcome.Rejected), requestCase))
            .DisclosureOverObjection.ShouldBeTrue();
    }

    [Fact]
    public void a_ruling_under_an_exception_is_the_one_the_exception_names()
    {
        var requestCase = GivenReview.RequestCase(RequestKind.Correction, CaseOutcome.CorrectionRefused);
        var review = GivenReview.Requested(requestCase);
        review.Then(GivenReview.Except(review, ConsultationException.FullCorrection), requestCase);
        ShouldDecide<ReviewRuled>(() => review.Decide(GivenReview.Rule(review, ReviewOutcome.UpheldInFull), requestCase))
            .Context.Ground.Article.Japanese.ShouldBe("第45条第1項");
    }

    [Fact]
    public void a_ruling_without_consulting_the_board_is_refused_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Requested(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Rule(review), requestCase), "review.ruling-without-consultation", "第45条第1項")
            .Detail.ShouldBe("The board has not been consulted.");
    }

    [Fact]
    public void a_ruling_before_the_boards_report_is_refused_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Consulted(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Rule(review), requestCase), "review.ruling-without-consultation", "第45条第1項")
            .Detail.ShouldBe("The board's report has not been received.");
    }

    [Fact]
    public void a_ruling_other_than_dismissal_under_the_unlawful_request_exception_is_refused_citing_article_45_1_item_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Requested(requestCase);
        review.Then(GivenReview.Except(review, ConsultationException.UnlawfulRequestDismissed), requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Rule(review, ReviewOutcome.UpheldInFull), requestCase),
            "review.ruling-outside-exception", "第45条第1項第1号");
    }

    [Theory]
    [MemberData(nameof(EveryStepOnAReview))]
    public void nothing_is_recorded_on_a_review_after_its_ruling(string step)
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Reported(requestCase);
        review.Then(GivenReview.Rule(review), requestCase);
        ShouldBeRefused(() => review.Decide(Step(step, review), requestCase), "review.already-ruled", "第45条第1項");
    }
}
