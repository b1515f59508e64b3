namespace AuditLedger.Domain.Law;

using AuditLedger.Deadlines.Profiles;

/// <summary>A rule as the law in force states it: what a refusal, the pages and /api/rules show.</summary>
/// <param name="Fallback">True when the profile does not list the rule: the catalog's own declaration is shown (the
/// article numbers of the Urayasu council ordinance the catalog was written against).</param>
public sealed record RuleAsCited(
    string Code, string Jurisdiction, bool Applies, string ArticleJa, string ArticleEn, string Japanese, string English,
    string? ToDoJa, string? ToDoEn, bool Fallback);

/// <summary>
/// The law per jurisdiction: every renderer of a rule (problem details, the pages' refusal display, /api/rules) calls
/// <see cref="RuleInForce"/> with the profile in force, so that what a refusal cites comes from the profile's
/// <c>rules</c> section, not from the C# declaration.
/// </summary>
public static class LawInForce
{
    private static readonly Lazy<IReadOnlyDictionary<string, LedgerRule>> Catalog =
        new(() => Rules.All.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    /// <summary>
    /// The rule as <paramref name="profile"/> cites it. A rule the profile lists: its applicability, its citation, and its
    /// texts where given (else the catalog's). Where the profile's citation is the catalog's own declared article (the
    /// Urayasu profile, generated from the catalog), the article the refusal carries is kept, because a check names the
    /// article of the case's own kind (Art. 32 rather than 19 for a correction). A rule the profile does not list falls
    /// back to the catalog's declaration, marked <see cref="RuleAsCited.Fallback"/> so that a reader sees it is not the
    /// jurisdiction's own citation.
    /// </summary>
    public static RuleAsCited RuleInForce(LedgerRule rule, JurisdictionProfile profile)
    {
        var declared = Catalog.Value.GetValueOrDefault(rule.Code) ?? rule;
        if (!profile.Law.Rules.TryGetValue(rule.Code, out var entry))
            return new(rule.Code, profile.Id, true, rule.Article.Japanese, rule.Article.English, rule.Japanese, rule.English, null, null, Fallback: true);
        var sameAsDeclared = entry.Citation.Ja == declared.Article.Japanese;
        return new(rule.Code, profile.Id, entry.Applies,
            sameAsDeclared ? rule.Article.Japanese : entry.Citation.Ja,
            sameAsDeclared ? rule.Article.English : entry.Citation.En,
            entry.Text?.Ja ?? rule.Japanese, entry.Text?.En ?? rule.English, entry.ToDo?.Ja, entry.ToDo?.En, Fallback: false);
    }

    /// <summary>Every rule of the catalog as <paramref name="profile"/> cites it (for /api/rules).</summary>
    public static IReadOnlyList<RuleAsCited> AllInForce(JurisdictionProfile profile) => [.. Rules.All.Select(r => RuleInForce(r, profile))];
}
