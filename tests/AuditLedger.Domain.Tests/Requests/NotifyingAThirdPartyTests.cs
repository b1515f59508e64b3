using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 27(1), (2): before deciding a disclosure, the clerk gives a third party the opportunity to submit an opinion.
public sealed class NotifyingAThirdPartyTests
{
    [Fact]
    public void the_clerk_gives_a_third_party_the_mandatory_opportunity_and_the_third_party_is_named_in_the_case()
    {
        var c = Verified();
        var notice = ThirdParty(mandatory: true);
        var notified = c.ShouldDecide<ThirdPartyNotified>(notice, Day(2025, 6, 4));

        notified.ThirdPartyId.ShouldBe(notice.ThirdPartyId);
        notified.Mandatory.ShouldBeTrue();
        notified.ThirdParty.ShouldAllBe(p => p.StreamId == c.State.Id);
        notified.Context.Ground.Article.Japanese.ShouldBe("第27条第2項");
        c.State.ThirdParties.Single().ThirdPartyId.ShouldBe(notice.ThirdPartyId);
        c.State.PersonIds.ShouldContain(notice.ThirdPartyId);
    }

    [Fact]
    public void the_clerk_gives_a_discretionary_opportunity_citing_article_27_1()
    {
        var notified = Verified().ShouldDecide<ThirdPartyNotified>(ThirdParty(mandatory: false), Day(2025, 6, 4));
        notified.Context.Ground.Article.Japanese.ShouldBe("第27条第1項");
    }

    [Fact]
    public void notifying_a_third_party_on_a_correction_request_is_refused_citing_article_27_1()
    {
        Verified(RequestKind.Correction).ShouldRefuse(ThirdParty(mandatory: false), Day(2025, 6, 5), "case.third-party-only-for-disclosure", "第27条第1項");
    }

    [Fact]
    public void notifying_a_third_party_after_the_decision_is_refused_citing_article_27_2()
    {
        Decided(CaseOutcome.DisclosedInPart).ShouldRefuse(ThirdParty(mandatory: true), Day(2025, 6, 23), "case.third-party-notice-after-decision", "第27条第2項");
    }
}
