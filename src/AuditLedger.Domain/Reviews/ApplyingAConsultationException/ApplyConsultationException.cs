// 第45条第1項各号 (Art. 45(1)(1)-(4)): 諮問を要しない場合 / ruling on a review without consulting the board.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Records which exception of Art. 45(1)(1)-(4) lets the chair rule without consulting the board.</summary>
public sealed record ApplyConsultationException : ReviewCommand
{
    /// <summary>Art. 45(1)(2)-(4): each exception fits one kind of request upheld in full; (2) not where a third party objected.</summary>
    public static readonly LedgerRule ConsultationExceptionNotApplicable = new(
        "review.consultation-exception-not-applicable", ArticleRef.Ordinance(45, 1),
        "この事案には、その諮問をしない例外は当たりません（第45条第1項各号：第2号は開示（反対意見書がある場合を除く）、第3号は訂正、第4号は利用停止の全部認容）。",
        "That exception from consultation does not fit this case (Art. 45(1): (2) full disclosure unless a third party objected, (3) correction, (4) suspension, each upholding the review in full).");

    public ConsultationException Exception { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireDefined(errors, Exception, nameof(Exception), "諮問を要しない場合の区分", "consultation exception");

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        RefuseWhenConsultationDecided(review);
        var article = ArticleRef.Ordinance(45, 1, (int)Exception);
        var fits = Exception switch
        {
            ConsultationException.UnlawfulRequestDismissed => true,
            // (2) excludes the case in which a third party submitted an objection (反対意見書).
            ConsultationException.FullDisclosure => review.CaseKind == RequestKind.Disclosure && !requestCase.AnyObjection,
            ConsultationException.FullCorrection => review.CaseKind == RequestKind.Correction,
            ConsultationException.FullSuspension => review.CaseKind == RequestKind.Suspension,
            _ => false,
        };
        if (!fits) throw CaseRefusal.Of(ConsultationExceptionNotApplicable, article, $"The case is a {review.CaseKind} request{(requestCase.AnyObjection ? " with a third party's objection" : "")}.");
        return [new ConsultationExceptionApplied(review.Id, Exception, Context(now, article, "諮問を要しない場合 / ruling without consultation"))];
    }
}
