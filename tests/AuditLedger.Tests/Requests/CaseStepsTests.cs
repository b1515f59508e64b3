namespace AuditLedger.Tests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The steps a case may take next (<see cref="CaseSteps.Allowed"/>), derived from the commands' own decisions: what the
/// case page offers in each state the ordinance distinguishes, and nothing it would refuse.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CaseStepsTests(LedgerFixture fixture)
{
    private static readonly DateTimeOffset Now = CaseDriver.Day(2026, 11, 24, 10);

    private CaseInputs Inputs => new(fixture.Services.GetRequiredService<LedgerJurisdictions>().Default);

    private static RequestCase Received(RequestKind kind = RequestKind.Disclosure)
    {
        var at = CaseDriver.Day(2026, 11, 20, 10);
        return new RequestCase
        {
            Id = Guid.NewGuid(), Kind = kind, Version = 1, DataSubjectId = Guid.NewGuid(), ReceivedAt = at,
            ReceivedOn = JapanDate.Of(at), LastStepOn = JapanDate.Of(at), Status = CaseStatus.Open,
        };
    }

    private string[] Allowed(RequestCase c) => [.. CaseSteps.Allowed(c, Inputs, Now).Select(s => s.Command.Name)];

    [Fact]
    public void a_request_just_received_may_be_checked_corrected_extended_decided_or_withdrawn_but_nothing_of_the_disclosure_yet()
    {
        var steps = Allowed(Received());
        steps.ShouldContain(nameof(VerifyRequesterIdentity));
        steps.ShouldContain(nameof(RequestFormCorrection));
        steps.ShouldContain(nameof(ExtendDecisionPeriod));
        steps.ShouldContain(nameof(DecideRequest));
        steps.ShouldContain(nameof(NotifyThirdParty));
        steps.ShouldContain(nameof(WithdrawRequest));
        steps.ShouldNotContain(nameof(CompleteFormCorrection));
        steps.ShouldNotContain(nameof(ReceiveThirdPartyOpinion));
        steps.ShouldNotContain(nameof(RecordDecisionNoticeDelivery));
        steps.ShouldNotContain(nameof(RequestDisclosureMethod));
        steps.ShouldNotContain(nameof(ImplementDisclosure));
        steps.ShouldNotContain(nameof(ChargeCopyCost));
        steps.ShouldNotContain(nameof(NotifyObjectorOfDisclosure));
    }

    [Fact]
    public void while_a_correction_of_form_is_pending_only_its_completion_not_another_one_is_offered()
    {
        var c = Received();
        c.FormCorrections.Add(new FormCorrectionSpan(c.ReceivedOn, null));
        var steps = Allowed(c);
        steps.ShouldContain(nameof(CompleteFormCorrection));
        steps.ShouldNotContain(nameof(RequestFormCorrection));
    }

    [Fact]
    public void after_a_partial_disclosure_the_notice_then_the_method_then_the_disclosure_follow_in_the_order_of_article_28()
    {
        var c = Received();
        c.IdentityVerified = true;
        c.Status = CaseStatus.Decided;
        c.Outcome = CaseOutcome.DisclosedInPart;
        c.DecidedOn = JapanDate.Of(Now);
        var decided = Allowed(c);
        decided.ShouldContain(nameof(RecordDecisionNoticeDelivery));
        decided.ShouldContain(nameof(RequestDisclosureMethod));
        decided.ShouldNotContain(nameof(ImplementDisclosure));
        decided.ShouldNotContain(nameof(DecideRequest));
        decided.ShouldNotContain(nameof(ExtendDecisionPeriod));
        decided.ShouldNotContain(nameof(WithdrawRequest));

        c.NoticeDeliveredOn = JapanDate.Of(Now);
        c.MethodRequestedOn = JapanDate.Of(Now);
        c.RequestedMethod = DisclosureMethod.Copy;
        Allowed(c).ShouldContain(nameof(ImplementDisclosure));
    }

    [Fact]
    public void a_refusal_to_disclose_has_no_method_or_disclosure_and_a_correction_request_has_no_third_party()
    {
        var refused = Received();
        refused.Status = CaseStatus.Decided;
        refused.Outcome = CaseOutcome.NotDisclosed;
        refused.NoticeDeliveredOn = JapanDate.Of(Now);
        Allowed(refused).ShouldNotContain(nameof(RequestDisclosureMethod));
        Allowed(refused).ShouldNotContain(nameof(ImplementDisclosure));

        Allowed(Received(RequestKind.Correction)).ShouldNotContain(nameof(NotifyThirdParty));
    }

    [Fact]
    public void nothing_follows_a_withdrawal()
    {
        var c = Received();
        c.Status = CaseStatus.Withdrawn;
        c.WithdrawnOn = JapanDate.Of(Now);
        Allowed(c).ShouldBeEmpty();
    }

    [Fact]
    public void each_step_is_named_with_the_article_of_the_case_s_kind()
    {
        CaseSteps.Named(RequestKind.Correction, nameof(ExtendDecisionPeriod))!.Article.Japanese.ShouldBe("第35条第2項");
        CaseSteps.Named(RequestKind.Disclosure, nameof(RequestFormCorrection))!.Article.Japanese.ShouldBe("第19条第3項");
        CaseSteps.Named(RequestKind.Disclosure, "NoSuchStep").ShouldBeNull();
    }
}
