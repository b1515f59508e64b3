namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Web;
using AuditLedger.Projections.Reporting;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// The requests pages (請求) in a real browser: a clerk's whole disclosure request by forms, from intake to the disclosure,
/// then a correction request; at each step the deadline the page shows is the engine's (<see cref="DeadlineQueries.ForCase"/>),
/// a refused step shows its article and appends nothing, a stale form shows a conflict, the list finds the case, and every
/// page passes axe-core. Then the intake and one step by keyboard alone.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class RequestBrowserTests(LedgerFixture fixture)
{
    private const string Name = "浦安 花子";

    private async Task<CaseDeadlineReport> Engine(BrowserSession web, Guid caseId)
    {
        using var scope = web.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineQueries>().ForCase(caseId, default);
    }

    private async Task<int> EventCount(Guid caseId)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return (await session.Events.FetchStreamAsync(caseId)).Count;
    }

    private async Task<RequestCase> Stored(Guid caseId)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return (await session.LoadAsync<RequestCase>(caseId))!;
    }

    /// <summary>The case page's decision deadline equals the engine's for the case, and is answered.</summary>
    private async Task<DateOnly> DeadlineShownIsTheEngines(BrowserSession web, IPage page, Guid caseId, string clockId)
    {
        var engine = (await Engine(web, caseId)).Clocks.Single(c => c.ClockId == clockId);
        var shown = await page.Locator($"[data-clock='{clockId}'] [data-due]").InnerTextAsync();
        shown.Trim().ShouldBe(Display.Date(engine.DueOn));
        return engine.DueOn!.Value;
    }

    private static Guid CaseIdOf(IPage page) => Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2]);

    /// <summary>Today in Japan as a clerk writes it in 和暦 (令和N年M月D日): received at the start of the day.</summary>
    private static string TodayInWareki(TimeProvider clock)
    {
        var today = JapanDate.Of(clock.GetUtcNow());
        return $"令和{today.Year - 2018}年{today.Month}月{today.Day}日";
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task Intake(IPage page, string kindLabel, string? disclosureReceipt = null)
    {
        await page.GotoAsync("/requests/new");
        await page.GetByLabel(kindLabel, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("本人", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("本人の氏名").FillAsync(Name);
        await page.GetByLabel("本人の住所又は居所").FillAsync("千葉県浦安市猫実一丁目1番1号");
        await page.GetByLabel("請求に係る保有個人情報を特定するに足りる事項").FillAsync("令和8年度 本会議傍聴者名簿のうち請求者に関する部分");
        await page.GetByLabel("受付日時").FillAsync(TodayInWareki(fixture.Clock));
        if (disclosureReceipt is not null) await page.GetByLabel("開示を受けた開示請求の受付番号").FillAsync(disclosureReceipt);
    }

    [Fact]
    public async Task a_clerk_takes_a_disclosure_request_from_intake_to_disclosure_then_a_correction_request_all_by_forms()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REQ-01", LedgerRoles.Staff);

        // 受付 (Art. 18-19): the intake form, then the receipt (受付票) with the engine's deadline and its articles.
        await Intake(page, "開示請求（第18条）");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "requests-intake");
        await Button(page, "受け付ける").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/receipt"));
        var caseId = CaseIdOf(page);
        var received = await Stored(caseId);
        received.Kind.ShouldBe(RequestKind.Disclosure);
        received.ReceivedOn.ShouldBe(JapanDate.Of(fixture.Clock.GetUtcNow()));
        var receipt = ReceiptNumbers.Of(received);
        (await page.Locator("[data-receipt-number]").InnerTextAsync()).Trim().ShouldBe(receipt);
        var decision = (await Engine(web, caseId)).Clocks.Single(c => c.ClockId == "disclosure-decision");
        var receiptText = await page.Locator("main").InnerTextAsync();
        receiptText.ShouldContain(Display.Date(decision.DueOn));
        receiptText.ShouldContain(decision.ArticleJa);
        receiptText.ShouldContain("初日");
        receiptText.ShouldNotContain(Name);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "requests-receipt");

        await page.GetByRole(AriaRole.Link, new() { Name = "事案の画面へ" }).ClickAsync();
        await page.WaitForURLAsync($"**/requests/{caseId}");
        var due = await DeadlineShownIsTheEngines(web, page, caseId, "disclosure-decision");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(Name);
        await BrowserSession.ShouldPassAxe(page);
        // Only the steps the case allows now: no disclosure before a decision, no completion before a 補正 is asked.
        (await Button(page, "開示の実施を記録する").CountAsync()).ShouldBe(0);
        (await Button(page, "補正の完了を記録する").CountAsync()).ShouldBe(0);

        // A refused step: a partial disclosure before the identity check (Art. 19(2)) shows the article, keeps what was typed, appends nothing.
        var before = await EventCount(caseId);
        await page.GetByLabel(CaseLabels.Outcome(CaseOutcome.DisclosedInPart), new() { Exact = true }).CheckAsync();
        await page.GetByLabel("決定の理由").FillAsync("第20条第2号に該当する部分を除く");
        await page.GetByLabel("決定通知書の文書番号").FillAsync("議総第101号");
        await Button(page, "決定を記録する").ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        alert.ShouldContain("第19条第2項");
        alert.ShouldContain("記録は追加されていません");
        (await page.GetByLabel("決定の理由").InputValueAsync()).ShouldBe("第20条第2号に該当する部分を除く");
        (await EventCount(caseId)).ShouldBe(before);
        await BrowserSession.ShouldPassAxe(page);

        // 本人確認 (Art. 19(2)).
        await page.GetByLabel("提示された本人確認書類").FillAsync("運転免許証");
        await Button(page, "本人確認を記録する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("本人確認");
        (await Stored(caseId)).IdentityVerified.ShouldBeTrue();

        // 補正の求め and 補正の完了 (Art. 19(3)): while it is pending only its completion is offered, and the clock is paused.
        await page.GetByLabel("形式上の不備の内容").FillAsync("請求に係る保有個人情報の特定が不十分");
        await Button(page, "補正を求める").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("補正の求め");
        (await Button(page, "補正を求める").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-clock='disclosure-decision']").InnerTextAsync()).ShouldContain(CaseLabels.State(ClockState.Paused));
        await DeadlineShownIsTheEngines(web, page, caseId, "disclosure-decision");
        await Button(page, "補正の完了を記録する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("補正の完了");
        (await Stored(caseId)).FormCorrectionIsPending.ShouldBeFalse();
        await DeadlineShownIsTheEngines(web, page, caseId, "disclosure-decision");

        // A stale form: a second tab opened now, then the first extends the period; the second tab's extension is a conflict.
        var stale = await page.Context.NewPageAsync();
        await stale.GotoAsync($"/requests/{caseId}");

        // An extension over the 30 days (Art. 25(2)) is refused beside its form, with the article; nothing is appended.
        var beforeTooLong = await EventCount(caseId);
        await page.GetByLabel("延長する日数").FillAsync("31");
        await page.GetByLabel("延長の理由").FillAsync("対象文書が多く、事務処理上の困難があるため");
        await Button(page, "期限を延長する").ClickAsync();
        var tooLong = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        tooLong.ShouldContain("第25条第2項");
        tooLong.ShouldContain("30日以内");
        (await page.GetByLabel("延長する日数").InputValueAsync()).ShouldBe("31");
        // What was typed stays in its own form: the withdrawal's reason is not filled with the extension's.
        (await page.GetByLabel("取下げの理由").InputValueAsync()).ShouldBeEmpty();
        (await EventCount(caseId)).ShouldBe(beforeTooLong);

        // 延長 (Art. 25(2)): 30 days; the page shows the engine's new date.
        await page.GetByLabel("延長する日数").FillAsync("30");
        await page.GetByLabel("延長の理由").FillAsync("対象文書が多く、事務処理上の困難があるため");
        await Button(page, "期限を延長する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("決定期限の延長");
        var extended = await DeadlineShownIsTheEngines(web, page, caseId, "disclosure-decision");
        extended.ShouldBeGreaterThan(due);
        (await Stored(caseId)).ExtensionDays.ShouldBe(30);

        var beforeStale = await EventCount(caseId);
        await stale.GetByLabel("延長する日数").FillAsync("5");
        await stale.GetByLabel("延長の理由").FillAsync("重ねて延長");
        await Button(stale, "期限を延長する").ClickAsync();
        (await stale.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("他の職員が先に更新しました");
        (await stale.GetByLabel("延長の理由").InputValueAsync()).ShouldBe("重ねて延長");
        (await EventCount(caseId)).ShouldBe(beforeStale);
        await BrowserSession.ShouldPassAxe(stale);
        await stale.CloseAsync();

        // 一部開示の決定 (Art. 24(1)).
        await page.GetByLabel(CaseLabels.Outcome(CaseOutcome.DisclosedInPart), new() { Exact = true }).CheckAsync();
        await page.GetByLabel("決定の理由").FillAsync("第20条第2号に該当する部分を除く");
        await page.GetByLabel("決定通知書の文書番号").FillAsync("議総第101号");
        await Button(page, "決定を記録する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("決定");
        (await Stored(caseId)).Outcome.ShouldBe(CaseOutcome.DisclosedInPart);
        (await Button(page, "決定を記録する").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-clock='disclosure-decision']").InnerTextAsync()).ShouldContain(CaseLabels.State(ClockState.Met));
        await DeadlineShownIsTheEngines(web, page, caseId, "disclosure-decision");

        // 決定通知の到達 (Art. 24, 28(4)), then the method (Art. 28(3)) with its window, then the disclosure (Art. 28(1)).
        await Button(page, "決定通知の到達を記録する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("決定通知の到達");
        await DeadlineShownIsTheEngines(web, page, caseId, "disclosure-method-request");
        await page.GetByLabel(CaseLabels.Of(DisclosureMethod.Copy), new() { Exact = true }).CheckAsync();
        await Button(page, "申出を記録する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("開示の実施の方法等の申出");
        await Button(page, "開示の実施を記録する").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("開示の実施");
        var disclosed = await Stored(caseId);
        disclosed.DisclosedOn.ShouldBe(JapanDate.Of(fixture.Clock.GetUtcNow()));
        disclosed.RequestedMethod.ShouldBe(DisclosureMethod.Copy);
        var timeline = await page.Locator("table").Last.InnerTextAsync();
        foreach (var step in new[] { "請求の受付", "本人確認", "補正の求め", "補正の完了", "決定期限の延長", "決定通知の到達", "開示の実施" })
            timeline.ShouldContain(step);
        timeline.ShouldNotContain(Name);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "requests-case");

        // The list finds the case: by receipt number, and by kind, status, requester type and day of receipt; not as overdue.
        await page.GotoAsync("/requests");
        await page.GetByLabel("受付番号").FillAsync(receipt);
        await Button(page, "絞り込む").ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = receipt }).CountAsync()).ShouldBe(1);
        (await page.Locator("tbody tr").CountAsync()).ShouldBe(1);
        await page.GetByLabel("受付番号").FillAsync("");
        await page.GetByLabel("請求の種類").SelectOptionAsync(new SelectOptionValue { Label = "開示請求" });
        await page.GetByLabel("状況").SelectOptionAsync(new SelectOptionValue { Label = CaseLabels.Of(CaseStatus.Decided) });
        await page.GetByLabel("請求者の区分").SelectOptionAsync(new SelectOptionValue { Label = "本人" });
        await page.GetByLabel("受付日（から）").FillAsync(TodayInWareki(fixture.Clock));
        await page.GetByLabel("受付日（まで）").FillAsync(TodayInWareki(fixture.Clock));
        await Button(page, "絞り込む").ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = receipt }).CountAsync()).ShouldBe(1);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(Name);
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "requests-list");
        await page.GotoAsync($"/requests?Overdue=true&Receipt={receipt}");
        (await page.GetByRole(AriaRole.Link, new() { Name = receipt }).CountAsync()).ShouldBe(0);

        // 訂正請求 (Art. 31-32) received by the intake form, naming the disclosure by its receipt number.
        await Intake(page, "訂正請求（第31条）", receipt);
        await Button(page, "受け付ける").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/receipt"));
        var correctionId = CaseIdOf(page);
        var correction = await Stored(correctionId);
        correction.Kind.ShouldBe(RequestKind.Correction);
        correction.DisclosureCaseId.ShouldBe(caseId);
        correction.DataSubjectId.ShouldBe(received.DataSubjectId);
        var correctionClock = (await Engine(web, correctionId)).Clocks.Single(c => c.ClockId == "correction-decision");
        (await page.Locator("[data-decision-due]").InnerTextAsync()).ShouldContain(Display.Date(correctionClock.DueOn));
        (await page.Locator("main").InnerTextAsync()).ShouldContain(correctionClock.ArticleJa);
        await page.GotoAsync($"/requests/{correctionId}");
        await DeadlineShownIsTheEngines(web, page, correctionId, "correction-decision");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("第35条第2項");
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task an_unknown_disclosure_receipt_number_or_a_bad_date_is_shown_beside_its_field_and_nothing_is_received()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REQ-02", LedgerRoles.Staff);
        await Intake(page, "訂正請求（第31条）", "20000101-00000000");
        await page.GetByLabel("受付日時").FillAsync("令和8年13月1日");
        await Button(page, "受け付ける").ClickAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe("/requests/new");
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("受付番号の開示請求が見つかりません");
        (await page.GetByLabel("受付日時").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.GetByLabel("本人の氏名").InputValueAsync()).ShouldBe(Name);
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task the_intake_and_an_identity_check_are_done_with_the_keyboard_alone()
    {
        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("S-WEB-REQ-03", LedgerRoles.Staff);
        await page.GotoAsync("/requests/new");

        await TabTo(page, "SubjectName");
        await page.Keyboard.TypeAsync("鍵盤 太郎");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("千葉県浦安市猫実一丁目1番1号");
        await TabTo(page, "InformationSought");
        await page.Keyboard.TypeAsync("議会広報の送付先名簿のうち本人に関する部分");
        await TabTo(page, "受け付ける");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/receipt"));
        var caseId = CaseIdOf(page);
        (await Stored(caseId)).Kind.ShouldBe(RequestKind.Disclosure);

        await TabTo(page, "事案の画面へ");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/requests/{caseId}");
        await TabTo(page, "VerifyRequesterIdentity-IdentityDocument");
        await page.Keyboard.TypeAsync("旅券");
        await TabTo(page, "本人確認を記録する");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("done="));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("本人確認");
        (await Stored(caseId)).IdentityVerified.ShouldBeTrue();
        (await EventCount(caseId)).ShouldBe(2);
    }

    /// <summary>Presses Tab until the focused element has the id, or the text (a button or link), given; fails after 80 presses.</summary>
    private static async Task TabTo(IPage page, string idOrText)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.id || '') + '|' + (document.activeElement?.textContent || '').trim()");
            var parts = focused.Split('|', 2);
            if (parts[0] == idOrText || parts[1] == idOrText) return;
        }
        throw new InvalidOperationException($"Tab never reached {idOrText}.");
    }
}
