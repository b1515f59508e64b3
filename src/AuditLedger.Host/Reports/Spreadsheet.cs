namespace AuditLedger.Host.Reports;

using System.Globalization;
using AuditLedger.Projections.Reporting;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

/// <summary>
/// Report tables as an Excel workbook (.xlsx, Office Open XML) with MiniExcel: one sheet per table, named after the table,
/// its first row the headings as the CSV and the printable page write them (the same <see cref="ReportColumn"/>s), frozen and
/// filterable. Cells are typed by their column's <see cref="CellKind"/>: a count is a number cell, a day or an instant a date
/// cell (Japan time, shown yyyy-mm-dd or yyyy-mm-dd hh:mm); a cell that does not read as its kind (<c>－</c>, <c>—</c>, blank)
/// and every text cell is a string cell. Every workbook the product writes goes through here.
/// <para>
/// Formula injection: a text that begins with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> is written as a string cell holding
/// exactly that text (no formula element, no apostrophe added): a spreadsheet shows it and never evaluates it. The CSV needs
/// the apostrophe (<see cref="CsvExport.Neutralise"/>) because a CSV has no cell types; a workbook has them.
/// </para>
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit on a sheet name, and the characters it refuses in one.</summary>
    private const int SheetNameLength = 31;
    private static readonly char[] SheetNameRefused = [':', '\\', '/', '?', '*', '[', ']'];

    public static byte[] Write(ReportTable table) => Write([table]);

    /// <summary>A workbook of the tables, one sheet each, in order; sheet names are the titles (shortened and made unique when Excel requires).</summary>
    public static byte[] Write(IReadOnlyList<ReportTable> tables)
    {
        var sheets = new Dictionary<string, object>();
        var columns = new List<DynamicExcelColumn>();
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            // Keys unique across the workbook: a column's format and width are configured by key.
            var keys = table.Columns.Select((_, c) => $"t{t}c{c}").ToList();
            columns.AddRange(table.Columns.Select((column, c) => Format(keys[c], column)).OfType<DynamicExcelColumn>());
            var rows = new List<Dictionary<string, object?>>(table.Rows.Count + 1)
            {
                table.Columns.Select((column, c) => (keys[c], (object?)column.Heading)).ToDictionary(p => p.Item1, p => p.Item2),
            };
            rows.AddRange(table.Rows.Select(row => table.Columns.Select((column, c) => (keys[c], Cell(column.Kind, row[c]))).ToDictionary(p => p.Item1, p => p.Item2)));
            sheets.Add(SheetName(table.Title, t, sheets.Keys), rows);
        }
        using var stream = new MemoryStream();
        // The headings are the first row as written (printHeader would write the keys), so that an empty table keeps them.
        MiniExcel.SaveAs(stream, sheets, printHeader: false, excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { DynamicColumns = [.. columns], Culture = CultureInfo.InvariantCulture });
        return stream.ToArray();
    }

    /// <summary>A file name for a download: the report's Japanese title, with what a file name may not hold replaced.</summary>
    public static string FileName(string title) =>
        string.Concat(title.Select(c => FileNameRefused.Contains(c) || char.IsControl(c) ? '_' : c)).Trim() + ".xlsx";

    /// <summary>What Windows (the offices' desktops) refuses in a file name.</summary>
    private const string FileNameRefused = "\\/:*?\"<>|";

    /// <summary>A cell's value: typed when the text reads as its column's kind, else the text itself (a string cell).</summary>
    public static object? Cell(CellKind kind, string text) => kind switch
    {
        CellKind.Number when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) => number,
        CellKind.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day.ToDateTime(TimeOnly.MinValue),
        CellKind.DateTime when DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) => instant,
        _ => text,
    };

    private static DynamicExcelColumn? Format(string key, ReportColumn column) => column.Kind switch
    {
        CellKind.Date => new DynamicExcelColumn(key) { Format = "yyyy-mm-dd", Width = 12 },
        CellKind.DateTime => new DynamicExcelColumn(key) { Format = "yyyy-mm-dd hh:mm", Width = 17 },
        _ => null,
    };

    private static string SheetName(string title, int index, IEnumerable<string> taken)
    {
        var name = string.Concat(title.Select(c => SheetNameRefused.Contains(c) ? '_' : c)).Trim('\'', ' ');
        if (name.Length == 0) name = $"表{index + 1}";
        if (name.Length > SheetNameLength) name = name[..SheetNameLength];
        var unique = name;
        for (var n = 2; taken.Contains(unique, StringComparer.OrdinalIgnoreCase); n++)
        {
            var suffix = $"({n})";
            unique = (name.Length + suffix.Length > SheetNameLength ? name[..(SheetNameLength - suffix.Length)] : name) + suffix;
        }
        return unique;
    }
}
