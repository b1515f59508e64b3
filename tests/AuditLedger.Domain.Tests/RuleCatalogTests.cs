using AuditLedger.Domain.Law;

namespace AuditLedger.Domain.Tests;

public class RuleCatalogTests
{
    [Fact]
    public void every_rule_has_a_code_japanese_and_english_text_and_an_article_written_as_the_law_writes_it()
    {
        var rules = Rules.All.ToList();
        rules.Count.ShouldBeGreaterThan(20);
        rules.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Code));
        rules.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Japanese));
        rules.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.English));
        foreach (var rule in rules)
        {
            var article = rule.Article.Japanese;
            // A text without article numbers (Nagareyama's overview) is cited by its law and the heading of its section, and
            // the citation says it has no article number, in both languages.
            var writtenAsTheLawWritesIt = rule.Article.Section is { Length: > 0 } section
                ? rule.Article.Article == 0 && rule.Article.Law is { Length: > 0 } sectionLaw
                  && article == $"{sectionLaw}「{section}」（条番号なし：概要の節）" && rule.Article.English.EndsWith("(no article numbers)")
                : article.StartsWith('第') || (rule.Article.Law is { Length: > 0 } law && article.StartsWith(law + "第"));
            writtenAsTheLawWritesIt.ShouldBeTrue($"{rule.Code} cites {article}");
        }
    }

    [Fact]
    public void rule_codes_are_unique()
    {
        var codes = Rules.All.Select(r => r.Code).ToList();
        codes.ShouldBeUnique();
    }

    [Fact]
    public void each_required_item_of_article_17_1_has_its_rule_in_the_catalog_naming_the_item()
    {
        (int Item, LedgerRule Rule)[] items =
        [
            (1, Files.RegisterItemRules.FileNameMissing), (2, Files.RegisterItemRules.OrganisationMissing),
            (3, Files.RegisterItemRules.PurposeOfUseMissing), (4, Files.RegisterItemRules.RecordedItemsOrScopeMissing),
            (5, Files.RegisterItemRules.CollectionMethodMissing), (8, Files.RegisterItemRules.RequestOfficeMissing),
        ];
        foreach (var (item, rule) in items)
        {
            rule.Code.ShouldBe($"file.register-item-missing.{item}");
            rule.Article.Japanese.ShouldBe($"第17条第1項第{item}号");
            rule.Japanese.ShouldContain($"第17条第1項第{item}号");
            Rules.All.ShouldContain(r => ReferenceEquals(r, rule), rule.Code);
        }
        Rules.All.Where(r => r.Code.StartsWith("file.register-item-missing.", StringComparison.Ordinal)).Count().ShouldBe(items.Length);
    }

    [Fact]
    public void articles_are_written_in_the_ordinances_japanese_form()
    {
        ArticleRef.Ordinance(12, 2, 3).Japanese.ShouldBe("第12条第2項第3号");
        ArticleRef.ProvisoOf(12, 2).Japanese.ShouldBe("第12条第2項ただし書");
        ArticleRef.Ordinance(11, null, 1).Japanese.ShouldBe("第11条第1号");
        new ArticleRef(19, Law: "番号利用法").Japanese.ShouldBe("番号利用法第19条");
    }
}
