namespace AuditLedger.Host.Reviews;

using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Ledger;

/// <summary>The reviews module (審査請求, 第44条～第46条) in the host: each command's handler, HTTP endpoint and command-line name, in the same order.</summary>
public static class ReviewsHost
{
    public static readonly HostModule Module = new(ReviewsModule.Module,
    [
        new("request-review", typeof(RequestReview), "POST /api/reviews",
            "審査請求 (Art. 44) / receive a review request"),
        new("consult-board", typeof(ConsultBoard), "POST /api/reviews/{reviewId}/consultation",
            "審査会への諮問 (Art. 45(1)) / consult the review board"),
        new("apply-consultation-exception", typeof(ApplyConsultationException), "POST /api/reviews/{reviewId}/consultation-exception",
            "諮問を要しない場合 (Art. 45(1)(1)-(4)) / rule without consultation"),
        new("notify-consultation-parties", typeof(NotifyConsultationParties), "POST /api/reviews/{reviewId}/consultation-notices",
            "諮問をした旨の通知 (Art. 45(2)) / notify the parties of the consultation"),
        new("receive-board-report", typeof(ReceiveBoardReport), "POST /api/reviews/{reviewId}/board-report",
            "答申の受領 / receive the board's report", "record-board-report", "RecordBoardReport"),
        new("rule-on-review", typeof(RuleOnReview), "POST /api/reviews/{reviewId}/ruling",
            "裁決 (Art. 45, 46) / rule on the review"),
    ]);
}
