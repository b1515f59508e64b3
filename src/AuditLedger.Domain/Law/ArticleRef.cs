namespace AuditLedger.Domain.Law;

/// <summary>
/// A citation of a provision: the ordinance's article, paragraph and item (第12条第2項第1号),
/// optionally its proviso (ただし書), or a provision of another law named in <see cref="Law"/>.
/// For a text without article numbers (Nagareyama's overview) it names the heading of the section that states the rule
/// (<see cref="Section"/>, with <see cref="Article"/> 0) and says so.
/// </summary>
public sealed record ArticleRef(int Article, int? Paragraph = null, int? Item = null, bool Proviso = false, string? Law = null,
    string? Section = null, string? SectionEnglish = null)
{
    /// <summary>How the ordinance writes it, e.g. 第12条第2項第1号 or 番号利用法第19条; for a section, 流山市個人情報保護制度「…」（条番号なし：概要の節）.</summary>
    public string Japanese => Section is not null ? $"{Law}「{Section}」（条番号なし：概要の節）" :
        $"{Law}第{Article}条"
        + (Paragraph is { } p ? $"第{p}項" : "")
        + (Item is { } i ? $"第{i}号" : "")
        + (Proviso ? "ただし書" : "");

    /// <summary>English form, e.g. Art. 12(2)(1) or Art. 19 of the My Number Act.</summary>
    public string English => Section is not null
        ? $"{LawNamesInEnglish.GetValueOrDefault(Law ?? "", Law ?? "")}, overview section \"{SectionEnglish ?? Section}\" (no article numbers)" :
        $"Art. {Article}"
        + (Paragraph is { } p ? $"({p})" : "")
        + (Item is { } i ? $"({i})" : "")
        + (Proviso ? " proviso" : "")
        + (Law is null ? "" : $" of the {LawNamesInEnglish.GetValueOrDefault(Law, Law)}");

    public override string ToString() => Japanese;

    public static ArticleRef Ordinance(int article, int? paragraph = null, int? item = null) => new(article, paragraph, item);

    /// <summary>A rule of a text without article numbers, cited by the heading of its section (e.g. Nagareyama's overview).</summary>
    public static ArticleRef SectionOf(string law, string section, string? sectionEnglish = null) => new(0, Law: law, Section: section, SectionEnglish: sectionEnglish);

    public static ArticleRef ProvisoOf(int article, int paragraph) => new(article, paragraph, null, Proviso: true);

    private static readonly Dictionary<string, string> LawNamesInEnglish = new()
    {
        ["番号利用法"] = "My Number Act",
        ["流山市個人情報保護制度"] = "Nagareyama personal information protection scheme",
    };
}

/// <summary>The legal ground an event was recorded under: the article and a short statement.</summary>
public sealed record LegalGround(ArticleRef Article, string Statement)
{
    public static LegalGround Of(ArticleRef article, string statement) => new(article, statement);
}
