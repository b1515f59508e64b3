using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 45(1)(1)-(4): the cases in which the chair rules without consulting the board.
public class ApplyConsultationExceptionTests
{
    [Theory]
    [InlineData(RequestKind.Disclosure, ConsultationException.UnlawfulRequestDismissed, "第45条第1項第1号")]
    [InlineData(RequestKind.Disclosure, ConsultationException.FullDisclosure, "第45条第1項第2号")]
    [InlineData(RequestKind.Correction, ConsultationException.FullCorrection, "第45条第1項第3号")]
    [InlineData(RequestKind.Suspension, ConsultationException.FullSuspension, "第45条第1項第4号")]
    public void an_exception_that_fits_the_kind_of_request_is_recorded_citing_its_item(RequestKind kind, ConsultationException exception, string article)
    {
        var requestCase = GivenReview.RequestCase(kind, CaseOutcome.Dismissed);
        var review = GivenReview.Requested(requestCase);
        var applied = ShouldDecide<ConsultationExceptionApplied>(() => review.Decide(GivenReview.Except(review, exception), requestCase));

        applied.Exception.ShouldBe(exception);
        applied.Context.Ground.Article.Japanese.ShouldBe(article);
        var state = review.Append([applied]).State;
        state.Exception.ShouldBe(exception);
        state.ConsultedOn.ShouldBeNull();
    }

    [Fact]
    public void the_full_correction_exception_on_a_disclosure_request_is_refused_citing_article_45_1_item_3()
    {
        var requestCase = GivenReview.RequestCase(RequestKind.Disclosure);
        var review = GivenReview.Requested(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Except(review, ConsultationException.FullCorrection), requestCase),
            "review.consultation-exception-not-applicable", "第45条第1項第3号");
    }

    [Fact]
    public void the_full_disclosure_exception_where_a_third_party_objected_is_refused_citing_article_45_1_item_2()
    {
        var requestCase = GivenReview.RequestCase(RequestKind.Disclosure, objection: true);
        var review = GivenReview.Requested(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Except(review, ConsultationException.FullDisclosure), requestCase),
            "review.consultation-exception-not-applicable", "第45条第1項第2号");
    }

    [Fact]
    public void an_exception_after_the_board_was_consulted_is_refused_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Consulted(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Except(review, ConsultationException.UnlawfulRequestDismissed), requestCase),
            "review.consultation-already-decided", "第45条第1項");
    }
}
