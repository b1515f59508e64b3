namespace AuditLedger.Host.Reports;

using System.Buffers;
using System.Text;
using AuditLedger.Projections.Reporting;

/// <summary>
/// A table as CSV that Excel opens correctly with Japanese text: UTF-8 with a byte order mark (without it, Japanese
/// Excel reads the file as Shift_JIS), CRLF line ends, every field quoted with inner quotes doubled (RFC 4180), so that
/// commas, quotes and line breaks inside a cell stay inside it. Every CSV the product writes goes through here.
/// <para>
/// Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that begins with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return would be run as a formula by Excel or LibreOffice (a register name <c>=1+2</c>
/// shows 3; <c>=HYPERLINK(...)</c> can leak data). Such a cell is written with a single quote <c>'</c> before it, which the
/// spreadsheet shows as text. A cell that is a plain number (<c>-3</c>, <c>12</c>, <c>-0.5</c>: the product's own counts) is
/// not text and is kept, so it still reads as a number. JSON and HTML keep the text as it was given.
/// </para>
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

    private static string Quote(string field) => "\"" + Neutralise(field).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection).</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>A cell as written: prefixed with <c>'</c> when it would start a formula, unless it is a plain number.</summary>
    public static string Neutralise(string field) =>
        field.Length > 0 && FormulaStarts.Contains(field[0]) && !PlainNumber(field) ? "'" + field : field;

    private static bool PlainNumber(string field) =>
        decimal.TryParse(field, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out _);
}
