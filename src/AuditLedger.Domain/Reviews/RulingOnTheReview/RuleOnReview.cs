// 第45条第1項、第46条 (Art. 45(1), 46): 裁決 / ruling on a review, after the board's report or under an exception from consulting it.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>裁決. Where a disclosure follows over a third party's objection, Art. 46 applies the Art. 27(3) interval from the ruling.</summary>
public sealed record RuleOnReview : ReviewCommand
{
    /// <summary>Art. 45(1): the chair rules after consulting the board and receiving its report, unless an exception applies.</summary>
    public static readonly LedgerRule RulingWithoutConsultation = new(
        "review.ruling-without-consultation", ArticleRef.Ordinance(45, 1),
        "裁決の前に、審査会に諮問して答申を受けるか、第45条第1項各号の例外を記録してください。",
        "Before ruling, consult the board and receive its report, or record which exception of Art. 45(1) applies.");

    /// <summary>Art. 45(1)(1)-(4): an exception from consulting the board allows only the ruling it names.</summary>
    public static readonly LedgerRule RulingOutsideException = new(
        "review.ruling-outside-exception", ArticleRef.Ordinance(45, 1),
        "諮問をしない例外を適用した場合、裁決はその例外の内容（第1号：却下、第2号から第4号まで：全部認容）に限られます（第45条第1項）。",
        "Under an exception from consultation the ruling must be the one the exception names ((1) dismissal; (2)-(4) upholding in full) (Art. 45(1)).");

    public ReviewOutcome Outcome { get; init; }
    [PersonalText]
    public string Reasons { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Outcome, nameof(Outcome), "裁決の内容", "ruling");
        Fields.RequireText(errors, Reasons, nameof(Reasons), "裁決の理由", "reasons", 4000);
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        if (review.Exception is { } exception)
        {
            var allowed = exception == ConsultationException.UnlawfulRequestDismissed ? ReviewOutcome.Dismissed : ReviewOutcome.UpheldInFull;
            if (Outcome != allowed)
                throw CaseRefusal.Of(RulingOutsideException, ArticleRef.Ordinance(45, 1, (int)exception), $"Under this exception the ruling is {allowed}.");
        }
        else if (review.ReportReceivedOn is null)
            throw new LedgerRuleViolation(RulingWithoutConsultation, review.ConsultedOn is null ? "The board has not been consulted." : "The board's report has not been received.");
        // Art. 46(1): a third party's review of a disclosure decision dismissed or rejected; 46(2): a ruling that orders a
        // disclosure the participating third party objected to. Either way the 2-week interval of Art. 27(3) runs from the ruling.
        var overObjection = requestCase.Kind == RequestKind.Disclosure && (
            (review.ByThirdParty && Outcome is ReviewOutcome.Dismissed or ReviewOutcome.Rejected && requestCase.Outcome?.Discloses() == true)
            || (!review.ByThirdParty && Outcome is ReviewOutcome.UpheldInFull or ReviewOutcome.UpheldInPart && requestCase.AnyObjection));
        return [new ReviewRuled(review.Id, Outcome, PersonalText.About(review.Id, review.PersonIds, Reasons)!, overObjection,
            Context(now, overObjection ? ArticleRef.Ordinance(46) : ArticleRef.Ordinance(45, 1), $"裁決 {Outcome} / ruling: {Outcome}"))];
    }
}
