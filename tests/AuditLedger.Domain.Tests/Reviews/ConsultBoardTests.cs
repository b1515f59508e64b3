using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 45(1): the chair consults the review board on a review.
public class ConsultBoardTests
{
    [Fact]
    public void consulting_the_board_is_recorded_with_its_reference_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Requested(requestCase);
        var consulted = ShouldDecide<BoardConsulted>(() => review.Decide(GivenReview.Consult(review), requestCase));

        consulted.Context.Ground.Article.Japanese.ShouldBe("第45条第1項");
        consulted.ConsultationReference.ShouldBe("浦議総第201号");
        review.Append([consulted]).State.ConsultedOn.ShouldBe(GivenReview.ActionDay);
    }

    [Fact]
    public void consulting_the_board_a_second_time_is_refused_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Consulted(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Consult(review), requestCase), "review.consultation-already-decided", "第45条第1項");
    }

    [Fact]
    public void consulting_the_board_after_an_exception_from_consultation_is_refused_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Requested(requestCase);
        review.Then(GivenReview.Except(review, ConsultationException.UnlawfulRequestDismissed), requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Consult(review), requestCase), "review.consultation-already-decided", "第45条第1項");
    }
}
