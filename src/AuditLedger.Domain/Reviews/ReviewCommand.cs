// 第45条第1項、第2項 (Art. 45(1), (2)): 審査請求に係る手続の共通の要件 / what every step on a review that has not been ruled on requires.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Base of the commands on a review that has not been ruled on.</summary>
public abstract record ReviewCommand : StreamCommand
{
    /// <summary>A review ruled on (裁決) is final in the ledger: no step follows its ruling.</summary>
    public static readonly LedgerRule ReviewAlreadyRuled = new(
        "review.already-ruled", ArticleRef.Ordinance(45, 1),
        "この審査請求には既に裁決がされています。",
        "This review has already been ruled on.");

    /// <summary>Art. 45(1): the board is consulted once, or an exception from consulting it applied, not both.</summary>
    public static readonly LedgerRule ConsultationAlreadyDecided = new(
        "review.consultation-already-decided", ArticleRef.Ordinance(45, 1),
        "この審査請求は既に審査会に諮問済み、又は諮問をしない例外を適用済みです（第45条第1項）。",
        "The board has already been consulted on this review, or an exception from consultation applied (Art. 45(1)).");

    /// <summary>Art. 45(2): the parties are told of a consultation, and the board reports, only after it was consulted.</summary>
    public static readonly LedgerRule NotConsulted = new(
        "review.not-consulted", ArticleRef.Ordinance(45, 2),
        "審査会に諮問していません。諮問をした旨の通知と答申は、諮問の後にのみ記録できます（第45条第2項）。",
        "The board has not been consulted; notices of the consultation and the board's report follow a consultation (Art. 45(2)).");

    public Guid ReviewId { get; init; }

    public override Guid StreamId => ReviewId;

    /// <param name="requestCase">The request case reviewed: some steps depend on its kind and its third parties.</param>
    public IReadOnlyList<ILedgerEvent> Decide(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        if (review.Outcome is not null) throw new LedgerRuleViolation(ReviewAlreadyRuled);
        var events = DecideOnReview(review, requestCase, now);
        foreach (var e in events) Chronology.NotBefore(e.Context, review.RequestedAt, "review request");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now);

    protected EventContext Context(DateTimeOffset now, ArticleRef article, string statement) => ContextAt(now, LegalGround.Of(article, statement));

    protected static void RefuseWhenConsultationDecided(ReviewCase review)
    {
        if (review.ConsultedOn is not null || review.Exception is not null) throw new LedgerRuleViolation(ConsultationAlreadyDecided);
    }

    /// <param name="article">The article the refusal cites, when the step is not the Art. 45(2) notice itself.</param>
    protected static void RefuseWhenNotConsulted(ReviewCase review, ArticleRef? article = null)
    {
        if (review.ConsultedOn is null) throw new LedgerRuleViolation(article is null ? NotConsulted : NotConsulted with { Article = article });
    }
}
