namespace AuditLedger.Projections.Reporting;

using System.Globalization;

/// <summary>A column of a report table: its stable key, its heading as people read it, and the provision it comes from.</summary>
public sealed record ReportColumn(string Key, string Heading, string? Article);

/// <summary>A table as it is exported (CSV, printable page, JSON): headings and rows of display strings, one per column.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The rows as objects keyed by column key (the JSON form of the table).</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Records =>
        Rows.Select(row => (IReadOnlyDictionary<string, string>)Columns.Select((c, i) => (c.Key, Value: row[i])).ToDictionary(p => p.Key, p => p.Value));
}

