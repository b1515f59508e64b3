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
            var writtenAsTheLawWritesIt = article.StartsWith('第')
                || (rule.Article.Law is { Length: > 0 } law && article.StartsWith(law + "第"));
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
    public void the_register_item_rule_names_the_item_of_article_17_1_it_is_about()
    {
        foreach (var item in Enumerable.Range(1, 9))
        {
            var rule = Files.RegisterItemRules.RegisterItemMissing(item, "項目", "item");
            rule.Code.ShouldBe($"file.register-item-missing.{item}");
            rule.Article.Japanese.ShouldBe($"第17条第1項第{item}号");
        }
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
