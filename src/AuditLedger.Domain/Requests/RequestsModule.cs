namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>開示・訂正・利用停止請求 (第18条から第43条まで): a request from its receipt to its decision and what follows, with its statutory clocks.</summary>
public static class RequestsModule
{
    public static readonly LedgerModule Module = new(
        "requests", "開示・訂正・利用停止請求（第18条～第43条）",
        Events:
        [
            LedgerEventType.Of<RequestReceived>(),
            LedgerEventType.Of<RequesterIdentityVerified>(),
            LedgerEventType.Of<FormCorrectionRequested>(),
            LedgerEventType.Of<FormCorrectionCompleted>(),
            LedgerEventType.Of<DecisionPeriodExtended>(),
            LedgerEventType.Of<SpecialDeadlineNotified>(),
            LedgerEventType.Of<ChairVacancyRecorded>(),
            LedgerEventType.Of<ThirdPartyNotified>(),
            LedgerEventType.Of<ThirdPartyOpinionReceived>(),
            LedgerEventType.Of<RequestDecided>(),
            LedgerEventType.Of<DecisionNoticeDelivered>(),
            LedgerEventType.Of<ObjectorNotifiedOfDisclosure>(),
            LedgerEventType.Of<DisclosureMethodRequested>(),
            LedgerEventType.Of<DisclosureImplemented>(),
            LedgerEventType.Of<CopyCostCharged>(),
            LedgerEventType.Of<ProvisionRecipientsNotified>(),
            LedgerEventType.Of<RequestWithdrawn>(),
            LedgerEventType.Of<ReviewRulingApplied>(),
        ],
        Commands:
        [
            typeof(ReceiveRequest), typeof(VerifyRequesterIdentity), typeof(RequestFormCorrection), typeof(CompleteFormCorrection),
            typeof(ExtendDecisionPeriod), typeof(NotifySpecialDeadline), typeof(RecordChairVacancy), typeof(NotifyThirdParty),
            typeof(ReceiveThirdPartyOpinion), typeof(DecideRequest), typeof(RecordDecisionNoticeDelivery), typeof(NotifyObjectorOfDisclosure),
            typeof(RequestDisclosureMethod), typeof(ImplementDisclosure), typeof(ChargeCopyCost), typeof(NotifyProvisionRecipients),
            typeof(WithdrawRequest),
        ],
        Rules:
        [
            CaseChecks.CaseWithdrawn, CaseChecks.AlreadyDecided, CaseChecks.FormCorrectionPending, CaseChecks.ThirdPartyNotNotified,
            CaseChecks.DisclosureBeforeObjectionInterval, CaseChecks.NothingToDisclose,
            ReceiveRequest.RequesterNameRequired, ReceiveRequest.RequestNeedsDisclosure, ReceiveRequest.RequestWindowPassed,
            VerifyRequesterIdentity.AgencyNotShown,
            CompleteFormCorrection.NoFormCorrectionPending,
            ExtendDecisionPeriod.ExtensionNotProvided, ExtendDecisionPeriod.ExtensionTooLong, ExtendDecisionPeriod.ExtensionAfterPeriod,
            NotifySpecialDeadline.SpecialDeadlineNotProvided, NotifySpecialDeadline.SpecialDeadlineNoticeLate, NotifySpecialDeadline.SpecialDeadlineBeforeOrdinary,
            NotifyThirdParty.ThirdPartyOnlyForDisclosure, NotifyThirdParty.ThirdPartyNoticeAfterDecision,
            DecideRequest.OutcomeNotForKind, DecideRequest.IdentityNotVerified, DecideRequest.PortionWithoutSpecialDeadline,
            RecordDecisionNoticeDelivery.NotYetDecided,
            RequestDisclosureMethod.MethodRequestLate,
            ImplementDisclosure.DecisionNoticeNotDelivered, ImplementDisclosure.DisclosureMethodNotStated,
            NotifyProvisionRecipients.RecipientNoticeNeedsCorrection, NotifyProvisionRecipients.NoProvisionRecipients,
        ]);
}
