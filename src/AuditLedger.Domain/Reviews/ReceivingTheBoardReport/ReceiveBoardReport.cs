// 第45条第1項 (Art. 45(1)): 答申の受領 / receiving the report of the board consulted.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>答申の受領.</summary>
public sealed record ReceiveBoardReport : ReviewCommand
{
    [PersonalText]
    public string Conclusion { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Conclusion, nameof(Conclusion), "答申の結論", "conclusion of the report", 4000);

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        RefuseWhenNotConsulted(review, ArticleRef.Ordinance(45, 1));
        return [new BoardReportReceived(review.Id, PersonalText.About(review.Id, review.PersonIds, Conclusion)!, Context(now, ArticleRef.Ordinance(45, 1), "答申の受領 / board's report received"))];
    }
}
