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
            LedgerEventType.Of<RequestReceived>("請求の受付"),
            LedgerEventType.Of<RequesterIdentityVerified>("本人確認"),
            LedgerEventType.Of<FormCorrectionRequested>("補正の求め"),
            LedgerEventType.Of<FormCorrectionCompleted>("補正の完了"),
            LedgerEventType.Of<DecisionPeriodExtended>("決定期限の延長"),
            LedgerEventType.Of<SpecialDeadlineNotified>("決定期限の特例の通知"),
            LedgerEventType.Of<ChairVacancyRecorded>("議長及び副議長がともに欠けている期間"),
            LedgerEventType.Of<ThirdPartyNotified>("第三者への意見書提出の機会の付与"),
            LedgerEventType.Of<ThirdPartyOpinionReceived>("第三者の意見書の受領"),
            LedgerEventType.Of<RequestDecided>("決定（開示決定等）"),
            LedgerEventType.Of<DecisionNoticeDelivered>("決定通知の到達"),
            LedgerEventType.Of<ObjectorNotifiedOfDisclosure>("反対意見書提出者への開示実施日の通知"),
            LedgerEventType.Of<DisclosureMethodRequested>("開示の実施の方法等の申出"),
            LedgerEventType.Of<DisclosureImplemented>("開示の実施"),
            LedgerEventType.Of<CopyCostCharged>("写しの交付に要する費用"),
            LedgerEventType.Of<ProvisionRecipientsNotified>("提供先への訂正の通知"),
            LedgerEventType.Of<RequestWithdrawn>("請求の取下げ"),
            LedgerEventType.Of<ReviewRulingApplied>("裁決の反映"),
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
            ReceiveRequest.ChannelNotAccepted, ReceiveRequest.IdentityNotShownAtReceipt,
            VerifyRequesterIdentity.AgencyNotShown,
            CompleteFormCorrection.NoFormCorrectionPending,
            ExtendDecisionPeriod.ExtensionNotProvided, ExtendDecisionPeriod.ExtensionTooLong, ExtendDecisionPeriod.ExtensionAfterPeriod,
            NotifySpecialDeadline.SpecialDeadlineNotProvided, NotifySpecialDeadline.SpecialDeadlineNoticeLate, NotifySpecialDeadline.SpecialDeadlineBeforeOrdinary,
            NotifyThirdParty.ThirdPartyOnlyForDisclosure, NotifyThirdParty.ThirdPartyNoticeAfterDecision,
            DecideRequest.OutcomeNotForKind, DecideRequest.IdentityNotVerified, DecideRequest.PortionWithoutSpecialDeadline,
            RecordDecisionNoticeDelivery.NotYetDecided,
            RequestDisclosureMethod.MethodRequestLate,
            ImplementDisclosure.DecisionNoticeNotDelivered, ImplementDisclosure.DisclosureMethodNotStated,
            ImplementDisclosure.MethodNotProvided, ImplementDisclosure.NoticeAndIdentityNotShown, ChargeCopyCost.CopyCostNotAsRated,
            NotifyProvisionRecipients.RecipientNoticeNeedsCorrection, NotifyProvisionRecipients.NoProvisionRecipients,
        ]);
}
