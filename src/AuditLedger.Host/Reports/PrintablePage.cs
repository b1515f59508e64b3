namespace AuditLedger.Host.Reports;

using AuditLedger.Domain.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AuditLedger.Projections.Reporting;

/// <summary>
/// A table (or several, each under a heading) as a self-contained printable HTML page (lang="ja", A4 landscape, headings repeated on every printed page).
/// Every value is HTML-escaped; Japanese text is kept as characters, not entities.
/// </summary>
public static class PrintablePage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body { font-family: "Noto Sans CJK JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif; font-size: 10pt; margin: 1.5em; color: #000; }
        h1 { font-size: 16pt; margin: 0 0 .3em; }
        p.meta { margin: 0 0 1em; font-size: 9pt; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #000; padding: .3em .4em; vertical-align: top; text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; }
        th { background: #eee; font-weight: bold; }
        th small { display: block; font-weight: normal; font-size: 7.5pt; color: #333; }
        p.empty { font-style: italic; }
        h2 { font-size: 12pt; margin: 1.2em 0 .4em; break-after: avoid; page-break-after: avoid; }
        p.closing { margin: 1em 0 0; font-size: 8.5pt; overflow-wrap: anywhere; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { margin: 0; font-size: 8pt; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;

    /// <param name="asOf">When the page was produced (shown as 作成日時, Japan time).</param>
    /// <param name="note">A line under the title, e.g. the article the register is published under.</param>
    public static string Render(ReportTable table, DateTimeOffset asOf, string note)
    {
        var html = Head(table.Title, asOf, note, $"　件数: {table.Rows.Count}");
        Table(html, table);
        return Foot(html, []);
    }

    /// <summary>A page of several tables, each under its own heading (h2), with closing lines (e.g. a digest) after them.</summary>
    public static string Render(string title, IReadOnlyList<ReportTable> sections, DateTimeOffset asOf, string note, IReadOnlyList<string> closingLines)
    {
        var html = Head(title, asOf, note, "");
        foreach (var section in sections)
        {
            html.Append("<section>\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            Table(html, section);
            html.Append("</section>\n");
        }
        return Foot(html, closingLines);
    }

    private static StringBuilder Head(string title, DateTimeOffset asOf, string note, string metaTail) =>
        new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(E(note)).Append("　作成日時: ")
            .Append(E(asOf.ToOffset(JapanDate.Offset).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
            .Append("（日本時間）").Append(E(metaTail)).Append("</p>\n");

    private static void Table(StringBuilder html, ReportTable table)
    {
        if (table.Rows.Count == 0) html.Append("<p class=\"empty\">該当するものはありません。</p>\n");
        html.Append("<table>\n<thead>\n<tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\">");
            if (column.Article is { } article) html.Append("<small>").Append(E(article)).Append("</small>");
            html.Append(E(column.Heading)).Append("</th>");
        }
        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string Foot(StringBuilder html, IReadOnlyList<string> closingLines)
    {
        foreach (var line in closingLines) html.Append("<p class=\"closing\">").Append(E(line)).Append("</p>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string E(string text) => Encoder.Encode(text);
}
