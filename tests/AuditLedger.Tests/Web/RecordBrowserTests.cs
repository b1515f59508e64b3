namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Tenancy;
using System.Text;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Playwright;

/// <summary>保有個人情報 in the browser: 氏名検索 (/records) and the record page (/records/{id}) with its forms.</summary>
[Collection(LedgerCollection.Name)]
public sealed class RecordBrowserTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>A name no other test writes (NFC, with an ASCII space): 川口 + four unique kanji + がく (が composed).</summary>
    private static string UniqueName() => "川口 " + new string([.. Guid.NewGuid().ToString("N")[..4].Select(c => (char)('一' + Convert.ToInt32(c.ToString(), 16)))]) + "がく";

    private async Task<(AcquireRecord Acquisition, Guid RecordId)> RecordNamed(string name)
    {
        var fileId = await _ledger.RegisterFile();
        var a = LedgerDriver.Acquisition(fileId);
        var acquisition = a with { PersonalData = [new PersonalData(a.DataSubjectId, PersonalDataKind.Name, name)] };
        return (acquisition, (await _ledger.Send(acquisition)).StreamId);
    }

    [Fact]
    public async Task search_finds_a_person_by_name_in_other_unicode_forms_records_the_read_and_finds_nothing_after_erasure()
    {
        var name = UniqueName();
        var (acquisition, recordId) = await RecordNamed(name);
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REC-01", LedgerRoles.Staff);
        await page.GotoAsync("/records");
        await BrowserSession.ShouldPassAxe(page);

        // Typed decomposed (NFD: か + U+3099) with a full-width space: the same name.
        var typed = name.Normalize(NormalizationForm.FormD).Replace(" ", "\u3000");
        typed.ShouldNotBe(name);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "氏名" }).FillAsync(typed);
        await page.GetByLabel("閲覧目的").FillAsync("開示請求の受付で本人の保有個人情報を特定するため");
        await page.GetByRole(AriaRole.Button, new() { Name = "氏名で検索" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        new Uri(page.Url).Query.ShouldBeEmpty("the name is never in the URL");
        var results = await page.Locator("section[aria-labelledby=results]").InnerTextAsync();
        results.ShouldContain("保有個人情報 1件");
        results.ShouldContain(recordId.ToString());
        results.ShouldContain("保有中");
        results.Contains(name.Split(' ')[1]).ShouldBeFalse("the list shows no name");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "records-search");

        // The person found was recorded as read, with the purpose stated, before the list was shown (第9条).
        await using (var session = fixture.Store.TenantQuerySession())
        {
            var reads = await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.ReaderId == "S-WEB-REC-01" && r.StreamId == recordId).ToListAsync();
            reads.Count.ShouldBe(1);
            reads[0].Purpose.ShouldBe("開示請求の受付で本人の保有個人情報を特定するため");
            reads[0].DataSubjectIds.ShouldBe([acquisition.DataSubjectId]);
        }

        // Compatibility form (full-width Latin folds too) of a NFC name without a space: found again.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "氏名" }).FillAsync(name.Replace(" ", ""));
        await page.GetByLabel("閲覧目的").FillAsync("再確認");
        await page.GetByRole(AriaRole.Button, new() { Name = "氏名で検索" }).ClickAsync();
        (await page.Locator("section[aria-labelledby=results]").InnerTextAsync()).ShouldContain(recordId.ToString());

        // Disposed of (第4条第2項): its key destroyed, and with it the index row; the name is found nowhere.
        await _ledger.Send(LedgerDriver.Disposal(recordId, (await _ledger.Stored(recordId)).Version));
        await page.GetByRole(AriaRole.Textbox, new() { Name = "氏名" }).FillAsync(name);
        await page.GetByLabel("閲覧目的").FillAsync("消去後の確認");
        await page.GetByRole(AriaRole.Button, new() { Name = "氏名で検索" }).ClickAsync();
        var after = await page.Locator("section[aria-labelledby=results]").InnerTextAsync();
        after.ShouldContain("該当する保有個人情報はありません");
        after.ShouldNotContain(recordId.ToString());
    }

    [Fact]
    public async Task a_search_by_name_without_a_purpose_shows_nothing_and_a_search_by_file_lists_its_records()
    {
        var name = UniqueName();
        var (acquisition, recordId) = await RecordNamed(name);
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REC-02", LedgerRoles.Staff);
        await page.GotoAsync("/records");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "氏名" }).FillAsync(name);
        await page.GetByLabel("閲覧目的").FillAsync("\u3000 ");
        await page.GetByRole(AriaRole.Button, new() { Name = "氏名で検索" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("第9条");
        (await page.GetByLabel("閲覧目的").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.ContentAsync()).ShouldNotContain(recordId.ToString());
        await BrowserSession.ShouldPassAxe(page);

        await page.GotoAsync($"/records?DataSubjectId={acquisition.DataSubjectId}");
        (await page.Locator("section[aria-labelledby=results]").InnerTextAsync()).ShouldContain(recordId.ToString());
        await page.GetByRole(AriaRole.Combobox, new() { Name = "個人情報ファイル" }).SelectOptionAsync(acquisition.FileId.ToString());
        await page.GetByRole(AriaRole.Textbox, new() { Name = "本人ID", Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "ファイル・本人IDで検索" }).ClickAsync();
        (await page.Locator("section[aria-labelledby=results]").InnerTextAsync()).ShouldContain(recordId.ToString());
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task a_use_outside_purpose_is_recorded_by_the_form_with_its_ground_and_article()
    {
        var (_, recordId) = await RecordNamed(UniqueName());
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REC-03", LedgerRoles.Staff);
        await page.GotoAsync($"/records/{recordId}");
        await BrowserSession.ShouldPassAxe(page);
        await page.Locator("summary", new() { HasText = "目的外利用" }).ClickAsync();
        var form = page.Locator("form[action*='handler=Use']");
        await form.GetByLabel("利用の目的").FillAsync("議会広報誌の発送先確認");
        await form.GetByLabel("第12条第2項第2号").CheckAsync();
        await form.GetByLabel("根拠の具体的な内容").FillAsync("議会広報の発行事務（議会事務局処務規程）に必要な限度");
        await form.GetByLabel("不当に侵害するおそれがないことを確認した").CheckAsync();
        await form.GetByLabel("利用の制限（第12条第4項）").FillAsync("議会事務局 総務課");
        await BrowserSession.ShouldPassAxe(page);
        await form.GetByRole(AriaRole.Button, new() { Name = "目的外利用を記録する" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=use"));
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("目的外利用を記録しました");
        var history = await page.Locator("section[aria-labelledby=history]").InnerTextAsync();
        history.ShouldContain("第12条第2項第2号");
        history.ShouldContain("議会広報誌の発送先確認");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "records-record");

        await using var session = fixture.Store.TenantQuerySession();
        var events = await session.Events.FetchStreamAsync(recordId);
        events.Count.ShouldBe(2);
        var used = events[1].Data.ShouldBeOfType<RecordUsedOutsidePurpose>();
        used.Ground.ShouldBe(UseGround.InternalUseForDuties);
        used.Context.Ground.Article.ShouldBe(ArticleRef.Ordinance(12, 2, 2));
        used.NoUnjustInfringementConfirmed.ShouldBeTrue();
        used.RestrictedTo.ShouldBe("議会事務局 総務課");
        used.Context.Actor.StaffId.ShouldBe("S-WEB-REC-03");
    }

    [Fact]
    public async Task a_refused_use_shows_the_rule_and_its_article_keeps_what_was_typed_and_appends_nothing()
    {
        var (_, recordId) = await RecordNamed(UniqueName());
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REC-04", LedgerRoles.Staff);
        await page.GotoAsync($"/records/{recordId}");
        var before = await _ledger.Stored(recordId);
        await page.Locator("summary", new() { HasText = "目的外利用" }).ClickAsync();
        var form = page.Locator("form[action*='handler=Use']");
        await form.GetByLabel("利用の目的").FillAsync("議会広報誌の発送先確認");
        await form.GetByLabel("第12条第2項第2号").CheckAsync();
        await form.GetByLabel("根拠の具体的な内容").FillAsync("議会広報の発行事務に必要な限度");
        // The proviso of Art. 12(2) is not confirmed: the ground does not apply without it.
        await form.GetByRole(AriaRole.Button, new() { Name = "目的外利用を記録する" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        alert.ShouldContain("記録は追加されていません");
        alert.ShouldContain("第12条第2項ただし書");
        alert.ShouldContain(UseGrounds.UnjustInfringementNotExcluded.Code);
        (await page.Locator("form[action*='handler=Use']").GetByLabel("利用の目的").InputValueAsync()).ShouldBe("議会広報誌の発送先確認");
        (await page.Locator("form[action*='handler=Use']").GetByLabel("第12条第2項第2号").IsCheckedAsync()).ShouldBeTrue();
        await BrowserSession.ShouldPassAxe(page);
        (await _ledger.Stored(recordId)).ShouldBe(before, "a refused form appends nothing");
    }

    [Fact]
    public async Task a_stale_form_is_shown_as_a_conflict_and_appends_nothing()
    {
        var (_, recordId) = await RecordNamed(UniqueName());
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REC-05", LedgerRoles.Staff);
        await page.GotoAsync($"/records/{recordId}");
        // Meanwhile a colleague records a provision: the record moves to version 2.
        await _ledger.Send(LedgerDriver.ProvisionToMayor(recordId, 1));
        var before = await _ledger.Stored(recordId);
        await page.Locator("summary", new() { HasText = "利用停止の実施" }).ClickAsync();
        var form = page.Locator("form[action*='handler=Suspend']");
        await form.GetByLabel("利用停止決定（決定番号又は請求）").FillAsync("令和8年利停第3号");
        await form.GetByRole(AriaRole.Button, new() { Name = "利用停止を記録する" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        alert.ShouldContain("他の職員が先に更新しました");
        (await page.Locator("form[action*='handler=Suspend']").GetByLabel("利用停止決定（決定番号又は請求）").InputValueAsync()).ShouldBe("令和8年利停第3号");
        await BrowserSession.ShouldPassAxe(page);
        (await _ledger.Stored(recordId)).ShouldBe(before);
        (await _ledger.Load<RetainedRecord>(recordId))!.Status.ShouldBe(RecordStatus.Held);
    }

    [Fact]
    public async Task the_personal_data_is_shown_only_after_a_stated_purpose_and_the_read_is_in_the_log()
    {
        var name = UniqueName();
        var (acquisition, recordId) = await RecordNamed(name);
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REC-06", LedgerRoles.Staff);
        await page.GotoAsync($"/records/{recordId}");
        (await page.ContentAsync()).ShouldNotContain(name);
        await page.GetByLabel("閲覧目的").FillAsync("訂正請求に係る本人確認のため");
        await page.GetByRole(AriaRole.Button, new() { Name = "目的を記録して表示する" }).ClickAsync();
        var shown = await page.Locator("section[aria-labelledby=personal-data]").InnerTextAsync();
        shown.ShouldContain(name);
        shown.ShouldContain("訂正請求に係る本人確認のため");
        await BrowserSession.ShouldPassAxe(page);

        await using var session = fixture.Store.TenantQuerySession();
        var reads = await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == recordId).ToListAsync();
        reads.Count.ShouldBe(1);
        reads[0].ReaderId.ShouldBe("S-WEB-REC-06");
        reads[0].Purpose.ShouldBe("訂正請求に係る本人確認のため");
        reads[0].DataSubjectIds.ShouldBe([acquisition.DataSubjectId]);
    }
}
