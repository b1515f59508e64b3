using System.Text.RegularExpressions;

namespace AuditLedger.Deadlines.Tests;

// The external contract of `deadline ...`: date alone on the first stdout line and exit 0; or exit 2, the refusing
// rule on stderr, and nothing on stdout.
public class DeadlineCommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = DeadlineCommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void the_due_date_is_alone_on_the_first_line_and_the_exit_status_is_zero()
    {
        // Urayasu Art. 25(1): 2026-04-01 + 30 = 2026-05-01.
        var (exit, stdout, stderr) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01");
        exit.ShouldBe(0);
        stderr.ShouldBeEmpty();
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("2026-05-01");
        lines.Length.ShouldBeGreaterThan(1);
        lines.Skip(1).ShouldAllBe(l => l.Contains('[') && l.Contains(']'));
        stdout.ShouldContain("第25条第1項");
    }

    [Fact]
    public void pauses_and_an_extension_are_taken_from_repeated_options()
    {
        // Art. 25: 補正 06-05→06-10 and vacancy 06-08..06-12 leave out 06-06..06-12 (7 days); +30 extension:
        // 2026-06-01 + 30 + 7 + 30 = 2026-08-07 (Fri).
        var (exit, stdout, _) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-06-01",
            "--form-correction", "2026-06-05:2026-06-10", "--chair-vacancy", "2026-06-08:2026-06-12", "--extension-days", "30");
        exit.ShouldBe(0);
        stdout.Split('\n')[0].ShouldBe("2026-08-07");
        stdout.ShouldContain("第26条第2項");
        stdout.ShouldContain("第25条第2項");
    }

    [Fact]
    public void options_may_come_in_any_order()
    {
        var (exit, stdout, _) = Run("--from", "2026-06-01", "--clock", "disclosure-decision", "--jurisdiction", "nagareyama-city");
        exit.ShouldBe(0);
        stdout.Split('\n')[0].ShouldBe("2026-06-15");
    }

    [Theory]
    [InlineData("unknown-jurisdiction", "--jurisdiction", "chiba-pref", "--clock", "disclosure-decision", "--from", "2026-04-01")]
    [InlineData("unknown-clock", "--jurisdiction", "urayasu-council", "--clock", "appeal-decision", "--from", "2026-04-01")]
    [InlineData("unknown-clock", "--jurisdiction", "nagareyama-city", "--clock", "suspension-decision", "--from", "2026-04-01")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-02-30")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-4-1")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01T00:00")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--form-correction", "2026-04-05")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--form-correction", "2026-04-05:2026-04-06:2026-04-07")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--chair-vacancy", "2026-04-05..2026-04-09")]
    [InlineData("range-end-before-start", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--form-correction", "2026-04-10:2026-04-05")]
    [InlineData("range-end-before-start", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--chair-vacancy", "2026-04-10:2026-04-09")]
    [InlineData("extension-exceeds-maximum", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--extension-days", "31")]
    [InlineData("extension-negative", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--extension-days", "-3")]
    [InlineData("extension-not-provided", "--jurisdiction", "urayasu-council", "--clock", "third-party-objection", "--from", "2026-04-01", "--extension-days", "1")]
    [InlineData("extension-not-provided", "--jurisdiction", "nagareyama-city", "--clock", "disclosure-decision", "--from", "2026-04-01", "--extension-days", "7")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--extension-days", "ten")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--verbose")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "extra")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--clock", "--from", "2026-04-01")]
    [InlineData("invalid-arguments", "--jurisdiction", "urayasu-council", "--jurisdiction", "nagareyama-city", "--clock", "disclosure-decision", "--from", "2026-04-01")]
    [InlineData("outside-calendar-coverage", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2099-12-10")]
    [InlineData("invalid-profile", "--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--profiles", "/nonexistent/profiles/dir")]
    public void invalid_input_exits_with_2_names_the_rule_on_stderr_and_prints_nothing_on_stdout(string code, params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);
        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        Regex.IsMatch(stdout, @"\d{4}-\d{2}-\d{2}").ShouldBeFalse();
        stderr.ShouldContain($"[{code}]");
        stderr.ShouldContain("error");
        stderr.ShouldContain("エラー");
    }

    [Fact]
    public void a_deadline_in_a_year_without_a_published_list_is_computed_and_marked_as_resting_on_an_equinox_forecast()
    {
        // Art. 28(4): 30 days from 2027-12-01 = 2027-12-31, closed (12/29-1/3, then 元日 2028), so 2028-01-04 (Tue).
        // 2028 is derived from 祝日法: its equinox days are not yet published.
        var (exit, stdout, stderr) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-method-request", "--from", "2027-12-01");
        stderr.ShouldBeEmpty();
        exit.ShouldBe(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("2028-01-04");
        lines.ShouldContain(l => l.StartsWith("equinox-forecast: ", StringComparison.Ordinal) && l.Contains("2028"));
        lines[^1].ShouldStartWith("calendar: ");
        lines[^1].ShouldContain(Calendars.HolidayCalendar.JapanNational.Version);
        lines[^1].ShouldContain("2028 not yet published");
    }

    [Fact]
    public void a_newly_published_list_given_as_a_file_is_used_and_its_version_shown()
    {
        // The list of 2028 published (here: the shipped list with 2028 added, equinoxes as the formula forecasts them, and
        // 4 January made a holiday for the test): 2028-01-04 is then closed, so the Art. 28(4) window ends Wed 2028-01-05.
        using var stream = typeof(Calendars.HolidayCalendar).Assembly.GetManifestResourceStream(Calendars.HolidayCalendar.JapanNationalResource)!;
        var shipped = new StreamReader(stream).ReadToEnd();
        var derived2028 = Calendars.JapaneseHolidayLaw.Derive(2028).Select(h => $"{Calendars.HolidayCalendar.Iso(h.Date)},{h.Name}\n");
        var text = shipped.Replace("# coverage: 2019-01-01..2027-12-31", "# coverage: 2019-01-01..2028-12-31", StringComparison.Ordinal)
            .Replace("# published: 2026-02-02", "# published: 2027-02-01", StringComparison.Ordinal)
            + string.Concat(derived2028) + "2028-01-04,休日（試験）\n";
        var file = Path.Combine(Directory.CreateTempSubdirectory("deadline-calendar-").FullName, "holidays.csv");
        File.WriteAllText(file, text);
        try
        {
            var (exit, stdout, stderr) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-method-request", "--from", "2027-12-01", "--calendar", file);
            stderr.ShouldBeEmpty();
            exit.ShouldBe(0);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines[0].ShouldBe("2028-01-05");
            lines.ShouldNotContain(l => l.StartsWith("equinox-forecast", StringComparison.Ordinal));
            lines[^1].ShouldContain(Calendars.HolidayCalendar.Parse("holidays.csv", text).Version);
            lines[^1].ShouldContain("2027-02-01+");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void a_calendar_file_that_cannot_be_read_is_refused_with_exit_2()
    {
        var (exit, stdout, stderr) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01", "--calendar", "/nonexistent/holidays.csv");
        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("[invalid-calendar]");
    }

    [Fact]
    public void a_deadline_inside_the_published_list_says_so_on_its_calendar_line()
    {
        var (_, stdout, _) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01");
        stdout.ShouldNotContain("equinox-forecast");
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].ShouldContain("published holidays only");
    }

    [Fact]
    public void an_extension_refusal_names_the_article_that_limits_it()
    {
        var (_, _, stderr) = Run("--jurisdiction", "urayasu-council", "--clock", "correction-decision", "--from", "2026-04-01", "--extension-days", "45");
        stderr.ShouldContain("Art. 35(2)");
        stderr.ShouldContain("第35条第2項");
    }

    [Fact]
    public void no_arguments_at_all_is_invalid_input()
    {
        var (exit, stdout, stderr) = Run();
        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("usage: deadline");
    }

    [Fact]
    public void a_third_municipality_needs_only_a_profile_file_in_the_profiles_directory()
    {
        var dir = Directory.CreateTempSubdirectory("deadline-profiles-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "example-town.json"), ProfileValidationTests.MinimalProfile("example-town"));
            var (exit, stdout, stderr) = Run("--jurisdiction", "example-town", "--clock", "disclosure-decision", "--from", "2026-06-01", "--profiles", dir.FullName);
            stderr.ShouldBeEmpty();
            exit.ShouldBe(0);
            // Minimal profile: 15 days, 初日不算入: 2026-06-01 + 15 = Tue 06-16.
            stdout.Split('\n')[0].ShouldBe("2026-06-16");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void an_invalid_extra_profile_is_refused_with_exit_2_naming_the_file_and_field()
    {
        var dir = Directory.CreateTempSubdirectory("deadline-profiles-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "broken.json"), ProfileValidationTests.MinimalProfile("broken-town").Replace("\"lengthDays\": 15", "\"lengthDays\": -15"));
            var (exit, stdout, stderr) = Run("--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-06-01", "--profiles", dir.FullName);
            exit.ShouldBe(2);
            stdout.ShouldBeEmpty();
            stderr.ShouldContain("broken.json");
            stderr.ShouldContain("clocks[0].lengthDays");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
