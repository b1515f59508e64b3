using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 19(2), 32(2), 39(2): the clerk checks that the requester is the person, or their agent.
public sealed class VerifyingTheRequestersIdentityTests
{
    [Fact]
    public void the_clerk_checks_the_requesters_identity_document_and_the_case_is_verified()
    {
        var c = Received();
        var verified = c.ShouldDecide<RequesterIdentityVerified>(IdentityCheck with { IdentityDocument = " 運転免許証 " }, ReceivedAt);

        verified.IdentityDocument.ShouldBe("運転免許証");
        verified.AgencyDocument.ShouldBeNull();
        verified.Context.Ground.Article.Japanese.ShouldBe("第19条第2項");
        c.State.IdentityVerified.ShouldBeTrue();
        c.Events.Version.ShouldBe(2);
    }

    [Fact]
    public void the_clerk_checks_an_agents_identity_with_the_document_showing_the_agency()
    {
        var c = Received(requester: RequesterType.AppointedAgent);
        var verified = c.ShouldDecide<RequesterIdentityVerified>(IdentityCheck with { AgencyDocument = "委任状" }, ReceivedAt);

        verified.AgencyDocument.ShouldBe("委任状");
        c.State.IdentityVerified.ShouldBeTrue();
    }

    [Fact]
    public void an_agents_identity_check_without_the_agency_document_is_refused_citing_article_19_2_or_39_2()
    {
        Received(requester: RequesterType.AppointedAgent).ShouldRefuse(IdentityCheck, ReceivedAt, "case.agency-not-shown", "第19条第2項");
        Received(RequestKind.Suspension, RequesterType.LegalRepresentative).ShouldRefuse(IdentityCheck, ReceivedAt, "case.agency-not-shown", "第39条第2項");
    }
}
