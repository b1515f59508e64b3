namespace AuditLedger.Tests.Reports;

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Requests;
using AuditLedger.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using MiniExcelLibs;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The Excel workbooks (.xlsx) over HTTP, opened and read back with MiniExcel: each has the CSV's Japanese headings and as
/// many rows as the CSV, numbers and dates are typed cells, and a text that looks like a formula stays that text in a string
/// cell (no formula element) wherever it starts.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed partial class SpreadsheetTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();

    [Fact]
    public async Task the_register_workbooks_have_typed_cells_keep_formula_looking_text_as_text_and_the_csv_rows()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var registration = Registration() with
        {
            Items = Items() with
            {
                Name = $"=1+2 傍聴者名簿 {marker}",
                Organisation = "@浦安市議会事務局 議事課",
                PurposesOfUse = ["-傍聴者の受付", "+傍聴者の管理"],
                RecordScope = "=HYPERLINK(\"https://example.invalid\")",
                CollectionMethod = "+81-47-351-1111 への電話",
            },
        };
        (await fixture.ClientFor(registration).PostAsJsonAsync("/api/files", registration, LedgerJson.Options)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await _http.GetAsync("/api/register?format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Spreadsheet.ContentType);
        // A Japanese file name, as filename* (RFC 6266 / 5987) beside an ASCII filename.
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("個人情報ファイル簿（内部管理用）.xlsx");
        var workbook = await response.Content.ReadAsByteArrayAsync();

        MiniExcel.GetSheetNames(new MemoryStream(workbook)).ShouldBe(["個人情報ファイル簿（内部管理用）"]);
        var rows = Rows(workbook);
        var csv = await CsvRows("/api/register?format=csv");
        rows.Count.ShouldBe(csv.Count);
        rows[0].Select(c => c?.ToString()).ShouldBe(csv[0]);
        rows[0][0].ShouldBe("ファイルID");

        var row = rows.Single(r => r[0] as string == registration.FileId.ToString());
        var column = Columns(rows[0]);
        row[column["個人情報ファイルの名称"]].ShouldBe($"=1+2 傍聴者名簿 {marker}");
        row[column["個人情報ファイルが利用に供される事務をつかさどる組織の名称"]].ShouldBe("@浦安市議会事務局 議事課");
        row[column["個人情報ファイルの利用目的"]].ShouldBe("-傍聴者の受付、+傍聴者の管理");
        row[column["本人として個人情報ファイルに記録される個人の範囲（記録範囲）"]].ShouldBe("=HYPERLINK(\"https://example.invalid\")");
        row[column["個人情報ファイルに記録される個人情報（記録情報）の収集方法"]].ShouldBe("+81-47-351-1111 への電話");
        row[column["登録日"]].ShouldBe(new DateTime(2025, 4, 1));   // a date cell
        row[column["変更回数"]].ShouldBe(0d);                       // a number cell
        (row[column["廃止日"]] as string ?? "").ShouldBe("");       // blank stays blank
        // The CSV row says the same (with its apostrophe against formulas).
        var csvRow = csv.Single(r => r[0] == registration.FileId.ToString());
        csvRow[column["個人情報ファイルの名称"]].ShouldBe($"'=1+2 傍聴者名簿 {marker}");
        csvRow[column["登録日"]].ShouldBe("2025-04-01");

        // No cell of the workbook is a formula: the text is a string cell, never evaluated.
        SheetXml(workbook).ShouldAllBe(xml => !FormulaElement().IsMatch(xml));
        SheetXml(workbook).ShouldContain(xml => xml.Contains("=1+2 傍聴者名簿 " + marker));

        // The published register: the API's format and the file route give the same table, as many rows as its CSV.
        var published = await _http.GetAsync("/register/published.xlsx");
        published.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("個人情報ファイル簿.xlsx");
        var publishedRows = Rows(await published.Content.ReadAsByteArrayAsync());
        var publishedCsv = await CsvRows("/register/published.csv");
        publishedRows.Count.ShouldBe(publishedCsv.Count);
        publishedRows[0].Select(c => c?.ToString()).ShouldBe(publishedCsv[0]);
        publishedRows[0][0].ShouldBe("個人情報ファイルの種別");
        publishedRows.ShouldContain(r => r[1] as string == $"=1+2 傍聴者名簿 {marker}");
        Rows(await _http.GetByteArrayAsync("/api/register/published?format=xlsx")).Count.ShouldBe(publishedCsv.Count);

        // An unknown format names xlsx among those offered.
        var refused = await _http.GetAsync("/api/register?format=ods");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("xlsx");
    }

    [Fact]
    public async Task the_annual_status_workbook_has_one_sheet_per_published_table_headed_as_the_page_with_number_cells()
    {
        const int year = 2025;
        // The annual status is async: the workbook and the document it is compared with are read once the daemon has caught
        // up with what earlier tests appended, so both read the same counts.
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var response = await _http.GetAsync($"/api/annual-status/{year}?format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Spreadsheet.ContentType);
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldStartWith("令和7年度");
        var workbook = await response.Content.ReadAsByteArrayAsync();

        // The sheets are the page's tables, in the page's order, under the page's headings (h2).
        var page = await _http.GetStringAsync($"/api/annual-status/{year}?format=html");
        var headings = Heading().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        headings.Count.ShouldBe(8);
        MiniExcel.GetSheetNames(new MemoryStream(workbook)).ShouldBe(headings);

        var document = await _http.GetFromJsonAsync<AnnualStatusDocument>($"/api/annual-status/{year}", LedgerJson.Options);
        foreach (var table in document!.Tables)
        {
            var rows = Rows(workbook, table.Title);
            rows[0].Select(c => c?.ToString()).ShouldBe(table.Columns.Select(c => c.Heading));
            var expected = table.Rows.ToList();
            rows.Count.ShouldBe(expected.Count + 1);
            for (var r = 0; r < expected.Count; r++)
            {
                rows[r + 1][0].ShouldBe(expected[r][table.Columns[0].Key]);
                for (var c = 1; c < table.Columns.Count; c++)
                {
                    var text = expected[r][table.Columns[c].Key];
                    // A count is a number cell; a cell that does not apply (－) stays text.
                    rows[r + 1][c].ShouldBe(int.TryParse(text, out var count) ? (object)(double)count : text);
                }
            }
        }

        // The CSV keeps its one line per count: as many counts as the workbook's number cells and "－" cells.
        var csv = await CsvRows($"/api/annual-status/{year}?format=csv");
        csv.Count.ShouldBe(1 + document.Tables.Sum(t => t.Rows.Count() * (t.Columns.Count - 1)));
    }

    [Fact]
    public async Task the_deadline_incident_and_timeline_lists_as_workbooks_have_the_csv_rows_and_typed_dates()
    {
        var cases = new CaseDriver(new LedgerDriver(fixture));
        var caseId = await cases.Verified(RequestKind.Disclosure, fixture.Clock.GetUtcNow());

        var workbook = await _http.GetAsync("/api/deadlines?format=xlsx");
        workbook.Content.Headers.ContentType!.MediaType.ShouldBe(Spreadsheet.ContentType);
        workbook.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("期限一覧.xlsx");
        var rows = Rows(await workbook.Content.ReadAsByteArrayAsync());
        var csv = await CsvRows("/api/deadlines?format=csv");
        rows.Count.ShouldBe(csv.Count);
        rows[0].Select(c => c?.ToString()).ShouldBe(csv[0]);
        var column = Columns(rows[0]);
        var json = await _http.GetFromJsonAsync<List<DeadlineRow>>("/api/deadlines", LedgerJson.Options);
        rows.Count.ShouldBe(json!.Count + 1);
        var decision = json.First(r => r.CaseId == caseId && r.DueOn is not null && r.DaysLeft is not null);
        var cell = rows.First(r => r[column["事案ID"]] as string == caseId.ToString() && r[column["期限"]] as string == decision.NameJa);
        cell[column["期限日"]].ShouldBe(decision.DueOn!.Value.ToDateTime(TimeOnly.MinValue));
        cell[column["残り日数"]].ShouldBe((double)decision.DaysLeft!.Value);
        cell[column["請求の種類"]].ShouldBe("開示請求");

        var incidents = await _http.GetByteArrayAsync("/api/incident-reports?format=xlsx");
        var incidentCsv = await CsvRows("/api/incident-reports?format=csv");
        var incidentRows = Rows(incidents);
        incidentRows.Count.ShouldBe(incidentCsv.Count);
        incidentRows[0].Select(c => c?.ToString()).ShouldBe(incidentCsv[0]);
        incidentRows[0][0].ShouldBe("事案ID");

        var timeline = await _http.GetByteArrayAsync($"/api/cases/{caseId}/timeline?format=xlsx");
        var timelineRows = Rows(timeline);
        var timelineCsv = await CsvRows($"/api/cases/{caseId}/timeline?format=csv");
        timelineRows.Count.ShouldBe(timelineCsv.Count);
        timelineRows[0].Select(c => c?.ToString()).ShouldBe(timelineCsv[0]);
        timelineRows[1][0].ShouldBe(1d);                                    // 番号, a number
        timelineRows[1][1].ShouldBeOfType<DateTime>();                      // 日付, a date
        timelineRows[1][2].ShouldBeOfType<DateTime>();                      // 日時, an instant
    }

    /// <summary>A sheet's rows (the first sheet when none is named), each cell as MiniExcel reads it: string, double, DateTime or null.</summary>
    private static List<object?[]> Rows(byte[] workbook, string? sheet = null) =>
        [.. MiniExcel.Query(new MemoryStream(workbook), useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.ToArray())];

    private static Dictionary<string, int> Columns(object?[] header) =>
        header.Select((heading, i) => (Heading: (string)heading!, i)).ToDictionary(c => c.Heading, c => c.i);

    private async Task<List<List<string>>> CsvRows(string url) =>
        Csv.Parse(Encoding.UTF8.GetString(await _http.GetByteArrayAsync(url)).TrimStart('\uFEFF'));

    private static IEnumerable<string> SheetXml(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        return [.. zip.Entries.Where(e => e.FullName.Contains("worksheets/sheet", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd())];
    }

    [GeneratedRegex(@"<(x:)?f[\s>]")]
    private static partial Regex FormulaElement();

    [GeneratedRegex("<h2>(.*?)</h2>")]
    private static partial Regex Heading();
}
