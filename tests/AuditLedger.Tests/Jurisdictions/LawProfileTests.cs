namespace AuditLedger.Tests.Jurisdictions;

using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.Configuration;

/// <summary>
/// The law per jurisdiction as profile data: Urayasu's profile cites every rule of the catalog; the loader refuses a bad
/// section naming the file and the field; a third municipality is one more file, with no code.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LawProfileTests
{
    private static readonly ProfileCatalog Shipped = ProfileLoader.LoadCatalog();

    private static string SourceProfile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", "AuditLedger.Deadlines", "Profiles", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(name);
    }

    /// <summary>
    /// Urayasu's profile holds Urayasu's citation of every rule. The section was written once from the C# catalog
    /// (AUDITLEDGER_WRITE_URAYASU_RULES=1 writes it again for rules the profile lacks); since then the profile is the source.
    /// </summary>
    [Fact]
    public void urayasu_profile_cites_every_rule_of_the_catalog_with_its_article()
    {
        if (Environment.GetEnvironmentVariable("AUDITLEDGER_WRITE_URAYASU_RULES") == "1") WriteUrayasuRules();
        var urayasu = Shipped.Get("urayasu-council");
        // Every rule of Urayasu's own ordinance; the rules of another jurisdiction's text (cited by a section of, e.g.,
        // Nagareyama's overview) are that jurisdiction's, switched on by its profile, not Urayasu's.
        foreach (var rule in Rules.All.Where(r => r.Article.Section is null))
        {
            urayasu.Law.Rules.ContainsKey(rule.Code).ShouldBeTrue(rule.Code);
            var cited = LawInForce.RuleInForce(rule, urayasu);
            cited.Fallback.ShouldBeFalse(rule.Code);
            cited.Applies.ShouldBeTrue(rule.Code);
            cited.ArticleJa.ShouldBe(rule.Article.Japanese, rule.Code);
        }
    }

    private static void WriteUrayasuRules()
    {
        var path = SourceProfile("urayasu-council.json");
        var text = File.ReadAllText(path);
        var existing = JsonNode.Parse(text)!.AsObject();
        if (existing.ContainsKey("rules")) return;
        var rules = new JsonObject();
        foreach (var rule in Rules.All.DistinctBy(r => r.Code))
            rules[rule.Code] = new JsonObject
            {
                ["applies"] = true,
                ["citation"] = new JsonObject { ["ja"] = rule.Article.Japanese, ["en"] = rule.Article.English },
            };
        var body = rules.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("\n", "\n  ");
        var trimmed = text.TrimEnd();
        File.WriteAllText(path, trimmed[..^1].TrimEnd() + ",\n  \"rules\": " + body + "\n}\n");
    }

    [Fact]
    public void nagareyama_cites_its_overview_for_its_own_rules_and_falls_back_visibly_for_the_rest()
    {
        var nagareyama = Shipped.Get("nagareyama-city");
        var channel = LawInForce.RuleInForce(ReceiveRequest.ChannelNotAccepted, nagareyama);
        channel.ArticleJa.ShouldContain("概要には条番号がないため");
        channel.Japanese.ShouldContain("郵送による受付はできません");
        channel.Fallback.ShouldBeFalse();
        LawInForce.RuleInForce(ReceiveRequest.RequestWindowPassed, nagareyama).Applies.ShouldBeFalse();
        var unlisted = LawInForce.RuleInForce(CaseChecks.CaseWithdrawn, nagareyama);
        unlisted.Fallback.ShouldBeTrue();
        unlisted.ArticleJa.ShouldBe(CaseChecks.CaseWithdrawn.Article.Japanese);
        nagareyama.Law.CopyFees!.MonochromeYenPerPage.ShouldBe(10);
        nagareyama.Law.CopyFees.ColourYenPerPage.ShouldBe(50);
        nagareyama.Law.Intake!.Channels.ShouldBe(["counter"]);
        nagareyama.Law.Disclosure!.Methods.ShouldBe(["inspection", "viewing", "copy"]);
        Shipped.Get("urayasu-council").Law.Intake!.Channels.ShouldBe(["counter", "mail"]);
    }

    [Theory]
    [InlineData("copyFees", """{ "monochromeYenPerPage": -1, "colourYenPerPage": 50, "otherMedia": {"ja":"x","en":"x"}, "otherFeesYen": 0, "citation": {"ja":"x","en":"x"} }""", "copyFees.monochromeYenPerPage")]
    [InlineData("copyFees", """{ "monochromeYenPerPage": 10, "otherMedia": {"ja":"x","en":"x"}, "otherFeesYen": 0 }""", "copyFees.citation")]
    [InlineData("intake", """{ "channels": ["fax"], "identityDocumentAtReceipt": true, "citation": {"ja":"x","en":"x"} }""", "intake.channels[0]")]
    [InlineData("intake", """{ "channels": [], "identityDocumentAtReceipt": true, "citation": {"ja":"x","en":"x"} }""", "intake.channels")]
    [InlineData("disclosure", """{ "methods": ["copy"], "noticeAndIdentityAtDisclosure": "yes", "citation": {"ja":"x","en":"x"} }""", "disclosure.noticeAndIdentityAtDisclosure")]
    [InlineData("rules", """{ "case.withdrawn": { "applies": true, "citation": {"ja":"x","en":"x"}, "article": 3 } }""", "rules.case.withdrawn.article")]
    [InlineData("rules", """{ "case.withdrawn": { "applies": true } }""", "rules.case.withdrawn.citation")]
    [InlineData("reportNotes", """{ "annualStatus": { "ja": "x" } }""", "reportNotes.annualStatus.en")]
    [InlineData("reportNotes", """{ "yearbook": { "ja": "x", "en": "x" } }""", "reportNotes.yearbook")]
    [InlineData("reportNotes", """[ { "ja": "x", "en": "x" } ]""", "reportNotes")]
    public void a_bad_law_section_is_refused_naming_the_file_and_the_field(string section, string value, string field)
    {
        var json = JsonNode.Parse(File.ReadAllText(SourceProfile("nagareyama-city.json")))!.AsObject();
        json[section] = JsonNode.Parse(value);

        var error = Should.Throw<AuditLedger.Deadlines.ProfileValidationException>(() => ProfileLoader.Parse("bad.json", json.ToJsonString()));

        error.File.ShouldBe("bad.json");
        error.Field.ShouldBe(field);
    }

    private const string Kashiwa = """
        {
          "id": "kashiwa-city",
          "name": { "ja": "柏市", "en": "Kashiwa City" },
          "tenants": [ { "id": "kashiwa:mayor", "name": { "ja": "柏市長", "en": "Mayor of Kashiwa" } } ],
          "officeClosed": { "weekdays": ["saturday", "sunday"], "nationalHolidays": true, "yearEndDays": ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"], "citation": { "ja": "地方自治法第4条の2", "en": "Local Autonomy Act Art. 4-2" } },
          "periodEndingOnClosedDay": { "rule": "next-open-day", "citation": { "ja": "民法第142条", "en": "Civil Code Art. 142" } },
          "clocks": [ {
            "id": "disclosure-decision", "name": { "ja": "開示決定等の期限", "en": "disclosure decision deadline" }, "lengthDays": 15,
            "startRule": "exclude-first-day", "startRuleCitation": { "ja": "試験用第1条", "en": "test Art. 1" },
            "formCorrectionPause": { "applies": false, "citation": { "ja": "なし", "en": "none" } },
            "chairVacancyPause": { "applies": false, "citation": { "ja": "なし", "en": "none" } },
            "citation": { "ja": "試験用第1条", "en": "test Art. 1" } } ],
          "intake": { "channels": ["counter", "electronic"], "identityDocumentAtReceipt": false, "citation": { "ja": "試験用第2条", "en": "test Art. 2" } },
          "copyFees": { "monochromeYenPerPage": 20, "colourYenPerPage": 80, "otherMedia": { "ja": "職員入力", "en": "as staff enter" }, "otherFeesYen": 0, "citation": { "ja": "試験用第3条", "en": "test Art. 3" } },
          "rules": { "case.channel-not-accepted": { "applies": true, "citation": { "ja": "試験用第2条", "en": "test Art. 2" }, "text": { "ja": "柏市では郵送の請求は受け付けません。", "en": "Kashiwa takes no requests by mail." } } }
        }
        """;

    [Fact]
    public void a_third_municipality_is_one_more_profile_file_with_no_code()
    {
        var directory = Directory.CreateTempSubdirectory("auditledger-profiles-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "kashiwa-city.json"), Kashiwa);
            var jurisdictions = LedgerJurisdictions.Load(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [LedgerJurisdictions.ProfilesDirectoryKey] = directory.FullName }).Build());

            // Tenants: its body is a tenant, and its law is in force for it.
            jurisdictions.Catalog.FindTenant("kashiwa:mayor").ShouldNotBeNull();
            var kashiwa = jurisdictions.ForTenant("kashiwa:mayor");
            kashiwa.Id.ShouldBe("kashiwa-city");
            // Rules: a refusal cites its own article and text; a rule it does not list falls back, visibly.
            var cited = LawInForce.RuleInForce(ReceiveRequest.ChannelNotAccepted, kashiwa);
            (cited.ArticleJa, cited.Japanese, cited.Fallback).ShouldBe(("試験用第2条", "柏市では郵送の請求は受け付けません。", false));
            LawInForce.RuleInForce(ReceiveRequest.RequesterNameRequired, kashiwa).Fallback.ShouldBeTrue();
            // Fees: its rates, in the domain and on the command line.
            CopyFee.Compute(kashiwa, 2, 1).Yen.ShouldBe(120);
            var output = new StringWriter();
            CopyFeeCommandLine.Run("kashiwa-city", "2", "1", directory.FullName, output, TextWriter.Null).ShouldBe(0);
            output.ToString().Split('\n')[0].Trim().ShouldBe("120");
            // Its intake: the channels its profile lists (mail is then refused by the same check as in Nagareyama).
            kashiwa.Law.Intake.ShouldNotBeNull().Channels.ShouldBe(["counter", "electronic"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
