namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Tenancy;
using System.Text.RegularExpressions;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Access;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.Reporting;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Playwright;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The personal information file register (個人情報ファイル簿, 第17条) in a real browser: a clerk registers a file by the form with
/// the purpose picker, amends it, withholds an item (blank in the published view, present in the internal one), exempts a
/// file (absent from the published view) and retires one, each checked in the ledger; a refused form shows the rule and its
/// article and appends nothing; a stale form is a conflict.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed partial class FileRegisterBrowserTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private const string NameLabel = "個人情報ファイルの名称（第17条第1項第1号）";
    private const string OrganisationLabel = "事務をつかさどる組織の名称（第17条第1項第2号）";
    private const string PurposePickerLabel = "登録済みの利用目的から選ぶ（第17条第1項第3号）";
    private const string PurposesLabel = "利用目的（1行に1つ、第17条第1項第3号）";
    private const string RecordedItemsLabel = "記録項目（第17条第1項第4号）";
    private const string RecordScopeLabel = "記録範囲（本人として記録される個人の範囲）（第17条第1項第4号）";
    private const string CollectionMethodLabel = "記録情報の収集方法（第17条第1項第5号）";
    private const string OfficeNameLabel = "請求を受理する組織の名称（第17条第1項第8号）";
    private const string OfficeLocationLabel = "請求を受理する組織の所在地（第17条第1項第8号）";

    [Fact]
    public async Task a_clerk_registers_a_file_by_the_form_picking_a_registered_purpose_then_amends_it_and_the_ledger_holds_both()
    {
        var picked = $"議会報の送付 {Guid.NewGuid():N}";
        await Seed($"送付先名簿 {Guid.NewGuid():N}", purpose: picked);
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-FILES-01", LedgerRoles.Staff);

        await page.GotoAsync("/files/new");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "files-new");
        var name = $"議会図書室利用者名簿 {Guid.NewGuid():N}";
        await FillRegistration(page, name);
        await page.GetByLabel(PurposePickerLabel).SelectOptionAsync(new SelectOptionValue { Label = picked });
        await page.GetByLabel(PurposesLabel).FillAsync("議会図書室の資料の貸出及び返却の管理");
        await page.GetByLabel("保存期間（年）").FillAsync("５");
        await page.GetByRole(AriaRole.Button, new() { Name = "個人情報ファイル簿に登録する（第17条第1項）" }).ClickAsync();

        await page.WaitForURLAsync(url => EntryPath().IsMatch(new Uri(url).AbsolutePath));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("個人情報ファイル簿に登録しました（第17条第1項）");
        var fileId = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        var registered = (await Entry(fileId))!;
        registered.File.Items.Name.ShouldBe(name);
        registered.File.Items.PurposesOfUse.ShouldBe([picked, "議会図書室の資料の貸出及び返却の管理"]);
        registered.File.Items.RecordedItems.ShouldBe(["氏名", "利用者番号"]);
        registered.File.Items.Retention.ShouldBe(new RetentionPeriod(5));
        registered.History.Single().By.Actor.StaffId.ShouldBe("S-WEB-FILES-01");

        // 変更 (第17条第1項): the amendment form holds the present items; change the scope and give the reason.
        (await page.GetByLabel(RecordScopeLabel).InputValueAsync()).ShouldBe("議会図書室の利用登録をした者");
        await page.GetByLabel(RecordScopeLabel).FillAsync("議会図書室の利用登録をした者及び閲覧者");
        await page.GetByLabel("変更の理由").FillAsync("閲覧者の記録を始めたため");
        await page.GetByRole(AriaRole.Button, new() { Name = "変更を記録する（第17条第1項）" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=Amend"));
        var amended = (await Entry(fileId))!;
        amended.Version.ShouldBe(2);
        amended.File.Amendments.ShouldBe(1);
        amended.File.Items.RecordScope.ShouldBe("議会図書室の利用登録をした者及び閲覧者");
        amended.File.Items.PurposesOfUse.ShouldBe(registered.File.Items.PurposesOfUse);
        amended.History[^1].Reason.ShouldBe("閲覧者の記録を始めたため");
        amended.History[^1].By.Actor.StaffId.ShouldBe("S-WEB-FILES-01");
        var history = await page.GetByRole(AriaRole.Table, new() { Name = "登録と変更の履歴（古い順）" }).InnerTextAsync();
        history.ShouldContain("「議会図書室の利用登録をした者」→「議会図書室の利用登録をした者及び閲覧者」");
        history.ShouldContain("閲覧者の記録を始めたため");
        history.ShouldContain("第17条第1項");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "files-file");
    }

    [Fact]
    public async Task a_withheld_item_is_blank_in_the_published_view_but_present_internally_and_an_exempt_file_is_not_published()
    {
        var withheldMethod = $"委託事業者からの名簿の受領 {Guid.NewGuid():N}";
        var withholding = await Seed($"陳情者名簿 {Guid.NewGuid():N}", collectionMethod: withheldMethod);
        var exempting = await Seed($"職員研修受講者名簿 {Guid.NewGuid():N}");
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-FILES-02", LedgerRoles.Staff);

        // 記載しない事項 (第17条第3項)
        await page.GotoAsync($"/files/{withholding.Id}");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = CaseLabels.Of(WithholdableItem.CollectionMethod) }).CheckAsync();
        await page.GetByLabel("記載しない理由").FillAsync("収集先を公にすると委託事業の適正な遂行に支障があるため");
        await page.GetByRole(AriaRole.Button, new() { Name = "記載しない事項を記録する（第17条第3項）" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=Withhold"));
        (await Entry(withholding.Id))!.File.WithheldItems.ShouldBe([WithholdableItem.CollectionMethod]);

        // 公表の適用除外 (第17条第2項)
        await page.GotoAsync($"/files/{exempting.Id}");
        await page.GetByLabel("適用除外の根拠").SelectOptionAsync(new SelectOptionValue { Label = CaseLabels.Of(PublicationExemptionGround.PersonnelMatters) });
        await page.GetByLabel("適用除外の理由").FillAsync("職員の研修に関する事項のみを記録するため");
        await page.GetByRole(AriaRole.Button, new() { Name = "公表の適用除外を記録する（第17条第2項）" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=Exempt"));
        var exempt = (await Entry(exempting.Id))!;
        exempt.File.PublicationExemption.ShouldBe(PublicationExemptionGround.PersonnelMatters);
        exempt.History[^1].Article.ShouldBe("第17条第2項第1号");

        // The published view: the exempt file absent, the withheld item blank, the rest of the row there.
        await page.GotoAsync("/files/published");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = withholding.Name });
        (await row.CountAsync()).ShouldBe(1);
        (await row.Locator("td[data-column=collectionMethod]").InnerTextAsync()).ShouldBe("");
        (await row.Locator("td[data-column=recordScope]").InnerTextAsync()).ShouldBe(Items().RecordScope);
        var published = await page.Locator("main").InnerTextAsync();
        published.ShouldNotContain(withheldMethod);
        published.ShouldNotContain(exempting.Name);
        await BrowserSession.ShouldPassAxe(page);

        // The internal register: both files, the withheld item with its value, the exemption with its ground.
        await page.GotoAsync("/files");
        var internalRegister = await page.Locator("main").InnerTextAsync();
        internalRegister.ShouldContain(withheldMethod);
        internalRegister.ShouldContain(exempting.Name);
        internalRegister.ShouldContain(CaseLabels.Of(PublicationExemptionGround.PersonnelMatters));
        (await page.GetByRole(AriaRole.Link, new() { Name = "公表ページ（一般の方が見る個人情報ファイル簿）" }).GetAttributeAsync("href")).ShouldBe("/register/published.html?tenant=" + Uri.EscapeDataString(AuditLedger.Host.Tenancy.LedgerTenant.Default));
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "files-register");
    }

    [Fact]
    public async Task a_file_retired_by_its_form_is_closed_in_the_ledger_and_offers_no_more_changes()
    {
        var file = await Seed($"視察受入者名簿 {Guid.NewGuid():N}");
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-FILES-03", LedgerRoles.Staff);
        await page.GotoAsync($"/files/{file.Id}");
        await page.GetByLabel("廃止の理由").FillAsync("視察受入事務を終了したため");
        await page.GetByRole(AriaRole.Button, new() { Name = "廃止を記録する（第4条第2項）" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=Retire"));

        var retired = (await Entry(file.Id))!;
        retired.File.Status.ShouldBe(FileStatus.Retired);
        retired.History[^1].Change.ShouldBe(RegisterChange.Retired);
        retired.History[^1].By.Actor.StaffId.ShouldBe("S-WEB-FILES-03");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("廃止を記録しました（第4条第2項）");
        (await page.GetByRole(AriaRole.Button, new() { Name = "変更を記録する（第17条第1項）" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button, new() { Name = "廃止を記録する（第4条第2項）" }).CountAsync()).ShouldBe(0);
        await BrowserSession.ShouldPassAxe(page);
        await page.GotoAsync("/files/published");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(file.Name);
    }

    [Fact]
    public async Task a_registration_without_a_purpose_is_refused_with_the_rule_and_its_article_keeps_what_was_typed_and_appends_nothing()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-FILES-04", LedgerRoles.Staff);
        await page.GotoAsync("/files/new");
        var name = $"議員名簿 {Guid.NewGuid():N}";
        await FillRegistration(page, name);
        var before = await _ledger.EventCount();
        await page.GetByRole(AriaRole.Button, new() { Name = "個人情報ファイル簿に登録する（第17条第1項）" }).ClickAsync();

        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        alert.ShouldContain("記録は追加されていません");
        alert.ShouldContain("利用目的");
        alert.ShouldContain("第17条第1項第3号");
        alert.ShouldContain(RegisterItemRules.PurposeOfUseMissing.Code);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("対応: 赤字で示した欄を記入して、もう一度送信してください");
        (await _ledger.EventCount()).ShouldBe(before);
        (await page.GetByLabel(NameLabel).InputValueAsync()).ShouldBe(name);
        (await page.GetByLabel(PurposesLabel).GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await BrowserSession.ShouldPassAxe(page);

        // Corrected and sent again (the same form, its key): registered once.
        await page.GetByLabel(PurposesLabel).FillAsync("議員の連絡先の管理");
        await page.GetByRole(AriaRole.Button, new() { Name = "個人情報ファイル簿に登録する（第17条第1項）" }).ClickAsync();
        await page.WaitForURLAsync(url => EntryPath().IsMatch(new Uri(url).AbsolutePath));
        await using var session = fixture.Store.TenantQuerySession();
        (await session.Query<FileRegisterEntry>().Where(e => e.File.Items.Name == name).CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task a_form_opened_before_another_change_is_a_conflict_keeps_what_was_typed_and_appends_nothing()
    {
        var file = await Seed($"請願者名簿 {Guid.NewGuid():N}");
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-FILES-05", LedgerRoles.Staff);
        await page.GotoAsync($"/files/{file.Id}");

        // Meanwhile a colleague amends the file (version 1 → 2).
        await _ledger.Send(new AmendFile
        {
            FileId = file.Id, ExpectedVersion = 1, StaffId = "S-0001", Reason = "所在地の表記を改めたため",
            Items = Items() with { Name = file.Name, RequestOfficeLocation = "千葉県浦安市猫実1-1-1" },
        });

        await page.GetByLabel("廃止の理由").FillAsync("請願の受付事務を移管したため");
        await page.GetByRole(AriaRole.Button, new() { Name = "廃止を記録する（第4条第2項）" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        alert.ShouldContain("他の職員が先に更新しました");
        alert.ShouldContain("stream.version-conflict");
        (await page.GetByLabel("廃止の理由").InputValueAsync()).ShouldBe("請願の受付事務を移管したため");
        var stored = await _ledger.Stored(file.Id);
        stored.Version.ShouldBe(2);
        (await Entry(file.Id))!.File.Status.ShouldBe(FileStatus.Active);
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task a_shorter_extension_is_refused_with_its_article_and_records_past_retention_are_disposed_of_by_the_form()
    {
        // A file kept 1 year, with a record acquired in fiscal 2023: past retention from 1 April 2025 (翌年度4月1日起算).
        var registeredAt = new DateTimeOffset(2023, 4, 3, 9, 0, 0, TimeSpan.FromHours(9));
        var name = $"傍聴者受付簿 {Guid.NewGuid():N}";
        var fileId = (await _ledger.Send(Registration() with
        {
            OccurredAt = registeredAt,
            Items = Items() with { Name = name, Retention = new RetentionPeriod(1) },
        })).StreamId;
        var recordId = (await _ledger.Send(Acquisition(fileId) with { OccurredAt = registeredAt.AddMonths(1) })).StreamId;
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-FILES-06", LedgerRoles.Staff);
        await page.GotoAsync($"/files/{fileId}");

        // 保存期間の延長: the same period is no extension; refused with the rule and its article, nothing appended.
        var stored = await _ledger.Stored(fileId);
        await page.GetByLabel("延長後の保存期間（年）").FillAsync("1");
        await page.GetByLabel("延長の理由").FillAsync("監査のため");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存期間の延長を記録する" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        alert.ShouldContain(ExtendRetentionPeriod.RetentionNotExtended.Code);
        alert.ShouldContain("第17条第1項");
        (await _ledger.Stored(fileId)).ShouldBe(stored);
        (await page.GetByLabel("延長の理由").InputValueAsync()).ShouldBe("監査のため");
        await BrowserSession.ShouldPassAxe(page);

        // 廃棄 (第4条第2項): the record past retention is listed (ids and dates only) and disposed of by the form.
        var due = await page.GetByRole(AriaRole.Table).Filter(new() { HasText = recordId.ToString() }).InnerTextAsync();
        due.ShouldContain("令和7年4月1日");
        await page.GetByLabel("廃棄の方法").FillAsync("データ消去ソフトによる上書き");
        await page.GetByRole(AriaRole.Button, new() { Name = "廃棄を記録する（第4条第2項）" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("廃棄した記録: 1 件");
        var record = (await _ledger.Load<Domain.Records.RetainedRecord>(recordId))!;
        record.Status.ShouldBe(Domain.Records.RecordStatus.Erased);
        await using var session = fixture.Store.TenantQuerySession();
        var run = (await session.Events.FetchStreamAsync(fileId)).Select(e => e.Data).OfType<FileRecordsDisposed>().Single();
        run.Disposed.ShouldBe([recordId]);
        run.Method.ShouldBe("データ消去ソフトによる上書き");
        run.Context.Actor.StaffId.ShouldBe("S-WEB-FILES-06");
    }

    // ---- helpers ----

    [GeneratedRegex("^/files/[0-9a-f-]{36}$")]
    private static partial Regex EntryPath();

    private async Task<(Guid Id, string Name)> Seed(string name, string? purpose = null, string? collectionMethod = null)
    {
        var registration = Registration() with
        {
            Items = Items() with
            {
                Name = name,
                PurposesOfUse = [purpose ?? Purpose],
                CollectionMethod = collectionMethod ?? Items().CollectionMethod,
            },
        };
        var result = await _ledger.Send(registration);
        return (result.StreamId, name);
    }

    private async Task<FileRegisterEntry?> Entry(Guid fileId) => await _ledger.Load<FileRegisterEntry>(fileId);

    /// <summary>Every required item but the purpose, as a clerk types them.</summary>
    private static async Task FillRegistration(IPage page, string name)
    {
        await page.GetByLabel(CaseLabels.Of(FileKind.ComputerProcessed)).CheckAsync();
        await page.GetByLabel(NameLabel).FillAsync(name);
        await page.GetByLabel(OrganisationLabel).FillAsync("浦安市議会事務局 議事課");
        await page.GetByLabel(RecordedItemsLabel).FillAsync("氏名\n利用者番号");
        await page.GetByLabel(RecordScopeLabel).FillAsync("議会図書室の利用登録をした者");
        await page.GetByLabel(CollectionMethodLabel).FillAsync("本人からの利用登録申込書の提出");
        await page.GetByLabel(OfficeNameLabel).FillAsync("浦安市議会事務局 総務課");
        await page.GetByLabel(OfficeLocationLabel).FillAsync("千葉県浦安市猫実一丁目1番1号");
    }
}
