namespace AuditLedger.Host.Reports;

using System.Text;
using AuditLedger.Projections.Reporting;

/// <summary>
/// A table as CSV that Excel opens correctly with Japanese text: UTF-8 with a byte order mark (without it, Japanese
/// Excel reads the file as Shift_JIS), CRLF line ends, every field quoted with inner quotes doubled (RFC 4180), so that
/// commas, quotes and line breaks inside a cell stay inside it.
/// </summary>
public static class CsvExport
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(ReportTable table)
    {
        var text = new StringBuilder();
        AppendLine(text, table.Columns.Select(c => c.Heading));
        foreach (var row in table.Rows) AppendLine(text, row);
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Quote));
        text.Append("\r\n");
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
