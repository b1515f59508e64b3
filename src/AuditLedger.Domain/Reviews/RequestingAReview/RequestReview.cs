// 第44条 (Art. 44): 審査請求 / requesting a review of a decision on a request, or of the failure to decide it.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>審査請求 (Art. 44): against the decision on a request case, or against the failure to decide.</summary>
public sealed record RequestReview : LedgerCommand
{
    /// <summary>Art. 44, 45(1): a review of a decision needs a decision; a review of inaction needs a request still pending.</summary>
    public static readonly LedgerRule ReviewTargetMismatch = new(
        "review.target-mismatch", ArticleRef.Ordinance(44),
        "審査請求の対象が事案と合いません。決定に対する審査請求は決定後に、不作為に対する審査請求は決定前にのみできます（第44条、第45条第1項）。",
        "The review does not fit the case: a review of a decision needs a decision, a review of inaction needs none yet (Art. 44, 45(1)).");

    public Guid? ReviewId { get; init; }
    public Guid CaseId { get; init; }
    public ReviewTarget Target { get; init; }
    /// <summary>Whether the appellant is a third party (e.g. against a disclosure of their information, Art. 46(1)).</summary>
    public bool ByThirdParty { get; init; }
    /// <summary>審査請求人の氏名及び住所, as personal data of the appellant.</summary>
    public IReadOnlyList<PersonalData> Appellant { get; init; } = [];
    /// <summary>審査請求の趣旨 without personal data.</summary>
    [PersonalText]
    public string Summary { get; init; } = "";

    public override Guid StreamId => ReviewId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, CaseId, nameof(CaseId), "対象の請求事案ID", "id of the request case");
        Fields.RequireDefined(errors, Target, nameof(Target), "審査請求の対象", "review target");
        Fields.CheckPersonalData(errors, Appellant, nameof(Appellant));
        Fields.RequireText(errors, Summary, nameof(Summary), "審査請求の趣旨", "summary of the review request", 4000);
    }

    public IReadOnlyList<ILedgerEvent> Decide(Guid reviewId, RequestCase requestCase, DateTimeOffset now)
    {
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(44), "審査請求の受付 / review requested"));
        Chronology.NotBefore(context, requestCase.ReceivedAt, "receipt of the request");
        var decided = requestCase.Outcome is not null;
        if (Target == ReviewTarget.Decision && !decided)
            throw new LedgerRuleViolation(ReviewTargetMismatch, "The request has not been decided; a review can be against inaction only.");
        if (Target == ReviewTarget.Inaction && requestCase.Status != CaseStatus.Open)
            throw new LedgerRuleViolation(ReviewTargetMismatch, "The request is no longer pending; a review can be against its decision only.");
        return [new ReviewRequested(reviewId, requestCase.Id, requestCase.Kind, requestCase.JurisdictionId, Target, ByThirdParty,
            PersonalData.In(Appellant, reviewId), PersonalText.About(reviewId, (Appellant ?? []).Select(a => a.DataSubjectId).Concat(requestCase.PersonIds), Summary)!, context)];
    }
}
