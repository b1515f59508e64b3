using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Requests.RequestCases;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 18-19, 31-32, 38-39: the clerk receives a request and opens its case.
public sealed class ReceivingARequestTests
{
    [Fact]
    public void the_clerk_receives_a_disclosure_request_and_its_case_opens_with_the_requesters_name_sealed_to_the_case()
    {
        var request = Request();
        var received = ShouldDecide<RequestReceived>(() => request.Decide(request.CaseId!.Value, Urayasu, null, ReceivedAt));

        received.CaseId.ShouldBe(request.CaseId!.Value);
        received.Kind.ShouldBe(RequestKind.Disclosure);
        received.JurisdictionId.ShouldBe("urayasu-council");
        received.DataSubjectId.ShouldBe(request.DataSubjectId);
        received.Requester.ShouldAllBe(p => p.StreamId == request.CaseId);
        received.DisclosureReceivedOn.ShouldBeNull();
        received.Context.Ground.Article.Japanese.ShouldBe("第18条");
        var c = new EventStream<RequestCase>(RequestCase.Evolve).Append([received]).State;
        c.Status.ShouldBe(CaseStatus.Open);
        c.ReceivedOn.ShouldBe(new DateOnly(2025, 6, 2));
        c.PersonIds.ShouldBe([request.DataSubjectId]);
        c.IdentityVerified.ShouldBeFalse();
    }

    [Fact]
    public void the_clerk_receives_a_correction_request_naming_the_disclosure_case_and_the_window_counts_from_its_disclosure()
    {
        var disclosure = Decided(CaseOutcome.DisclosedInFull)
            .Then(new RecordDecisionNoticeDelivery(), Day(2025, 6, 23))
            .Then(new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 25))
            .Then(new ImplementDisclosure { Method = DisclosureMethod.Copy }, Day(2025, 6, 30));
        var request = Request(RequestKind.Correction, subject: disclosure.State.DataSubjectId, at: Day(2025, 7, 14)) with
        {
            DisclosureCaseId = disclosure.State.Id, DisclosureReceivedOn = null,
        };

        var correction = Received(request, disclosureCase: disclosure.State);

        var received = correction.Events.Events.Single().ShouldBeOfType<RequestReceived>();
        received.DisclosureReceivedOn.ShouldBe(new DateOnly(2025, 6, 30));
        received.Context.Ground.Article.Japanese.ShouldBe("第31条");
        correction.State.DisclosureCaseId.ShouldBe(disclosure.State.Id);
        correction.State.Kind.ShouldBe(RequestKind.Correction);
    }

    [Fact]
    public void a_request_without_the_requesters_name_is_refused_citing_article_19_1_1_or_32_1_1()
    {
        var request = Request();
        var nameless = request with { Requester = [.. request.Requester.Where(p => p.Kind != PersonalDataKind.Name)] };
        ShouldBeRefused(() => nameless.Decide(nameless.CaseId!.Value, Urayasu, null, ReceivedAt), "case.requester-name-required", "第19条第1項第1号");

        var correction = Request(RequestKind.Correction);
        var namelessCorrection = correction with { Requester = [.. correction.Requester.Where(p => p.Kind != PersonalDataKind.Name)] };
        ShouldBeRefused(() => namelessCorrection.Decide(correction.CaseId!.Value, Urayasu, null, ReceivedAt), "case.requester-name-required", "第32条第1項第1号");
    }

    [Fact]
    public void a_correction_request_without_a_disclosure_received_is_refused_citing_article_31_1()
    {
        var request = Request(RequestKind.Correction) with { DisclosureReceivedOn = null };
        ShouldBeRefused(() => request.Decide(request.CaseId!.Value, Urayasu, null, ReceivedAt), "case.request-needs-disclosure", "第31条第1項");
    }

    [Fact]
    public void a_suspension_request_naming_a_disclosure_not_carried_out_is_refused_citing_article_38_1()
    {
        var decidedOnly = Decided(CaseOutcome.DisclosedInFull);
        var request = Request(RequestKind.Suspension, subject: decidedOnly.State.DataSubjectId, at: Day(2025, 7, 1)) with { DisclosureCaseId = decidedOnly.State.Id };
        ShouldBeRefused(() => request.Decide(request.CaseId!.Value, Urayasu, decidedOnly.State, Day(2025, 7, 1)), "case.request-needs-disclosure", "第38条第1項");
    }

    [Fact]
    public void a_correction_request_more_than_90_days_after_the_disclosure_is_refused_citing_article_31_3()
    {
        // Received 1 May 2025: day 1 is 2 May (民法第140条), day 90 is Wednesday 30 July; 1 September is late.
        var late = Request(RequestKind.Correction, at: Day(2025, 9, 1)) with { DisclosureReceivedOn = new DateOnly(2025, 5, 1) };
        ShouldBeRefused(() => late.Decide(late.CaseId!.Value, Urayasu, null, Day(2025, 9, 1)), "case.request-window-passed", "第31条第3項");

        var lastDay = late with { OccurredAt = Day(2025, 7, 30) };
        ShouldDecide<RequestReceived>(() => lastDay.Decide(lastDay.CaseId!.Value, Urayasu, null, Day(2025, 7, 30)));
    }
}
