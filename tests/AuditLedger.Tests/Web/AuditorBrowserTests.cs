namespace AuditLedger.Tests.Web;

using AuditLedger.Host.Tenancy;
using System.Globalization;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Trust;
using AuditLedger.Trust;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// The auditors' pages (監査) in a real browser: verification, the last checkpoint downloaded and verified against, the proof
/// of one event, the replay of a case as of an earlier instant and the differences between two instants, and the log of
/// reads of personal data with its filters. What the pages give is checked against the ledger itself.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class AuditorBrowserTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    [Fact]
    public async Task the_auditor_verifies_downloads_the_checkpoint_verifies_against_it_and_downloads_a_proof()
    {
        var (_, record) = await _ledger.Record();
        (await fixture.Sealer.SealAsync(everything: true, CancellationToken.None)).Detail.ShouldNotStartWith("refused");
        long sequence;
        await using (var session = fixture.Store.TenantQuerySession())
            sequence = (await session.Events.FetchStreamAsync(record))[0].Sequence;

        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("A-WEB-AUDIT-01", LedgerRoles.Auditor);
        new Uri(page.Url).AbsolutePath.ShouldBe("/audit");
        await page.GetByRole(AriaRole.Heading, new() { Name = "最新の署名付きチェックポイント" }).WaitForAsync();
        await BrowserSession.ShouldPassAxe(page);

        // Verification of the whole store, as verify answers it.
        var expected = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        await page.GetByRole(AriaRole.Button, new() { Name = "検証を実行する" }).ClickAsync();
        var result = await page.Locator("#result-heading").InnerTextAsync();
        result.ShouldContain(expected.Ok ? "不一致は検出されませんでした" : "不一致が検出されました");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "audit");

        // The last checkpoint, downloaded as a file, is the ledger's latest and verifies against the store.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "チェックポイントをダウンロード（JSON）" }).ClickAsync());
        var path = await download.PathAsync();
        var kept = CheckpointDocument.Parse(await File.ReadAllTextAsync(path));
        kept.SealedThroughSequence.ShouldBeGreaterThanOrEqualTo(sequence);
        kept.IsSignedBy(fixture.Services.GetRequiredService<TrustKeys>().RequireVerifying()).ShouldBeTrue();

        await _ledger.Record();   // the ledger moves on after the checkpoint was kept
        await page.GetByLabel("チェックポイントのファイル").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "照合する" }).ClickAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain("一致（保管時点の記録がそのまま台帳に含まれています）");
        (await page.Locator("main").InnerTextAsync()).ShouldContain($"木の大きさ {kept.TreeSize}");

        // A file that is not a checkpoint is refused with the API's words; nothing is verified against it.
        var forged = Path.Combine(Path.GetTempPath(), $"not-a-checkpoint-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(forged, "{\"format\":\"something else\"}");
        await page.GetByLabel("チェックポイントのファイル").SetInputFilesAsync(forged);
        await page.GetByRole(AriaRole.Button, new() { Name = "照合する" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("検証に用いる入力が正しくありません");
        await BrowserSession.ShouldPassAxe(page);

        // The proof of one event, checked with the public key alone.
        await page.GetByLabel("記録番号").FillAsync(sequence.ToString(CultureInfo.InvariantCulture));
        var proofDownload = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "証明をダウンロード（JSON）" }).ClickAsync());
        var proof = InclusionProofDocument.Parse(await File.ReadAllTextAsync(await proofDownload.PathAsync()));
        proof.Event.Sequence.ShouldBe(sequence);
        proof.Event.StreamId.ShouldBe(record);
        ProofVerifier.Verify(proof, fixture.Services.GetRequiredService<TrustKeys>().RequireVerifying()).Valid.ShouldBeTrue();

        // An unknown event: the refusal on the page, beside the field.
        await page.GetByLabel("記録番号").FillAsync("999999999");
        await page.GetByRole(AriaRole.Button, new() { Name = "証明をダウンロード（JSON）" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("指定された番号のイベントは台帳にありません");
        await BrowserSession.ShouldPassAxe(page);
    }

    [Fact]
    public async Task the_auditor_replays_a_case_as_of_an_earlier_instant_sees_the_differences_and_a_read_of_personal_data_needs_a_purpose_and_is_logged()
    {
        await MoveTheClockPastEveryRecordedEvent();
        var cases = new CaseDriver(_ledger);
        var id = await cases.Verified();
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var earlier = fixture.Clock.GetUtcNow().ToOffset(JapanDate.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await cases.Step(id, new ExtendDecisionPeriod { Days = 30, Reason = "事務処理上の困難" }, CaseDriver.Received.AddDays(20));
        var (_, record) = await _ledger.Record();
        fixture.Clock.Advance(TimeSpan.FromHours(1));

        var web = await BrowserSession.Of(fixture);
        var page = await web.SignIn("A-WEB-AUDIT-02", LedgerRoles.Auditor);
        await page.GotoAsync("/audit/replay");
        await BrowserSession.ShouldPassAxe(page);

        // An instant the ledger cannot show (in 和暦, after now) is refused beside its field.
        await page.GetByLabel("再現するもの").SelectOptionAsync("cases");
        await page.Locator("#replay-id").FillAsync(id.ToString());
        await page.Locator("#replay-asOf").FillAsync("令和20年4月1日");
        await page.GetByRole(AriaRole.Button, new() { Name = "再現する" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("照会の指定に誤りがあります");
        (await page.Locator("#replay-asOf-error").InnerTextAsync()).ShouldContain("現在");
        (await page.Locator("#replay-asOf").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await BrowserSession.ShouldPassAxe(page);

        // The case as of the earlier instant: version 2, before the extension (its state holds no personal data: no read).
        await page.Locator("#replay-asOf").FillAsync(earlier);
        await page.GetByRole(AriaRole.Button, new() { Name = "再現する" }).ClickAsync();
        var replayed = await page.Locator("main").InnerTextAsync();
        replayed.ShouldContain("その時点の版\n第2版");
        replayed.ShouldContain("\"extensionDays\": 0");
        (await Reads(id, "A-WEB-AUDIT-02")).ShouldBeEmpty();

        // The differences from then to now: the extension, and the fields it changed.
        await page.Locator("#diff-id").FillAsync(id.ToString());
        await page.Locator("#diff-from").FillAsync(earlier);
        await page.Locator("#diff-to").FillAsync("now");
        await page.GetByRole(AriaRole.Button, new() { Name = "差分を表示する" }).ClickAsync();
        var diff = await page.Locator("main").InnerTextAsync();
        diff.ShouldContain("第2版 → 第3版");
        diff.ShouldContain("この間に記録されたイベント（1件）");
        diff.ShouldContain(Projections.Reporting.CaseLabels.Event(typeof(DecisionPeriodExtended)));
        diff.ShouldContain("extensionDays");
        await BrowserSession.ShouldPassAxe(page);
        await BrowserSession.Screenshot(page, "audit-replay");

        // A record acquired since then: its acquisition holds a name. Without a purpose nothing is shown; with one, the read
        // is recorded, then shown.
        await page.Locator("#diff-id").FillAsync(record.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "差分を表示する" }).ClickAsync();
        (await page.Locator("#diff-purpose-error").InnerTextAsync()).ShouldContain("第9条");
        (await page.Locator("#diff-purpose").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("浦安 花子");
        (await Reads(record, "A-WEB-AUDIT-02")).ShouldBeEmpty();
        await page.Locator("#diff-purpose").FillAsync("令和8年度 定期監査");
        await page.GetByRole(AriaRole.Button, new() { Name = "差分を表示する" }).ClickAsync();
        var shown = await page.Locator("main").InnerTextAsync();
        shown.ShouldContain("浦安 花子");
        shown.ShouldContain("第0版 → 第1版");
        var read = (await Reads(record, "A-WEB-AUDIT-02")).ShouldHaveSingleItem();
        read.Purpose.ShouldBe("令和8年度 定期監査");
        read.Channel.ShouldBe("web");
        read.ReaderRole.ShouldBe(LedgerRoles.Auditor);
        await BrowserSession.ShouldPassAxe(page);
    }

    private async Task<IReadOnlyList<PersonalDataRead>> Reads(Guid stream, string reader)
    {
        await using var session = fixture.Store.TenantQuerySession();
        return await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == stream && r.ReaderId == reader).ToListAsync();
    }

    /// <summary>Replay reads recorded time: the clock is put after every event already stored, so that "earlier" is earlier.</summary>
    private async Task MoveTheClockPastEveryRecordedEvent()
    {
        await using var session = fixture.Store.TenantQuerySession();
        var latest = await session.QueryAsync<DateTimeOffset>($"select timestamp from {LedgerConfiguration.SchemaName}.mt_events order by timestamp desc limit 1");
        if (latest.Count > 0 && latest[0] >= fixture.Clock.GetUtcNow()) fixture.Clock.Set(latest[0].AddHours(1));
    }
}
