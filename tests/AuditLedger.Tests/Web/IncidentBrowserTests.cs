namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Incidents;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Playwright;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The incident pages (漏えい等事案, 第9条・第11条) in a real browser: an incident from its report to its closing by forms,
/// the ledger checked after each step; refused steps showing their article and appending nothing; a stale form coming back
/// as a conflict; the free texts shown only after a stated purpose, the read recorded.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class IncidentBrowserTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private async Task<IReadOnlyList<object>> Events(Guid streamId)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return [.. (await session.Events.FetchStreamAsync(streamId)).Select(e => e.Data)];
    }

    private static async Task Submit(IPage page, string button, string done)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"done={done}"));
    }

    /// <summary>Clicks the button, waits for the refusal and answers its text.</summary>
    private static async Task<string> Refused(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        return await page.GetByRole(AriaRole.Alert).InnerTextAsync();
    }

    [Fact]
    public async Task an_incident_goes_from_its_report_to_its_closing_by_forms_with_refusals_a_conflict_and_the_texts_after_a_stated_purpose()
    {
        fixture.Clock.Set(LedgerFixture.Today);
        var (_, first) = await _ledger.Record();
        var (_, second) = await _ledger.Record();
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-INC-01", LedgerRoles.Staff);

        // 報告 (第9条): an unknown record is refused with its article, what was typed kept, nothing appended.
        await page.GotoAsync("/incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = "漏えい等事案を報告する（第9条）" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/incidents/new");
        await BrowserSession.ShouldPassAxe(page);
        var summary = $"傍聴者名簿の写しを誤って別の宛先にメール送信した {Guid.NewGuid():N}";
        await page.GetByLabel("漏えい", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("概要").FillAsync(summary);
        await page.GetByLabel("漏えい等した情報の項目").FillAsync("氏名、住所");
        await page.GetByLabel("原因").FillAsync("宛先の確認不足");
        var unknown = Guid.NewGuid();
        await page.GetByLabel("対象の保有個人情報（記録ID）").FillAsync($"{first}\n{unknown}");
        var before = await _ledger.EventCount();
        var alert = await Refused(page, "報告を記録する（第9条）");
        alert.ShouldContain("第9条");
        alert.ShouldContain("台帳にありません");
        (await _ledger.EventCount()).ShouldBe(before);
        (await page.GetByLabel("概要").InputValueAsync()).ShouldBe(summary);
        await BrowserSession.ShouldPassAxe(page);

        await page.GetByLabel("対象の保有個人情報（記録ID）").FillAsync($"{first}\n{second}");
        await page.GetByRole(AriaRole.Button, new() { Name = "報告を記録する（第9条）" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=reported"));
        var incidentId = Guid.Parse(new Uri(page.Url).AbsolutePath["/incidents/".Length..]);
        var reported = (await Events(incidentId)).ShouldHaveSingleItem().ShouldBeOfType<LeakIncidentReported>();
        reported.Kind.ShouldBe(IncidentKind.Leak);
        reported.AffectedRecordIds.ShouldBe([first, second], ignoreOrder: true);
        reported.AffectedPersonIds.Count.ShouldBe(2);
        reported.InformationItems.ShouldBe(["氏名", "住所"]);
        reported.Context.Actor.StaffId.ShouldBe("S-WEB-INC-01");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("漏えい等事案の報告を記録しました");

        // The free texts are personal data: hidden until a purpose is stated, then shown and the read recorded (第9条).
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(summary);
        await BrowserSession.ShouldPassAxe(page);
        await page.GetByLabel("閲覧目的").FillAsync("本人への通知文の作成のため");
        await page.GetByRole(AriaRole.Button, new() { Name = "目的を記録して表示する（第9条）" }).ClickAsync();
        await page.GetByText(summary).WaitForAsync();
        await using (var session = fixture.Store.TenantQuerySession())
        {
            var read = (await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == incidentId).ToListAsync()).ShouldHaveSingleItem();
            read.ReaderId.ShouldBe("S-WEB-INC-01");
            read.Purpose.ShouldBe("本人への通知文の作成のため");
            read.DataSubjectIds.ShouldBe(reported.AffectedPersonIds, ignoreOrder: true);
        }

        // The list: open, not yet assessed, both persons owed.
        await page.GotoAsync("/incidents");
        var row = page.Locator($"tr[data-incident='{incidentId}']");
        (await row.InnerTextAsync()).ShouldContain("評価待ち・未通知 2人");
        (await row.InnerTextAsync()).ShouldContain("未評価");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(summary);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "incidents-list");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/incidents/{incidentId}");

        // 評価 (第11条): special-care information, so serious; every person is then owed a notice.
        (await page.GetByRole(AriaRole.Button, new() { Name = "事案を終結する（第11条）" }).CountAsync()).ShouldBe(0);
        await page.GetByLabel("要配慮個人情報が含まれる事態").CheckAsync();
        await Submit(page, "評価を記録する（第11条）", "assessed");
        var assessed = (await Events(incidentId))[^1].ShouldBeOfType<LeakIncidentAssessed>();
        assessed.Serious.ShouldBeTrue();
        assessed.CriteriaMet.ShouldBe([SeriousCriterion.SpecialCareInformation]);
        (await _ledger.Stored(incidentId)).Version.ShouldBe(2);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "incidents-case");

        // 終結 while both persons are owed: refused with 第11条 and what to do, the conclusion kept, nothing appended.
        await page.GetByLabel("終結の所見").FillAsync("再発防止策を講じたため終結する");
        before = await _ledger.EventCount();
        alert = await Refused(page, "事案を終結する（第11条）");
        alert.ShouldContain("第11条");
        alert.ShouldContain("本人への通知又は第11条各号の例外の適用が済んでいない本人がいます");
        alert.ShouldContain("incident.notifications-owed");
        (await _ledger.EventCount()).ShouldBe(before);
        (await page.GetByLabel("終結の所見").InputValueAsync()).ShouldBe("再発防止策を講じたため終結する");
        await BrowserSession.ShouldPassAxe(page);

        // 本人への通知 (第11条) to the first person offered.
        var person = Guid.Parse(await page.GetByLabel("通知した本人").InputValueAsync());
        await page.GetByLabel("通知の方法").FillAsync("書面郵送");
        await Submit(page, "通知を記録する（第11条）", "notified");
        var notified = (await Events(incidentId))[^1].ShouldBeOfType<AffectedPersonNotified>();
        notified.DataSubjectId.ShouldBe(person);
        notified.Method.ShouldBe("書面郵送");
        (await page.Locator($"tr[data-person='{person}']").InnerTextAsync()).ShouldContain("通知済");

        // 例外 (第11条第1号) without the alternative measure: refused, nothing appended; then with it, recorded.
        var other = reported.AffectedPersonIds.Single(p => p != person);
        await page.GetByLabel($"本人 {AuditLedger.Host.Web.StreamReference.Short(other)}").CheckAsync();
        await page.GetByLabel("本人への通知が困難な場合で").CheckAsync();
        before = await _ledger.EventCount();
        alert = await Refused(page, "例外の適用を記録する（第11条）");
        alert.ShouldContain("第11条第1号");
        (await _ledger.EventCount()).ShouldBe(before);
        (await page.GetByLabel($"本人 {AuditLedger.Host.Web.StreamReference.Short(other)}").IsCheckedAsync()).ShouldBeTrue();
        await page.GetByLabel("代わるべき措置又は含まれる不開示情報の内容").FillAsync("議会ホームページでの公表");
        await Submit(page, "例外の適用を記録する（第11条）", "exempted");
        var exempted = (await Events(incidentId))[^1].ShouldBeOfType<NotificationExemptionApplied>();
        exempted.DataSubjectIds.ShouldBe([other]);
        exempted.Exemption.ShouldBe(NotificationExemption.AlternativeMeasure);
        (await _ledger.Stored(incidentId)).Version.ShouldBe(4);

        // A stale form: a colleague records a measure after this page was read; the page's measure comes back as a conflict.
        await _ledger.Send(By(new TakeIncidentMeasure
        {
            IncidentId = incidentId, ExpectedVersion = 4, Kind = MeasureKind.Containment, Description = "誤送信先に削除を依頼し、削除の報告を受けた",
        }) with { OccurredAt = fixture.Clock.GetUtcNow() });
        await page.GetByLabel("再発防止").CheckAsync();
        await page.GetByLabel("措置の内容").FillAsync("送信前の宛先の複数人確認を義務付けた");
        before = await _ledger.EventCount();
        alert = await Refused(page, "措置を記録する（第9条）");
        alert.ShouldContain("他の職員が先に更新しました");
        (await _ledger.EventCount()).ShouldBe(before);
        (await _ledger.Stored(incidentId)).Version.ShouldBe(5);
        (await page.GetByLabel("措置の内容").InputValueAsync()).ShouldBe("送信前の宛先の複数人確認を義務付けた");
        // The page now shows the colleague's measure and carries the new version: sent again, it is recorded.
        (await page.Locator("main").InnerTextAsync()).ShouldContain("被害の拡大防止（封じ込め）: 1件");
        await Submit(page, "措置を記録する（第9条）", "measure");
        var measure = (await Events(incidentId))[^1].ShouldBeOfType<IncidentMeasureTaken>();
        measure.Kind.ShouldBe(MeasureKind.RecurrencePrevention);
        measure.Context.Actor.StaffId.ShouldBe("S-WEB-INC-01");

        // 終結 (第11条): every person notified or exempted; no form is offered afterwards.
        await page.GetByLabel("終結の所見").FillAsync("本人への通知及び公表を終え、再発防止策を講じたため終結する");
        await Submit(page, "事案を終結する（第11条）", "closed");
        (await Events(incidentId))[^1].ShouldBeOfType<LeakIncidentClosed>();
        var state = await _ledger.Load<LeakIncident>(incidentId);
        state!.Status.ShouldBe(IncidentStatus.Closed);
        state.Version.ShouldBe(7);
        var main = await page.Locator("main").InnerTextAsync();
        main.ShouldContain("この事案は終結しています");
        (await page.Locator("main form[method=post] button").CountAsync()).ShouldBe(1); // only the 閲覧目的 form is left
        (await page.Locator("#timeline-heading ~ .table-wrap tbody tr").Last.InnerTextAsync()).ShouldContain("漏えい等事案の終結");
        await BrowserSession.ShouldPassAxe(page);

        await page.GotoAsync("/incidents?status=closed");
        (await page.Locator($"tr[data-incident='{incidentId}']").InnerTextAsync()).ShouldContain("終結済み");
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task a_purpose_of_only_spaces_is_refused_and_nothing_is_shown_or_recorded()
    {
        fixture.Clock.Set(LedgerFixture.Today);
        var (_, record) = await _ledger.Record();
        var incidentId = await _ledger.Incident(record);
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-INC-02", LedgerRoles.Staff);
        await page.GotoAsync($"/incidents/{incidentId}");
        await page.GetByLabel("閲覧目的").FillAsync("　 ");
        var alert = await Refused(page, "目的を記録して表示する（第9条）");
        alert.ShouldContain("個人情報を閲覧する目的");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("傍聴者名簿の写しを誤って");
        (await page.GetByLabel("閲覧目的").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await using var session = fixture.Store.TenantQuerySession();
        (await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == incidentId).CountAsync()).ShouldBe(0);
        await BrowserSession.ShouldPassAxe(page);
    }
}
