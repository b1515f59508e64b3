using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 45(1): the board consulted reports (答申) before the chair rules.
public class ReceiveBoardReportTests
{
    [Fact]
    public void the_boards_report_is_recorded_sealed_under_the_persons_of_the_review_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Consulted(requestCase);
        var received = ShouldDecide<BoardReportReceived>(() => review.Decide(GivenReview.Report(review), requestCase));

        received.Context.Ground.Article.Japanese.ShouldBe("第45条第1項");
        received.Conclusion.Value.ShouldBe("不開示決定は妥当である");
        received.Conclusion.DataSubjectIds.ShouldBe(review.State.PersonIds);
        review.Append([received]).State.ReportReceivedOn.ShouldBe(GivenReview.ActionDay);
    }

    [Fact]
    public void a_report_before_the_board_was_consulted_is_refused_citing_article_45_1()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Requested(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.Report(review), requestCase), "review.not-consulted", "第45条第1項");
    }
}
