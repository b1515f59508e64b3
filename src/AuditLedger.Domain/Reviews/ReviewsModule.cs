namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>審査請求 (第44条から第46条まで): a review from its request through the board's consultation to the ruling.</summary>
public static class ReviewsModule
{
    public static readonly LedgerModule Module = new(
        "reviews", "審査請求（第44条～第46条）",
        Events:
        [
            LedgerEventType.Of<ReviewRequested>("審査請求"),
            LedgerEventType.Of<BoardConsulted>("審査会への諮問"),
            LedgerEventType.Of<ConsultationExceptionApplied>("諮問をしない旨の判断"),
            LedgerEventType.Of<ConsultationPartiesNotified>("諮問をした旨の通知"),
            LedgerEventType.Of<BoardReportReceived>("審査会からの答申"),
            LedgerEventType.Of<ReviewRuled>("裁決"),
        ],
        Commands:
        [
            typeof(RequestReview), typeof(ConsultBoard), typeof(ApplyConsultationException), typeof(NotifyConsultationParties),
            typeof(ReceiveBoardReport), typeof(RuleOnReview),
        ],
        Rules:
        [
            RequestReview.ReviewTargetMismatch, ReviewCommand.ReviewAlreadyRuled, ReviewCommand.ConsultationAlreadyDecided,
            ApplyConsultationException.ConsultationExceptionNotApplicable, ReviewCommand.NotConsulted,
            RuleOnReview.RulingWithoutConsultation, RuleOnReview.RulingOutsideException,
        ]);
}
