namespace AuditLedger.Tests.Files;

using System.Net;
using System.Net.Http.Json;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections.Register;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>保存期間の延長 (Art. 17(1), 4(2)) over HTTP: the register shows the new period, and a shorter one is refused with nothing appended.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExtendRetentionPeriodTests(LedgerFixture fixture)
{
    /// <summary>
    /// The rule's refused case and lawful twin on PostgreSQL (collected by <see cref="RuleEnforcementTests.Cases"/>): an
    /// extension makes the period longer (Art. 17(1), 4(2)), so 5 years to 3 is refused and to 10 accepted.
    /// </summary>
    public static IReadOnlyList<RuleEnforcementTests.RuleCase> RuleCases =>
    [
        new(ExtendRetentionPeriod.RetentionNotExtended.Code, "第17条第1項", async l =>
        {
            var file = (await l.Send(Registration() with { Items = Items() with { Retention = new RetentionPeriod(5) } })).StreamId;
            var extension = By(new ExtendRetentionPeriod { FileId = file, ExpectedVersion = 1, Retention = new RetentionPeriod(10), Reason = "訴訟対応のため記録を保存する必要" });
            return (file, extension with { Retention = new RetentionPeriod(3) }, extension);
        }),
    ];

    [Fact]
    public async Task extending_the_retention_period_over_http_shows_in_the_register_and_a_shorter_period_is_422_with_nothing_appended()
    {
        var registration = Registration() with { Items = Items() with { Name = $"議会傍聴者名簿 {Guid.NewGuid():N}", Retention = new RetentionPeriod(5) } };
        (await fixture.ClientFor(registration).PostAsJsonAsync("/api/files", registration, LedgerJson.Options)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var fileId = registration.FileId!.Value;
        var ledger = new LedgerDriver(fixture);
        var extension = By(new ExtendRetentionPeriod { ExpectedVersion = 1, Retention = new RetentionPeriod(Permanent: true), Reason = "議会史編さんのため永年保存とする" });
        // The staff member the command names, added to the directory (when missing) with the title the command states.
        await fixture.User(extension.StaffId, title: extension.StaffRole);
        var client = fixture.ClientFor(extension);
        var route = $"/api/files/{fileId}/retention-extensions";

        var refused = await client.PostAsJsonAsync(route, extension with { Retention = new RetentionPeriod(3) }, LedgerJson.Options);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("file.retention-not-extended");
        (await ledger.Stored(fileId)).ShouldBe((1L, 1));

        var accepted = await client.PostAsJsonAsync(route, extension, LedgerJson.Options);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var entry = await fixture.CreateClient().GetFromJsonAsync<FileRegisterEntry>($"/api/register/files/{fileId}", LedgerJson.Options);
        entry!.File.Items.Retention.ShouldBe(new RetentionPeriod(Permanent: true));
        var change = entry.History.Last();
        change.Change.ShouldBe(RegisterChange.RetentionPeriodExtended);
        change.Article.ShouldBe("第17条第1項");
        change.Reason.ShouldBe("議会史編さんのため永年保存とする");
        change.Changes.ShouldBe([new ItemChange("retention", "保存期間", "5年", "永年")]);
        (await fixture.CreateClient().GetFromJsonAsync<PersonalInformationFile>($"/api/files/{fileId}", LedgerJson.Options))!.Items.Retention.ShouldBe(new RetentionPeriod(Permanent: true));
    }
}
