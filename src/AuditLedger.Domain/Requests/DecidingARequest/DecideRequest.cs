// 第24条、第34条、第41条 (Art. 24, 34, 41): 開示決定等・訂正決定等・利用停止決定等 / deciding a request, with its written notice.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>開示決定等・訂正決定等・利用停止決定等 and the written notice (Art. 24, 34, 41), or a dismissal.</summary>
public sealed record DecideRequest : CaseCommand
{
    public CaseOutcome Outcome { get; init; }
    public DecisionScope Scope { get; init; } = DecisionScope.Whole;
    /// <summary>The reasons given in the notice (for a refusal, the non-disclosure grounds of Art. 20 and so on).</summary>
    [PersonalText]
    public string Reasons { get; init; } = "";
    /// <summary>The decision's document number (決定通知書の文書番号).</summary>
    public string DecisionReference { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Outcome, nameof(Outcome), "決定の内容", "outcome");
        Fields.RequireDefined(errors, Scope, nameof(Scope), "決定の範囲", "scope");
        Fields.RequireText(errors, Reasons, nameof(Reasons), "決定の理由", "reasons", 4000);
        Fields.RequireText(errors, DecisionReference, nameof(DecisionReference), "決定通知書の文書番号", "decision reference", 200);
    }

    public static readonly LedgerRule OutcomeNotForKind = new(
        "case.outcome-not-for-kind", Ordinance(24),
        "この種類の請求にはできない決定です（開示請求：第24条、訂正請求：第34条、利用停止請求：第41条）。",
        "That decision does not exist for this kind of request (disclosure: Art. 24; correction: Art. 34; suspension: Art. 41).");

    public static readonly LedgerRule IdentityNotVerified = new(
        "case.identity-not-verified", Ordinance(19, 2),
        "本人（又は代理人）であることの確認が記録されていません。確認の後に決定してください（第19条第2項、第32条第2項、第39条第2項）。",
        "The requester's identity (or agency) has not been checked. Record the check before deciding (Art. 19(2), 32(2), 39(2)).");

    public static readonly LedgerRule PortionWithoutSpecialDeadline = new(
        "case.portion-without-special-deadline", Ordinance(26, 1),
        "一部についての決定（相当の部分・残り）は、第26条の特例を通知した開示請求についてのみできます。",
        "A decision on a part (the substantial part or the rest) is possible only for a disclosure request under the Art. 26 special deadline.");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        if (!Outcome.BelongsTo(c.Kind))
            throw CaseRefusal.Of(OutcomeNotForKind, articles.Decision, $"A {articles.NameEn} is decided as one of: {string.Join(", ", CaseOutcomes.For(c.Kind))}.");
        if (Outcome != CaseOutcome.Dismissed)
        {
            if (!c.IdentityVerified) throw CaseRefusal.Of(IdentityNotVerified, articles.IdentityCheck);
            CaseChecks.RefusePendingFormCorrection(c, articles);
        }
        switch (Scope)
        {
            case DecisionScope.SubstantialPortion when c.Kind != RequestKind.Disclosure || c.SpecialDueDate is null || c.PortionDecidedOn is not null:
            case DecisionScope.Remainder when c.PortionDecidedOn is null:
                throw CaseRefusal.Of(PortionWithoutSpecialDeadline, ArticleRef.Ordinance(26, 1));
        }
        // A decision after its deadline is still recorded: the ledger keeps what happened, and the deadline view shows it as met late.
        return [new RequestDecided(c.Id, Outcome, Scope, PersonalText.About(c.Id, c.PersonIds, Reasons)!, DecisionReference.Trim(),
            Context(now, Outcome == CaseOutcome.Dismissed ? articles.Request : articles.Decision, $"決定 {Outcome} / decided: {Outcome}"))];
    }
}
