using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 27(3): the clerk receives the third party's opinion; an objection (反対意見書) imposes the 2-week interval.
public sealed class ReceivingAThirdPartyOpinionTests
{
    [Fact]
    public void the_clerk_receives_an_objection_and_the_case_records_that_the_third_party_objects()
    {
        var notice = ThirdParty();
        var c = Verified().Then(notice, Day(2025, 6, 4));
        var received = c.ShouldDecide<ThirdPartyOpinionReceived>(new ReceiveThirdPartyOpinion { ThirdPartyId = notice.ThirdPartyId, ObjectsToDisclosure = true }, Day(2025, 6, 13));

        received.ObjectsToDisclosure.ShouldBeTrue();
        received.Context.Ground.Article.Japanese.ShouldBe("第27条第3項");
        var party = c.State.ThirdParties.Single();
        party.OpinionReceived.ShouldBeTrue();
        party.Objects.ShouldBeTrue();
        c.State.AnyObjection.ShouldBeTrue();
    }

    [Fact]
    public void an_opinion_from_a_third_party_never_given_the_opportunity_is_refused_citing_article_27_3()
    {
        Verified().ShouldRefuse(new ReceiveThirdPartyOpinion { ThirdPartyId = Guid.NewGuid(), ObjectsToDisclosure = true }, Day(2025, 6, 5),
            "case.third-party-not-notified", "第27条第3項");
    }
}
