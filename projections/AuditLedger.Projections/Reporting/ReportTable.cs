namespace AuditLedger.Projections.Reporting;

using System.Globalization;

/// <summary>
/// What a column's cells hold, so a spreadsheet can type them (数値, 日付, 文字列). Every form of the table writes the same
/// display string; a workbook (Reports/Spreadsheet) writes a Number cell that reads as a number as a number, a Date
/// (<c>yyyy-MM-dd</c>) or DateTime (<c>yyyy-MM-dd HH:mm</c>, Japan time) cell as a date, and anything else (<c>－</c>, <c>—</c>, blank) as text.
/// </summary>
public enum CellKind
{
    Text,
    Number,
    Date,
    DateTime,
}

/// <summary>
/// A column of a report table: its stable key, its heading as people read it, the provision it comes from, and what its
/// cells hold (<see cref="CellKind"/>; not part of the JSON form, whose values keep their own types).
/// </summary>
public sealed record ReportColumn(string Key, string Heading, string? Article, [property: System.Text.Json.Serialization.JsonIgnore] CellKind Kind = CellKind.Text);

/// <summary>A table as it is exported (CSV, printable page, JSON): headings and rows of display strings, one per column.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The rows as objects keyed by column key (the JSON form of the table).</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Records =>
        Rows.Select(row => (IReadOnlyDictionary<string, string>)Columns.Select((c, i) => (c.Key, Value: row[i])).ToDictionary(p => p.Key, p => p.Value));
}

