namespace AuditLedger.Deadlines.Tests;

/// <summary>
/// The ledger's one reader of dates and times as a clerk in Japan writes them (<see cref="JapaneseDateInput"/>), and the
/// deadline command line reading its dates through it.
/// </summary>
public class JapaneseDateInputTests
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    [Theory]
    [InlineData("2026-11-30")]
    [InlineData("２０２６-１１-３０")]
    [InlineData("２０２６－１１－３０")]
    [InlineData("2026/11/30")]
    [InlineData("2026年11月30日")]
    [InlineData("令和8年11月30日")]
    [InlineData("令和８年１１月３０日")]
    [InlineData("令8.11.30")]
    [InlineData("R8.11.30")]
    [InlineData("r8.11.30")]
    [InlineData("R08.11.30")]
    [InlineData("Ｒ８．１１．３０")]
    [InlineData("㋿8年11月30日")]
    [InlineData(" 令和 8 年 11 月 30 日 ")]
    public void every_form_of_30_november_2026_is_that_day(string text) =>
        JapaneseDateInput.ParseDate(text).ShouldBe(new DateOnly(2026, 11, 30));

    [Theory]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("R1.5.1", 2019, 5, 1)]
    [InlineData("平成31年4月30日", 2019, 4, 30)]
    [InlineData("H31.4.30", 2019, 4, 30)]
    [InlineData("平成元年1月8日", 1989, 1, 8)]
    [InlineData("昭和64年1月7日", 1989, 1, 7)]
    [InlineData("S64.1.7", 1989, 1, 7)]
    [InlineData("㍻2年3月31日", 1990, 3, 31)]
    public void era_dates_and_gannen_follow_the_era_table(string text, int year, int month, int day) =>
        JapaneseDateInput.ParseDate(text).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData("平成31年5月1日", "令和")]
    [InlineData("昭和64年1月8日", "平成")]
    [InlineData("H32.1.1", "令和")]
    public void a_date_past_its_era_is_refused_naming_the_era_it_falls_in(string text, string rightEra) =>
        Should.Throw<DateInputException>(() => JapaneseDateInput.ParseDate(text)).Japanese.ShouldContain(rightEra);

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("令和8年2月29日")]
    [InlineData("X8.11.30")]
    [InlineData("令和0年1月1日")]
    [InlineData("2026-11-30T16:00")]
    public void what_is_not_a_date_is_refused_in_japanese_and_english(string text)
    {
        var refusal = Should.Throw<DateInputException>(() => JapaneseDateInput.ParseDate(text));
        refusal.Japanese.ShouldNotBeNullOrWhiteSpace();
        refusal.English.ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>16:00 on 31 March without an offset is 16:00 in Japan (fiscal year 2025), not 16:00 UTC (1 April, 01:00 in Japan).</summary>
    [Theory]
    [InlineData("2026-03-31T16:00:00")]
    [InlineData("2026-03-31T16:00")]
    [InlineData("2026-03-31 16:00")]
    [InlineData("２０２６-０３-３１Ｔ１６：００：００")]
    [InlineData("令和8年3月31日 16時")]
    [InlineData("令和8年3月31日 16時00分00秒")]
    [InlineData("R8.3.31 16:00")]
    [InlineData("2026-03-31T16:00:00+09:00")]
    [InlineData("2026-03-31T16:00:00+0900")]
    [InlineData("2026-03-31T07:00:00Z")]
    [InlineData("2026-03-31T07:00:00.0000000+00:00")]
    public void a_time_without_an_offset_is_japan_time(string text) =>
        JapaneseDateInput.ParseInstant(text).ShouldBe(new DateTimeOffset(2026, 3, 31, 16, 0, 0, Japan));

    [Fact]
    public void a_date_alone_as_an_instant_is_the_start_of_that_day_in_japan() =>
        JapaneseDateInput.ParseInstant("令和8年4月1日").ShouldBe(new DateTimeOffset(2026, 4, 1, 0, 0, 0, Japan));

    [Fact]
    public void fractions_of_a_second_are_kept_to_the_tick() =>
        JapaneseDateInput.ParseInstant("2026-03-31T16:00:00.1234567+09:00").Ticks
            .ShouldBe(new DateTimeOffset(2026, 3, 31, 16, 0, 0, Japan).Ticks + 1_234_567);

    [Fact]
    public void the_deadline_command_line_reads_its_dates_in_the_same_forms()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        DeadlineCommandLine.Run(["--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "令和8年4月1日"], stdout, stderr).ShouldBe(0, stderr.ToString());
        stdout.ToString().Split('\n')[0].ShouldBe("2026-05-01");

        stdout = new StringWriter();
        DeadlineCommandLine.Run(["--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "２０２６-０４-０１"], stdout, stderr).ShouldBe(0);
        stdout.ToString().Split('\n')[0].ShouldBe("2026-05-01");

        stdout = new StringWriter();
        stderr = new StringWriter();
        DeadlineCommandLine.Run(["--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "平成31年5月1日"], stdout, stderr).ShouldBe(2);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldContain("令和");
    }
}
