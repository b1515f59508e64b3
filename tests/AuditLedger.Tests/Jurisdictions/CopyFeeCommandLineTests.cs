namespace AuditLedger.Tests.Jurisdictions;

using AuditLedger.Host.Cli;
using AuditLedger.Tests.Support;

/// <summary>`copy-fee`: the amount on the first line; exit 2 in Japanese and English for every input it cannot answer.</summary>
[Collection(LedgerCollection.Name)]
public sealed class CopyFeeCommandLineTests
{
    [Fact]
    public async Task nagareyama_copies_cost_10_yen_monochrome_and_50_yen_colour_a_page_first_line_the_amount()
    {
        var (status, output) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["copy-fee", "--jurisdiction", "nagareyama-city", "--monochrome", "12", "--colour", "3"]));

        status.ShouldBe(0);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("270");
        output.ShouldContain("流山市 個人情報保護制度の概要「費用」");
    }

    [Theory]
    [InlineData("urayasu-council", "1", "0", "定められていません", "states no rate")]
    [InlineData("kashiwa-city", "1", "0", "未知の管轄", "unknown jurisdiction")]
    [InlineData("nagareyama-city", "-1", "0", "0以上", "zero or more")]
    [InlineData("nagareyama-city", "1", "-2", "0以上", "zero or more")]
    [InlineData("nagareyama-city", "ten", "0", "整数ではありません", "not a whole number")]
    [InlineData("nagareyama-city", "1", "1.5", "整数ではありません", "not a whole number")]
    public async Task what_it_cannot_answer_exits_2_saying_why_in_japanese_and_english(string jurisdiction, string monochrome, string colour, string ja, string en)
    {
        var error = new StringWriter();
        CopyFeeCommandLine.Run(jurisdiction, monochrome, colour, null, TextWriter.Null, error).ShouldBe(2);
        error.ToString().ShouldContain(ja);
        error.ToString().ShouldContain(en);

        var (status, output) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["copy-fee", "--jurisdiction", jurisdiction, $"--monochrome={monochrome}", $"--colour={colour}"]));
        status.ShouldBe(2);
        output.ShouldBeEmpty();
    }
}
