namespace AuditLedger.Tests;

using System.Text.RegularExpressions;
using AuditLedger.Host.Ledger;

/// <summary>
/// A command's articles are stated twice: in the first line of its use-case file (CONTRIBUTING.md, "Adding a command") and
/// in its descriptor's description, which the command line's help shows. Both must cite the same articles, so that what
/// a clerk reads in --help is what the code implements. Each is read in its English form, <c>(Art. 17(2), 17(3))</c>.
/// </summary>
public sealed partial class CommandArticleTests
{
    /// <summary>The folder holding AuditLedger.sln, found by walking up from the test's output folder.</summary>
    private static DirectoryInfo Checkout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AuditLedger.sln"))) return dir;
        throw new InvalidOperationException($"No AuditLedger.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>One citation: an article, then its paragraph and item (<c>17(1)(3)</c>); a bare <c>(2)</c> continues the previous one; <c>a-b</c> is a range.</summary>
    [GeneratedRegex(@"(?<cite>\d+(?:\(\d+\))*|(?:\(\d+\))+)(?:\s*-\s*\(?(?<to>\d+)\)?)?")]
    private static partial Regex Citation();

    /// <summary>
    /// The articles the first <c>(Art. …)</c> of a text cites, each written out in full: <c>Art. 11(1), (2)</c> is 11(1) and
    /// 11(2), <c>Art. 18-19</c> is 18 and 19, <c>Art. 45(1)(1)-(4)</c> is 45(1)(1) to 45(1)(4), and a part after a semicolon
    /// naming another law before its "Art." (<c>; My Number Act Art. 19</c>) keeps that name. A part citing no article
    /// (<c>; Nagareyama</c>, a scheme named, not an article) adds none. Null when the text has no <c>(Art. …)</c>.
    /// </summary>
    public static SortedSet<string>? Citations(string text)
    {
        var start = text.IndexOf("(Art.", StringComparison.Ordinal);
        if (start < 0) return null;
        var (depth, end) = (0, start);
        for (; end < text.Length; end++)
        {
            if (text[end] == '(') depth++;
            else if (text[end] == ')' && --depth == 0) break;
        }
        var cited = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var segment in text[(start + 1)..end].Split(';'))
        {
            var at = segment.IndexOf("Art.", StringComparison.Ordinal);
            if (at < 0) continue;
            var law = segment[..at].Trim();
            List<int>? previous = null;
            foreach (Match match in Citation().Matches(segment[(at + "Art.".Length)..].Replace("Art.", "")))
            {
                var numbers = Regex.Matches(match.Groups["cite"].Value, @"\d+").Select(n => int.Parse(n.Value)).ToList();
                List<int> parts = match.Groups["cite"].Value.StartsWith('(')
                    ? [.. (previous ?? throw new FormatException($"'{match.Value}' continues no citation in: {text}")).SkipLast(numbers.Count), .. numbers]
                    : numbers;
                var last = match.Groups["to"].Success ? int.Parse(match.Groups["to"].Value) : parts[^1];
                for (var n = parts[^1]; n <= last; n++)
                {
                    var full = parts.SkipLast(1).Append(n).ToList();
                    cited.Add($"{law} {full[0]}{string.Concat(full.Skip(1).Select(p => $"({p})"))}".Trim());
                }
                previous = parts;
            }
        }
        return cited;
    }

    [Theory]
    [InlineData("保存期間の延長 (Art. 17(1), 4(2)) / extend", "17(1) 4(2)")]
    [InlineData("// 第11条第1号、第2号 (Art. 11(1), (2)): 本人への通知の例外", "11(1) 11(2)")]
    [InlineData("第三者 (Art. 27(1)(2)) / notify", "27(1)(2)")]
    [InlineData("受付 (Art. 18-19, 31-32) / receive", "18 19 31 32")]
    [InlineData("諮問を要しない場合 (Art. 45(1)(1)-(4)) / rule", "45(1)(1) 45(1)(2) 45(1)(3) 45(1)(4)")]
    [InlineData("// 提供 (Art. 12, Art. 12(5); My Number Act Art. 19): 提供", "12 12(5) My_Number_Act_19")]
    [InlineData("廃棄 (Art. 4(2); Nagareyama) / dispose", "4(2)")]
    [InlineData("写しの費用 (Art. 30(2)): the disclosure itself is free (Art. 30(1)).", "30(2)")]
    public void citations_are_read_in_full_from_the_first_parenthesis_citing_articles(string text, string expected) =>
        Citations(text).ShouldBe(expected.Split(' ').Select(c => c.Replace('_', ' ')).Order(StringComparer.Ordinal));

    [Fact]
    public void every_commands_description_cites_the_articles_of_the_first_line_of_its_use_case_file()
    {
        var checkout = Checkout().FullName;
        var domain = Path.Combine(checkout, "src", "AuditLedger.Domain");
        var separator = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}") && !f.Contains($"{separator}bin{separator}"))
            .ToLookup(Path.GetFileNameWithoutExtension);
        CommandCatalog.All.Count.ShouldBeGreaterThan(40);

        var problems = new List<string>();
        foreach (var command in CommandCatalog.All)
        {
            var found = files[command.Type.Name].ToList();
            if (found.Count != 1)
            {
                problems.Add($"{command.Name}: {found.Count} files named {command.Type.Name}.cs under src/AuditLedger.Domain, not one");
                continue;
            }
            var path = Path.GetRelativePath(checkout, found[0]);
            var firstLine = File.ReadLines(found[0]).First();
            // A law without article numbers (Nagareyama's overview): the file's first line and the description both say so.
            if (firstLine.Contains("(no article numbers)", StringComparison.Ordinal))
            {
                if (!command.Description.Contains("(no article numbers", StringComparison.Ordinal))
                    problems.Add($"{command.Name}: {path} cites a text without article numbers; its description \"{command.Description}\" does not say so");
                continue;
            }
            var stated = Citations(firstLine);
            if (stated is null or { Count: 0 })
            {
                problems.Add($"{command.Name}: the first line of {path} cites no article in the English form '(Art. …)': {firstLine}");
                continue;
            }
            var described = Citations(command.Description) ?? [];
            if (!stated.SetEquals(described))
                problems.Add($"{command.Name}: {path} cites {string.Join(", ", stated)}; its description \"{command.Description}\" cites {(described.Count == 0 ? "nothing" : string.Join(", ", described))}");
        }
        problems.ShouldBeEmpty("a command's description (src/AuditLedger.Host/<Module>/<Module>Host.cs, what --help shows) cites the articles of its use-case file's first line");
    }
}
