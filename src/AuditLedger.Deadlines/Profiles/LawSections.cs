using System.Text.Json;

namespace AuditLedger.Deadlines.Profiles;

/// <summary>
/// What one jurisdiction says of one ledger rule (profile section <c>rules</c>, keyed by the rule's code): whether it
/// applies there, what a refusal cites (the article, or for a jurisdiction without article numbers the section of its
/// text, saying so), and optionally its own texts and what to do. Texts left out are the catalog's.
/// </summary>
public sealed record RuleCitation(string Code, bool Applies, Citation Citation, LocalizedText? Text, LocalizedText? ToDo);

/// <summary>The cost of copies (profile section <c>copyFees</c>): yen per page, or null where the profile states no rate.</summary>
public sealed record CopyFees(int? MonochromeYenPerPage, int? ColourYenPerPage, LocalizedText OtherMedia, int OtherFeesYen, Citation Citation);

/// <summary>How requests may be made (profile section <c>intake</c>).</summary>
public sealed record IntakeRules(IReadOnlyList<string> Channels, bool IdentityDocumentAtReceipt, Citation Citation)
{
    /// <summary>The channels a profile may name: at the counter, by mail, electronically.</summary>
    public static readonly IReadOnlyList<string> Known = ["counter", "mail", "electronic"];
}

/// <summary>How a disclosure is carried out (profile section <c>disclosure</c>).</summary>
public sealed record DisclosureRules(IReadOnlyList<string> Methods, bool NoticeAndIdentityAtDisclosure, Citation Citation)
{
    /// <summary>The methods a profile may name: 閲覧 (inspection), 視聴 (viewing), 写しの交付 (copy), electronic records.</summary>
    public static readonly IReadOnlyList<string> Known = ["inspection", "viewing", "copy", "electronic"];
}

/// <summary>
/// The reports whose lead note (the line under the title naming the provision the report is made under) a profile states,
/// keyed in its <c>reportNotes</c> section by these names. A report the profile has no note for says only that it was made
/// from the ledger's records, citing nothing.
/// </summary>
public static class ReportNoteKeys
{
    /// <summary>The published file register (個人情報ファイル簿).</summary>
    public const string PublishedRegister = "publishedRegister";
    /// <summary>The annual status (施行の状況).</summary>
    public const string AnnualStatus = "annualStatus";
    /// <summary>A case's timeline for the review board (事案の経過).</summary>
    public const string CaseTimeline = "caseTimeline";
    /// <summary>The list of 届出 of each 事務 to the mayor (事務の届出一覧).</summary>
    public const string AffairNotifications = "affairNotifications";

    public static readonly IReadOnlyList<string> All = [PublishedRegister, AnnualStatus, CaseTimeline, AffairNotifications];
}

/// <summary>The law's sections of a profile (<see cref="ProfileLoader"/> reads them with the file and field of any error).</summary>
public sealed record LawSections(
    IReadOnlyDictionary<string, RuleCitation> Rules,
    CopyFees? CopyFees,
    IntakeRules? Intake,
    DisclosureRules? Disclosure,
    IReadOnlyDictionary<string, LocalizedText> ReportNotes)
{
    public static readonly LawSections None = new(new Dictionary<string, RuleCitation>(), null, null, null, new Dictionary<string, LocalizedText>());

    /// <summary>
    /// The lead note of a report (<see cref="ReportNoteKeys"/>) as the profile states it; where it states none, a note that
    /// cites nothing: "台帳の記録から作成したもの" / "made from the ledger's records".
    /// </summary>
    public LocalizedText ReportNote(string key) =>
        ReportNotes.GetValueOrDefault(key) ?? new LocalizedText("台帳の記録から作成したもの", "made from the ledger's records");
}

public static partial class ProfileLoader
{
    /// <summary>The top-level keys of the law's sections.</summary>
    internal static readonly string[] LawSectionKeys = ["rules", "copyFees", "intake", "disclosure", "reportNotes"];

