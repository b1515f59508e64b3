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
            LedgerEventType.Of<ReviewRequested>(),
            LedgerEventType.Of<BoardConsulted>(),
            LedgerEventType.Of<ConsultationExceptionApplied>(),
            LedgerEventType.Of<ConsultationPartiesNotified>(),
            LedgerEventType.Of<BoardReportReceived>(),
            LedgerEventType.Of<ReviewRuled>(),
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
