// 第45条第1項 (Art. 45(1)): 審査会への諮問 / consulting the review board on a review.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>諮問 (Art. 45(1)).</summary>
public sealed record ConsultBoard : ReviewCommand
{
    public string ConsultationReference { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, ConsultationReference, nameof(ConsultationReference), "諮問の文書番号", "consultation reference", 200);

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        RefuseWhenConsultationDecided(review);
        return [new BoardConsulted(review.Id, ConsultationReference.Trim(), Context(now, ArticleRef.Ordinance(45, 1), "審査会への諮問 / board consulted"))];
    }
}
