namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Access;

using AuditLedger.Projections.Register;
using AuditLedger.Tests.Support;

/// <summary>
/// The printable register pages rendered by a real headless browser (Debian's chromium) from a second instance of the
/// service listening on a real port of 127.0.0.1, on the same ledger.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class PrintablePageBrowserTests(LedgerFixture fixture)
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task chromium_renders_the_published_and_internal_registers_with_the_japanese_headings_and_the_rows()
    {
        var files = await new RegisterHistory(new LedgerDriver(fixture)).Build();
        await using var service = new KestrelLedger(fixture.Clock);
        var address = service.Start();
        address.IsLoopback.ShouldBeTrue();

        var published = await HeadlessChromium.DumpDom(new Uri(address, "/register/published.html"), RenderTimeout);

        published.ShouldContain("<html lang=\"ja\">");
        published.ShouldContain("<title>個人情報ファイル簿</title>");
        foreach (var column in RegisterTable.ItemColumns) published.ShouldContain(column.Column.Heading);
        published.ShouldContain(Escaped(files.Names[files.Amended]));
        published.ShouldContain(Escaped(files.Names[files.Withheld]));
        published.ShouldContain("氏名、住所、傍聴日、電話番号");
        published.ShouldNotContain(files.Names[files.Exempt]);
        published.ShouldNotContain(files.Names[files.Retired]);
        published.ShouldNotContain(RegisterHistory.WithheldMethod);
        published.ShouldNotContain(RegisterHistory.WithholdingReason);
        // The markup in a purpose stayed text: the browser built no script element from it.
        published.ShouldContain("&lt;script&gt;alert('x')&lt;/script&gt;");
        published.ShouldNotContain("<script>");

        var internalPage = await HeadlessChromium.DumpDom(new Uri(address, $"/register/internal.html?access_token={fixture.Token("S-TEST", LedgerRoles.Staff)}"), RenderTimeout);

        internalPage.ShouldContain("個人情報ファイル簿（内部管理用）");
        internalPage.ShouldContain(files.Names[files.Exempt]);
        internalPage.ShouldContain(RegisterHistory.ExemptionReason);
        internalPage.ShouldContain("不掲載（第17条第2項第1号）");
        internalPage.ShouldContain(RegisterHistory.WithheldMethod);
    }

    /// <summary>How a DOM dump writes text: &amp;, &lt;, &gt; escaped (quotes are left as they are in text).</summary>
    private static string Escaped(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
