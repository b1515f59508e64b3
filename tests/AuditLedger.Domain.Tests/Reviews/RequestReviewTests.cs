using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 44: a review request, against the decision on a request or against the failure to decide it.
public class RequestReviewTests
{
    [Fact]
    public void a_review_of_a_decided_request_opens_a_review_of_that_case_citing_article_44()
    {
        var requestCase = GivenReview.RequestCase(RequestKind.Correction, CaseOutcome.CorrectionRefused);
        var reviewId = Guid.NewGuid();
        var requested = ShouldDecide<ReviewRequested>(() => GivenReview.Request(requestCase).Decide(reviewId, requestCase, Clock.Now));

        requested.Context.Ground.Article.Japanese.ShouldBe("第44条");
        requested.CaseId.ShouldBe(requestCase.Id);
        requested.CaseKind.ShouldBe(RequestKind.Correction);
        requested.Target.ShouldBe(ReviewTarget.Decision);
        var review = new EventStream<ReviewCase>(ReviewCase.Evolve).Append([requested]).State;
        review.Id.ShouldBe(reviewId);
        review.CaseId.ShouldBe(requestCase.Id);
        review.CaseKind.ShouldBe(RequestKind.Correction);
        review.JurisdictionId.ShouldBe(requestCase.JurisdictionId);
        review.RequestedAt.ShouldBe(GivenReview.ReviewRequestedAt);
        review.PersonIds.ShouldBe([requestCase.DataSubjectId]);
        review.ConsultedOn.ShouldBeNull();
        review.Outcome.ShouldBeNull();
    }

    [Fact]
    public void a_review_of_inaction_on_a_pending_request_is_recorded()
    {
        var requestCase = GivenReview.RequestCase(outcome: null);
        var review = GivenReview.Requested(requestCase).State;
        review.Target.ShouldBe(ReviewTarget.Inaction);
    }

    [Fact]
    public void a_review_of_a_decision_on_a_request_not_yet_decided_is_refused_citing_article_44()
    {
        var requestCase = GivenReview.RequestCase(outcome: null);
        ShouldBeRefused(() => GivenReview.Request(requestCase, ReviewTarget.Decision).Decide(Guid.NewGuid(), requestCase, Clock.Now),
            "review.target-mismatch", "第44条");
    }

    [Fact]
    public void a_review_of_inaction_on_a_request_already_decided_is_refused_citing_article_44()
    {
        var requestCase = GivenReview.RequestCase(outcome: CaseOutcome.NotDisclosed);
        ShouldBeRefused(() => GivenReview.Request(requestCase, ReviewTarget.Inaction).Decide(Guid.NewGuid(), requestCase, Clock.Now),
            "review.target-mismatch", "第44条");
    }
}
