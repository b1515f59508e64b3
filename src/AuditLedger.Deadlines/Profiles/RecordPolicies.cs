namespace AuditLedger.Deadlines.Profiles;

using System.Text.Json;

/// <summary>
/// Where a jurisdiction's rule on records is written: the law's name and either its article or, for a text without article
/// numbers (Nagareyama's overview), the heading of the section that states it, plus the words quoted from it.
/// </summary>
public sealed record PolicySource(string Law, int? Article, string? Section, string? SectionEnglish, Citation Quote);

/// <summary>A category of information a jurisdiction forbids collecting as a rule (e.g. 思想・信条・宗教), by a stable code.</summary>
public sealed record SensitiveCategory(string Code, LocalizedText Name);

/// <summary>
/// The rules on records and files a jurisdiction adds to the ledger's, as its profile states them (<c>recordPolicies</c>).
/// A rule absent from the profile is not in force there: Urayasu's profile states none, and nothing changes for it.
/// </summary>
public sealed record RecordPolicies
{
    /// <summary>本人収集の原則: a record acquired from someone other than the person needs a recorded exception ground.</summary>
    public PolicySource? CollectionFromThePerson { get; init; }
    /// <summary>The categories not collected as a rule; acquiring one needs a recorded exception ground.</summary>
    public PolicySource? SensitiveCategoriesRule { get; init; }
    public IReadOnlyList<SensitiveCategory> SensitiveCategories { get; init; } = [];
    /// <summary>届出: a 事務 is notified to the mayor before records are acquired into its file.</summary>
    public PolicySource? NotificationBeforeAcquisition { get; init; }
    /// <summary>委託: entrusting processing to a contractor needs the protective measures required of it recorded.</summary>
    public PolicySource? Entrustment { get; init; }

    public static readonly RecordPolicies None = new();
}

public sealed partial record JurisdictionProfile
{
    /// <summary>The jurisdiction's own rules on records and files (<c>recordPolicies</c>); <see cref="RecordPolicies.None"/> when it states none.</summary>
    public RecordPolicies RecordPolicies { get; init; } = RecordPolicies.None;
}

public static partial class ProfileLoader
{
    private sealed partial class Reader
    {
        /// <summary>Reads the optional <c>recordPolicies</c> section: each rule present is switched on, with its source.</summary>
        private RecordPolicies ReadRecordPolicies(JsonElement root)
        {
            if (!root.TryGetProperty("recordPolicies", out var el) || el.ValueKind == JsonValueKind.Null) return RecordPolicies.None;
            const string path = "recordPolicies";
            Object(el, path);
            OnlyKnown(el, path, "notes", "collectionFromThePerson", "sensitiveCategories", "notificationBeforeAcquisition", "entrustment");
            var categories = new List<SensitiveCategory>();
            PolicySource? sensitive = null;
            if (el.TryGetProperty("sensitiveCategories", out var s))
            {
                var sp = Join(path, "sensitiveCategories");
                Object(s, sp);
                OnlyKnown(s, sp, "source", "categories");
                sensitive = Source(Required(s, sp, "source"), Join(sp, "source"));
                var list = Required(s, sp, "categories");
                if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                    throw Fail(Join(sp, "categories"), "区分の配列が必要です（1件以上）", "must be a non-empty array of categories");
                var i = 0;
                foreach (var c in list.EnumerateArray())
                {
                    var cp = $"{sp}.categories[{i++}]";
                    Object(c, cp);
                    OnlyKnown(c, cp, "code", "name");
                    var code = String(c, cp, "code");
                    if (!IdPattern().IsMatch(code)) throw Fail(Join(cp, "code"), "コードは英小文字・数字・ハイフンで書いてください", "code must be lower-case letters, digits and hyphens");
                    if (categories.Any(x => x.Code == code)) throw Fail(Join(cp, "code"), $"区分 '{code}' が重複しています", $"category '{code}' is defined twice");
                    categories.Add(new SensitiveCategory(code, Text(c, cp, "name")));
                }
            }
            return new RecordPolicies
            {
                CollectionFromThePerson = OptionalSource(el, path, "collectionFromThePerson"),
                SensitiveCategoriesRule = sensitive,
                SensitiveCategories = categories,
                NotificationBeforeAcquisition = OptionalSource(el, path, "notificationBeforeAcquisition"),
                Entrustment = OptionalSource(el, path, "entrustment"),
            };
        }

        private PolicySource? OptionalSource(JsonElement el, string path, string field)
        {
            if (!el.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null) return null;
            var fp = Join(path, field);
            Object(p, fp);
            OnlyKnown(p, fp, "source");
            return Source(Required(p, fp, "source"), Join(fp, "source"));
        }

        /// <summary>
        /// A rule's source: <c>law</c>, and <c>article</c> (a number) or <c>section</c> (the heading of a text without article
        /// numbers, with <c>sectionEn</c>), and <c>quote</c> (ja/en).
        /// </summary>
        private PolicySource Source(JsonElement s, string path)
        {
            Object(s, path);
            OnlyKnown(s, path, "law", "article", "section", "sectionEn", "quote");
            var law = String(s, path, "law");
            int? article = s.TryGetProperty("article", out _) ? Int(s, path, "article") : null;
            var section = s.TryGetProperty("section", out _) ? String(s, path, "section") : null;
            var sectionEn = s.TryGetProperty("sectionEn", out _) ? String(s, path, "sectionEn") : null;
            if ((article is null) == (section is null))
                throw Fail(path, "article（条番号）か section（条番号のない文書の節の見出し）のどちらか一方を書いてください",
                    "give either article (a number) or section (the heading of a text without article numbers), not both");
            if (article is { } n && n < 1) throw Fail(Join(path, "article"), "条番号は1以上です", "article must be 1 or more");
            var q = Text(s, path, "quote");
            return new PolicySource(law, article, section, sectionEn, new Citation(q.Ja, q.En));
        }
    }
}
