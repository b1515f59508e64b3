namespace AuditLedger.Host.Reports;

using AuditLedger.Domain.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AuditLedger.Projections.Reporting;

/// <summary>
/// A table as a self-contained printable HTML page (lang="ja", A4 landscape, headings repeated on every printed page).
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
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(table.Title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(table.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(E(note)).Append("　作成日時: ")
            .Append(E(asOf.ToOffset(JapanDate.Offset).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
            .Append("（日本時間）　件数: ").Append(table.Rows.Count).Append("</p>\n");
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
        html.Append("</tbody>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => Encoder.Encode(text);
}
