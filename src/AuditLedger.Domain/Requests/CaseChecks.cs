// 第18条から第43条まで (Art. 18-43): 開示・訂正・利用停止請求の各手続に共通する確認 / the checks several steps of a request share.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Builds refusals that cite the article of the case's own kind.</summary>
public static class CaseRefusal
{
    public static LedgerRuleViolation Of(LedgerRule rule, ArticleRef article, string? detail = null) =>
        new(rule with { Article = article }, detail);
}

/// <summary>
/// The checks several steps of a request (disclosure Art. 18-30, correction 31-37, suspension of use 38-43) share, each
/// beside the rule it raises. Where the ordinance repeats a provision for each kind, the rule cites the disclosure article
/// and a refusal names the article of the case's own kind (<see cref="CaseArticles"/>).
/// </summary>
public static class CaseChecks
{
    public static readonly LedgerRule CaseWithdrawn = new(
        "case.withdrawn", Ordinance(18),
        "この請求は取り下げられています。以後の手続は記録できません。",
        "This request has been withdrawn. No further step can be recorded on it.");

    /// <summary>Nothing follows a withdrawal (取下げ): every step on a case is refused once the request is withdrawn.</summary>
    internal static void RefuseWithdrawn(RequestCase c, CaseArticles articles)
    {
        if (c.Status == CaseStatus.Withdrawn) throw CaseRefusal.Of(CaseWithdrawn, articles.Request);
    }

    public static readonly LedgerRule AlreadyDecided = new(
        "case.already-decided", Ordinance(24),
        "この請求は既に決定されています。決定後にこの手続はできません（第24条、第34条、第41条）。",
        "This request has already been decided; this step cannot follow the decision (Art. 24, 34, 41).");

    /// <summary>The steps that lead to the decision (Art. 24, 34, 41) cannot follow it.</summary>
    internal static void RefuseAfterDecision(RequestCase c, CaseArticles articles)
    {
        if (c.Status == CaseStatus.Decided) throw CaseRefusal.Of(AlreadyDecided, articles.Decision);
    }

    public static readonly LedgerRule FormCorrectionPending = new(
        "case.form-correction-pending", Ordinance(19, 3),
        "補正を求めている最中です。補正の完了を記録してから進めてください（第19条第3項、第32条第3項、第39条第3項）。",
        "A correction of form has been requested and is not complete. Record its completion first (Art. 19(3), 32(3), 39(3)).");

    /// <summary>While a 補正 is pending (Art. 19(3), 32(3), 39(3)), neither another one is asked nor the request decided.</summary>
    internal static void RefusePendingFormCorrection(RequestCase c, CaseArticles articles)
    {
        if (c.FormCorrectionIsPending) throw CaseRefusal.Of(FormCorrectionPending, articles.FormCorrection);
    }

    public static readonly LedgerRule ThirdPartyNotNotified = new(
        "case.third-party-not-notified", Ordinance(27, 3),
        "この第三者には意見書提出の機会を与えた記録がありません（第27条第1項・第2項・第3項）。",
        "There is no record of this third party being given the opportunity to submit an opinion (Art. 27(1)-(3)).");

    /// <summary>An opinion (Art. 27(3)) comes from a third party given the opportunity to submit one (Art. 27(1), (2)).</summary>
    internal static void RequireNotifiedThirdParty(RequestCase c, Guid thirdPartyId)
    {
        if (c.ThirdParties.All(t => t.ThirdPartyId != thirdPartyId)) throw CaseRefusal.Of(ThirdPartyNotNotified, ArticleRef.Ordinance(27, 3));
    }

    /// <summary>Art. 27(3) 後段: only a third party who objected (反対意見書) is told the day of disclosure.</summary>
    internal static void RequireObjector(RequestCase c, Guid thirdPartyId)
    {
        if (c.ThirdParties.FirstOrDefault(t => t.ThirdPartyId == thirdPartyId) is not { Objects: true })
            throw CaseRefusal.Of(ThirdPartyNotNotified, ArticleRef.Ordinance(27, 3), "Only a third party who objected is told the day of disclosure.");
    }

    public static readonly LedgerRule DisclosureBeforeObjectionInterval = new(
        "case.disclosure-before-objection-interval", Ordinance(27, 3),
        "反対意見書が提出されているため、開示決定の日と開示を実施する日との間に少なくとも2週間を置かなければなりません（第27条第3項、第46条）。",
        "A third party objected, so at least 2 weeks must separate the disclosure decision and the disclosure (Art. 27(3), 46).");

    /// <summary>
    /// Art. 27(3) (and Art. 46 after a ruling): over an objection, at least 2 weeks separate the decision and the disclosure,
    /// for the day the objector is told of and for the disclosure itself.
    /// </summary>
    internal static void RefuseBeforeObjectionInterval(RequestCase c, CaseInputs inputs, DateOnly disclosureDay)
    {
        if (c.ObjectionIntervalFrom is not { } from) return;
        var earliest = CaseClocks.Window(inputs.Profile, ClockIds.ThirdPartyObjection, from);
        if (earliest is not null && disclosureDay < earliest.DueDate.ToDateOnly())
            throw CaseRefusal.Of(DisclosureBeforeObjectionInterval, ArticleRef.Ordinance(27, 3),
                $"Decided (or ruled) on {from:yyyy-MM-dd}; the earliest day of disclosure is {earliest.DueDate:yyyy-MM-dd}, not {disclosureDay:yyyy-MM-dd}.");
    }

    public static readonly LedgerRule NothingToDisclose = new(
        "case.nothing-to-disclose", Ordinance(28, 3),
        "開示する旨の決定（第24条第1項）がないため、開示の実施方法の申出・開示の実施・写しの費用はありません（第28条、第30条）。",
        "There is no decision to disclose (Art. 24(1)), so there is no method of disclosure, disclosure or copy cost (Art. 28, 30).");

    /// <summary>The method of disclosure, the disclosure and the cost of copies (Art. 28, 30) follow only a decision to disclose (Art. 24(1)).</summary>
    internal static void RequireDisclosingDecision(RequestCase c)
    {
        if (c.Kind != RequestKind.Disclosure || c.Outcome?.Discloses() != true)
            throw CaseRefusal.Of(NothingToDisclose, ArticleRef.Ordinance(28));
    }
}