    private sealed partial class Reader
    {
        /// <summary>
        /// The law's sections. <c>rules</c>: an object keyed by rule code, each <c>{ applies, citation {ja,en}, text?, toDo? }</c>;
        /// a rule the profile does not list falls back to the catalog's own declaration (see <c>LawInForce.RuleInForce</c>,
        /// which marks it so). <c>copyFees</c>: <c>{ monochromeYenPerPage?, colourYenPerPage?, otherMedia {ja,en}, otherFeesYen, citation }</c>
        /// (a rate left out means the profile states none). <c>intake</c>: <c>{ channels [counter|mail|electronic], identityDocumentAtReceipt, citation }</c>.
        /// <c>disclosure</c>: <c>{ methods [inspection|viewing|copy|electronic], noticeAndIdentityAtDisclosure, citation }</c>.
        /// <c>reportNotes</c>: an object keyed by report (<see cref="ReportNoteKeys"/>), each the {ja,en} lead note naming the
        /// provision the report is made under. Every section is optional.
        /// </summary>
        public LawSections Law(JsonElement root)
        {
            var rules = new Dictionary<string, RuleCitation>(StringComparer.Ordinal);
            if (root.TryGetProperty("rules", out var rulesEl))
            {
                Object(rulesEl, "rules");
                foreach (var p in rulesEl.EnumerateObject())
                {
                    var path = $"rules.{p.Name}";
                    if (!RuleCodePattern().IsMatch(p.Name))
                        throw Fail(path, "規則コードは英小文字・数字・ハイフン・ピリオドで書いてください", "a rule code is lower-case letters, digits, hyphens and dots");
                    Object(p.Value, path);
                    OnlyKnown(p.Value, path, "applies", "citation", "text", "toDo");
                    rules[p.Name] = new RuleCitation(p.Name, Bool(p.Value, path, "applies"), Cite(p.Value, path, "citation"),
                        p.Value.TryGetProperty("text", out _) ? Text(p.Value, path, "text") : null,
                        p.Value.TryGetProperty("toDo", out _) ? Text(p.Value, path, "toDo") : null);
                }
            }
            CopyFees? fees = null;
            if (root.TryGetProperty("copyFees", out var f))
            {
                Object(f, "copyFees");
                OnlyKnown(f, "copyFees", "monochromeYenPerPage", "colourYenPerPage", "otherMedia", "otherFeesYen", "citation");
                int? Rate(string field)
                {
                    if (!f.TryGetProperty(field, out _)) return null;
                    var n = Int(f, "copyFees", field);
                    if (n < 0) throw Fail($"copyFees.{field}", $"1枚当たりの額は0円以上でなければなりません（{n}）", $"a rate per page must be zero or more yen (got {n})");
                    return n;
                }
                var other = Int(f, "copyFees", "otherFeesYen");
                if (other < 0) throw Fail("copyFees.otherFeesYen", "0円以上でなければなりません", "must be zero or more yen");
                fees = new CopyFees(Rate("monochromeYenPerPage"), Rate("colourYenPerPage"), Text(f, "copyFees", "otherMedia"), other, Cite(f, "copyFees", "citation"));
            }
            IntakeRules? intake = null;
            if (root.TryGetProperty("intake", out var i))
            {
                Object(i, "intake");
                OnlyKnown(i, "intake", "channels", "identityDocumentAtReceipt", "citation");
                intake = new IntakeRules(Names(i, "intake", "channels", IntakeRules.Known), Bool(i, "intake", "identityDocumentAtReceipt"), Cite(i, "intake", "citation"));
            }
            DisclosureRules? disclosure = null;
            if (root.TryGetProperty("disclosure", out var d))
            {
                Object(d, "disclosure");
                OnlyKnown(d, "disclosure", "methods", "noticeAndIdentityAtDisclosure", "citation");
                disclosure = new DisclosureRules(Names(d, "disclosure", "methods", DisclosureRules.Known), Bool(d, "disclosure", "noticeAndIdentityAtDisclosure"), Cite(d, "disclosure", "citation"));
            }
            var notes = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
            if (root.TryGetProperty("reportNotes", out var n))
            {
                Object(n, "reportNotes");
                OnlyKnown(n, "reportNotes", [.. ReportNoteKeys.All]);
                foreach (var note in n.EnumerateObject())
                {
                    var path = $"reportNotes.{note.Name}";
                    Object(note.Value, path);
                    OnlyKnown(note.Value, path, "ja", "en");
                    notes[note.Name] = new LocalizedText(String(note.Value, path, "ja"), String(note.Value, path, "en"));
                }
            }
            return new LawSections(rules, fees, intake, disclosure, notes);
        }

        private Citation Cite(JsonElement el, string path, string field)
        {
            var fp = Join(path, field);
            var c = Required(el, path, field);
            Object(c, fp);
            OnlyKnown(c, fp, "ja", "en");
            return new Citation(String(c, fp, "ja"), String(c, fp, "en"));
        }

        private List<string> Names(JsonElement el, string path, string field, IReadOnlyList<string> known)
        {
            var fp = Join(path, field);
            var v = Required(el, path, field);
            if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
                throw Fail(fp, $"1件以上の配列が必要です（既知: {string.Join(", ", known)}）", $"must be a non-empty array (known: {string.Join(", ", known)})");
            var names = new List<string>();
            var k = 0;
            foreach (var item in v.EnumerateArray())
            {
                var s = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (s is null || !known.Contains(s))
                    throw Fail($"{fp}[{k}]", $"未知の値です（既知: {string.Join(", ", known)}）", $"unknown value (known: {string.Join(", ", known)})");
                if (names.Contains(s)) throw Fail($"{fp}[{k}]", $"'{s}' が重複しています", $"'{s}' is listed twice");
                names.Add(s);
                k++;
            }
            return names;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex RuleCodePattern();
}
