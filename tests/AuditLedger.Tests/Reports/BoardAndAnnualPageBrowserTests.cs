namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Access;

using AuditLedger.Tests.Support;
using Marten;
using Marten.Events;

/// <summary>The printable annual status and the board's timeline rendered by Debian's chromium from a Kestrel instance of the service.</summary>
[Collection(LedgerCollection.Name)]
public sealed class BoardAndAnnualPageBrowserTests(LedgerFixture fixture)
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task chromium_renders_the_annual_status_and_the_timeline_with_their_japanese_headings_and_rows()
    {
        await AnnualHistory.Build(fixture);
        var (caseId, _, _, _) = await CaseTimelineTests.Build(new LedgerDriver(fixture));
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using var service = new KestrelLedger(fixture.Clock);
        var address = service.Start();

        var annual = await HeadlessChromium.DumpDom(new Uri(address, "/api/annual-status/2023?format=html"), RenderTimeout);

        annual.ShouldContain("<html lang=\"ja\">");
        annual.ShouldContain("<title>令和5年度　個人情報の保護に関する条例の施行の状況</title>");
        foreach (var heading in (string[])["個人情報ファイルの保有状況", "開示・訂正・利用停止請求の件数と処理状況", "請求者の区分別件数", "月別の請求件数及び決定件数",
            "決定の期限の遵守状況", "審査請求及び審査会への諮問", "漏えい等事案", "利用目的以外の目的のための利用及び提供"])
            annual.ShouldContain($"<h2>{heading}</h2>");
        annual.ShouldContain("対象期間: 2023年4月1日～2024年3月31日");
        // The disclosure row: carried over 0, received 5, 開示 1, 一部開示 1, 裁量的開示 0, 不開示 1, 不存在 0, 存否応答拒否 0, then － for the
        // correction and suspension outcomes, 却下 1, 取下げ 0, 処理中 1.
        annual.ShouldContain("<tr><td>開示請求</td><td>0</td><td>5</td><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td><td>0</td><td>－</td><td>－</td><td>－</td><td>－</td><td>1</td><td>0</td><td>1</td></tr>");
        annual.ShouldContain("<tr><td>開示請求</td><td>4</td><td>3</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td></tr>");
        annual.ShouldContain("<tr><td>審査会への諮問（第45条第1項）</td><td>1</td></tr>");
        annual.ShouldContain("@media print");

        await fixture.User("B-0001", LedgerRoles.ReviewBoard);
        var timeline = await HeadlessChromium.DumpDom(new Uri(address, $"/api/cases/{caseId}/timeline?format=html&access_token={fixture.Token("B-0001", LedgerRoles.ReviewBoard)}"), RenderTimeout);

        timeline.ShouldContain($"事案の経過　開示請求（事案ID {caseId}）");
        foreach (var heading in (string[])["<h2>事案の概要</h2>", "<h2>第三者に対する意見書提出の機会の付与（第27条）</h2>", "<h2>事案の経過（12件）</h2>"])
            timeline.ShouldContain(heading);
        timeline.ShouldContain("<td>期限後に履行</td>");
        timeline.ShouldContain("<td>停止中（補正）</td>");
        timeline.ShouldContain("開示に反対");
        timeline.ShouldContain("SHA-256: ");
        timeline.ShouldNotContain(CaseTimelineTests.RequesterName);
        timeline.ShouldNotContain(CaseTimelineTests.ThirdPartyName);
    }
}
