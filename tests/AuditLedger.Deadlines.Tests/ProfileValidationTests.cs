using AuditLedger.Deadlines.Profiles;

namespace AuditLedger.Deadlines.Tests;

public class ProfileValidationTests
{
    internal static string MinimalProfile(string id) => $$"""
        {
          "id": "{{id}}",
          "name": { "ja": "例町", "en": "Example Town" },
          "officeClosed": {
            "weekdays": ["saturday", "sunday"],
            "nationalHolidays": true,
            "yearEndDays": ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"],
            "citation": { "ja": "地方自治法第4条の2", "en": "Local Autonomy Act Art. 4-2" }
          },
          "periodEndingOnClosedDay": { "rule": "next-open-day", "citation": { "ja": "民法第142条", "en": "Civil Code Art. 142" } },
          "clocks": [
            {
              "id": "disclosure-decision",
              "name": { "ja": "開示決定等の期限", "en": "disclosure decision" },
              "lengthDays": 15,
              "startRule": "exclude-first-day",
              "startRuleCitation": { "ja": "第10条第1項、民法第140条", "en": "Art. 10(1); Civil Code Art. 140" },
              "citation": { "ja": "第10条第1項", "en": "Art. 10(1)" }
            }
          ]
        }
        """;

    private static ProfileValidationException Refused(string json) =>
        Should.Throw<ProfileValidationException>(() => ProfileLoader.Parse("Profiles/example-town.json", json));

    [Fact]
    public void the_minimal_profile_loads()
    {
        var p = ProfileLoader.Parse("Profiles/example-town.json", MinimalProfile("example-town"));
        p.Clocks["disclosure-decision"].LengthDays.ShouldBe(15);
        p.Clocks["disclosure-decision"].OnClosedDay.ShouldBe(ClosedDayTreatment.NextOpenDay);
    }

    [Fact]
    public void the_shipped_profiles_load() =>
        ProfileLoader.LoadEmbedded().Select(p => p.Id).Order().ShouldBe(["nagareyama-city", "urayasu-council"]);

    [Fact]
    public void an_unknown_clock_id_is_refused_naming_file_and_field()
    {
        var e = Refused(MinimalProfile("example-town").Replace("\"id\": \"disclosure-decision\"", "\"id\": \"disclosure-decisoin\""));
        e.Code.ShouldBe(DeadlineErrorCodes.InvalidProfile);
        e.File.ShouldBe("Profiles/example-town.json");
        e.Field.ShouldBe("clocks[0].id");
        e.MessageEn.ShouldContain("disclosure-decisoin");
        e.MessageEn.ShouldContain("Profiles/example-town.json");
    }

    [Fact]
    public void a_negative_length_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"lengthDays\": 15", "\"lengthDays\": -15")).Field.ShouldBe("clocks[0].lengthDays");

    [Fact]
    public void a_zero_length_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"lengthDays\": 15", "\"lengthDays\": 0")).Field.ShouldBe("clocks[0].lengthDays");

    [Fact]
    public void a_missing_clock_citation_is_refused() =>
        Refused(MinimalProfile("example-town").Replace(",\n      \"citation\": { \"ja\": \"第10条第1項\", \"en\": \"Art. 10(1)\" }", "").Replace(",\r\n      \"citation\": { \"ja\": \"第10条第1項\", \"en\": \"Art. 10(1)\" }", ""))
            .Field.ShouldBe("clocks[0].citation");

    [Fact]
    public void an_empty_english_citation_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"en\": \"Art. 10(1)\" }", "\"en\": \"\" }")).Field.ShouldBe("clocks[0].citation.en");

    [Fact]
    public void a_missing_office_closed_citation_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"citation\": { \"ja\": \"地方自治法第4条の2\", \"en\": \"Local Autonomy Act Art. 4-2\" }", "\"citation\": null"))
            .Field.ShouldBe("officeClosed.citation");

    [Fact]
    public void an_unknown_start_rule_is_refused()
    {
        var e = Refused(MinimalProfile("example-town").Replace("\"startRule\": \"exclude-first-day\"", "\"startRule\": \"first-business-day\""));
        e.Field.ShouldBe("clocks[0].startRule");
        e.MessageEn.ShouldContain("first-business-day");
    }

    [Fact]
    public void an_unknown_closed_day_rule_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"rule\": \"next-open-day\"", "\"rule\": \"previous-open-day\"")).Field.ShouldBe("periodEndingOnClosedDay.rule");

    [Fact]
    public void an_extension_without_citation_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"lengthDays\": 15,", "\"lengthDays\": 15, \"extension\": { \"maxDays\": 30 },"))
            .Field.ShouldBe("clocks[0].extension.citation");

    [Fact]
    public void a_negative_extension_maximum_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"lengthDays\": 15,", "\"lengthDays\": 15, \"extension\": { \"maxDays\": -1 },"))
            .Field.ShouldBe("clocks[0].extension.maxDays");

    [Fact]
    public void a_pause_without_citation_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"lengthDays\": 15,", "\"lengthDays\": 15, \"formCorrectionPause\": { \"applies\": true },"))
            .Field.ShouldBe("clocks[0].formCorrectionPause.citation");

    [Fact]
    public void an_unknown_field_is_refused_rather_than_ignored() =>
        Refused(MinimalProfile("example-town").Replace("\"lengthDays\": 15,", "\"lengthDays\": 15, \"lenghtDays\": 20,")).Field.ShouldBe("clocks[0].lenghtDays");

    [Fact]
    public void an_unknown_weekday_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"saturday\", \"sunday\"", "\"saturday\", \"sundy\"")).Field.ShouldBe("officeClosed.weekdays");

    [Fact]
    public void an_impossible_year_end_day_is_refused() =>
        Refused(MinimalProfile("example-town").Replace("\"12-31\"", "\"12-32\"")).Field.ShouldBe("officeClosed.yearEndDays");

    [Fact]
    public void a_clock_defined_twice_is_refused()
    {
        var json = MinimalProfile("example-town");
        var clockStart = json.IndexOf("{\n      \"id\": \"disclosure-decision\"", StringComparison.Ordinal);
        if (clockStart < 0) clockStart = json.IndexOf("{\r\n      \"id\": \"disclosure-decision\"", StringComparison.Ordinal);
        var clockEnd = json.LastIndexOf(']');
        var clock = json[clockStart..clockEnd].TrimEnd();
        Refused(json.Insert(clockEnd, "," + clock)).Field.ShouldBe("clocks[1].id");
    }

    [Fact]
    public void text_that_is_not_json_is_refused_naming_the_file() =>
        Refused("{ not json").MessageEn.ShouldContain("Profiles/example-town.json");

    [Fact]
    public void a_jurisdiction_id_repeated_across_files_is_refused()
    {
        var a = ProfileLoader.Parse("a.json", MinimalProfile("example-town"));
        var b = ProfileLoader.Parse("b.json", MinimalProfile("example-town"));
        var e = Should.Throw<ProfileValidationException>(() => new ProfileCatalog([a, b]));
        e.File.ShouldBe("b.json");
        e.MessageEn.ShouldContain("a.json");
    }

    [Fact]
    public void an_unknown_jurisdiction_is_refused_listing_the_known_ones()
    {
        var e = Should.Throw<DeadlineException>(() => ProfileLoader.LoadCatalog().Get("chiba-pref"));
        e.Code.ShouldBe(DeadlineErrorCodes.UnknownJurisdiction);
        e.MessageEn.ShouldContain("urayasu-council");
    }
}
