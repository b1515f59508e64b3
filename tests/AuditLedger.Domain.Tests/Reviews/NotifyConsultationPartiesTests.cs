using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 45(2): the parties are told that the board was consulted.
public class NotifyConsultationPartiesTests
{
    [Fact]
    public void the_parties_told_of_the_consultation_are_recorded_once_each_citing_article_45_2()
    {
        var requestCase = GivenReview.RequestCase(objection: true);
        var review = GivenReview.Consulted(requestCase);
        var notified = ShouldDecide<ConsultationPartiesNotified>(() => review.Decide(GivenReview.NotifyParties(review,
            ConsultationParty.AppellantOrParticipant, ConsultationParty.ObjectingThirdParty, ConsultationParty.AppellantOrParticipant), requestCase));

        notified.Parties.ShouldBe([ConsultationParty.AppellantOrParticipant, ConsultationParty.ObjectingThirdParty]);
        notified.Context.Ground.Article.Japanese.ShouldBe("第45条第2項");
        review.Append([notified]);
        review.Then(GivenReview.NotifyParties(review, ConsultationParty.Requester, ConsultationParty.ObjectingThirdParty), requestCase);
        review.State.PartiesNotified.ShouldBe([ConsultationParty.AppellantOrParticipant, ConsultationParty.ObjectingThirdParty, ConsultationParty.Requester]);
    }

    [Fact]
    public void telling_the_parties_before_the_board_was_consulted_is_refused_citing_article_45_2()
    {
        var requestCase = GivenReview.RequestCase();
        var review = GivenReview.Requested(requestCase);
        ShouldBeRefused(() => review.Decide(GivenReview.NotifyParties(review), requestCase), "review.not-consulted", "第45条第2項");
    }
}
