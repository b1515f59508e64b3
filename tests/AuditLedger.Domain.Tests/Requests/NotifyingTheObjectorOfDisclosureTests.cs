using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 27(3) 後段: the clerk tells the objecting third party of the decision, its reasons and the day of disclosure.
// Decided Friday 20 June 2025 over an objection: the 14 clear days are 21 June - 4 July, so the earliest day is 5 July.
public sealed class NotifyingTheObjectorOfDisclosureTests
{
    [Fact]
    public void the_clerk_tells_the_objector_that_the_disclosure_is_on_monday_7_july()
    {
        var c = DecidedOverObjection();
        var objector = c.State.ThirdParties.Single().ThirdPartyId;
        var told = c.ShouldDecide<ObjectorNotifiedOfDisclosure>(new NotifyObjectorOfDisclosure { ThirdPartyId = objector, DisclosureDate = new DateOnly(2025, 7, 7) }, Day(2025, 6, 20, 15));

        told.DisclosureDate.ShouldBe(new DateOnly(2025, 7, 7));
        told.Context.Ground.Article.Japanese.ShouldBe("第27条第3項");
        c.State.ThirdParties.Single().ToldOfDisclosureOn.ShouldBe(new DateOnly(2025, 7, 7));
    }

    [Fact]
    public void a_day_of_disclosure_within_the_two_weeks_is_refused_citing_article_27_3()
    {
        var c = DecidedOverObjection();
        var objector = c.State.ThirdParties.Single().ThirdPartyId;
        c.ShouldRefuse(new NotifyObjectorOfDisclosure { ThirdPartyId = objector, DisclosureDate = new DateOnly(2025, 7, 4) }, Day(2025, 6, 20, 15),
            "case.disclosure-before-objection-interval", "第27条第3項");
    }

    [Fact]
    public void telling_a_third_party_who_did_not_object_is_refused_citing_article_27_3()
    {
        var notice = ThirdParty();
        var c = Verified()
            .Then(notice, Day(2025, 6, 4))
            .Then(new ReceiveThirdPartyOpinion { ThirdPartyId = notice.ThirdPartyId, ObjectsToDisclosure = false }, Day(2025, 6, 13))
            .Then(Decision(CaseOutcome.DisclosedInFull), DecidedAt);
        c.ShouldRefuse(new NotifyObjectorOfDisclosure { ThirdPartyId = notice.ThirdPartyId, DisclosureDate = new DateOnly(2025, 7, 7) }, Day(2025, 6, 23),
            "case.third-party-not-notified", "第27条第3項");
    }
}
