namespace AuditLedger.Tests.Files;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The items of Art. 17(1) a file's register entry must state (items 1-5 and 8): a registration or amendment leaving one
/// blank is refused with that item's rule, the catalog's own, and nothing appended.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class RegisterItemTests(LedgerFixture fixture)
{
    /// <summary>
    /// Each item's refused case and lawful twin on PostgreSQL (collected by <see cref="RuleEnforcementTests.Cases"/>): a
    /// registration with the item blank is refused, the same registration complete is accepted on the same stream. Items 4
    /// and 8 name two fields each (記録項目・記録範囲, the office's name and location): one case per field.
    /// </summary>
    public static IReadOnlyList<RuleEnforcementTests.RuleCase> RuleCases =>
    [
        Blank(RegisterItemRules.FileNameMissing, 1, items => items with { Name = " " }),
        Blank(RegisterItemRules.OrganisationMissing, 2, items => items with { Organisation = "" }),
        Blank(RegisterItemRules.PurposeOfUseMissing, 3, items => items with { PurposesOfUse = ["", " "] }),
        Blank(RegisterItemRules.RecordedItemsOrScopeMissing, 4, items => items with { RecordedItems = [] }, "/recorded-items"),
        Blank(RegisterItemRules.RecordedItemsOrScopeMissing, 4, items => items with { RecordScope = "" }, "/record-scope"),
        Blank(RegisterItemRules.CollectionMethodMissing, 5, items => items with { CollectionMethod = "" }),
        Blank(RegisterItemRules.RequestOfficeMissing, 8, items => items with { RequestOfficeName = "" }, "/office-name"),
        Blank(RegisterItemRules.RequestOfficeMissing, 8, items => items with { RequestOfficeLocation = " " }, "/office-location"),
        // An amendment is held to the same items: emptying the office's location is refused, the amendment keeping it accepted.
        new(RegisterItemRules.RequestOfficeMissing.Code + "/amendment", "第17条第1項第8号", async l =>
        {
            var file = await l.RegisterFile();
            var amendment = By(new AmendFile { FileId = file, ExpectedVersion = 1, Items = Items() with { RequestOfficeName = "浦安市議会事務局 議事課" }, Reason = "窓口の変更" });
            return (file, amendment with { Items = amendment.Items! with { RequestOfficeLocation = "" } }, amendment);
        }),
    ];

    private static RuleEnforcementTests.RuleCase Blank(LedgerRule rule, int item, Func<RegisterItems, RegisterItems> blank, string variant = "") =>
        new(rule.Code + variant, $"第17条第1項第{item}号", l =>
        {
            var id = Guid.NewGuid();
            return Task.FromResult<(Guid, Domain.Common.LedgerCommand, Domain.Common.LedgerCommand)>(
                (id, Registration(id) with { Items = blank(Items()) }, Registration(id)));
        });

    [Fact]
    public async Task a_registration_with_the_scope_of_persons_blank_is_422_with_the_catalogs_rule_naming_the_field_and_nothing_appended()
    {
        var registration = Registration() with { Items = Items() with { RecordScope = "  " } };
        var refused = await fixture.ClientFor(registration).PostAsJsonAsync("/api/files", registration, LedgerJson.Options);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("file.register-item-missing.4");
        problem.GetProperty("article").GetString().ShouldBe("第17条第1項第4号");
        var detail = problem.GetProperty("detail").GetString().ShouldNotBeNull();
        detail.ShouldContain("記録範囲");
        detail.ShouldContain("items.recordScope");
        (await new LedgerDriver(fixture).Stored(registration.StreamId)).ShouldBe((0L, 0));

        // The rule a refused command names is the one GET /api/rules lists, texts and article alike.
        var catalog = await fixture.CreateClient().GetFromJsonAsync<List<LedgerRule>>("/api/rules", LedgerJson.Options);
        var listed = catalog!.Single(r => r.Code == "file.register-item-missing.4");
        listed.Japanese.ShouldBe(problem.GetProperty("messageJa").GetString());
        listed.English.ShouldBe(problem.GetProperty("messageEn").GetString());
        listed.Article.Japanese.ShouldBe("第17条第1項第4号");
    }
}
