namespace AuditLedger.Host.Reports;

using System.Text;
using System.Text.Json;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Provisions;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.Reporting;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using Marten;

/// <summary>A report ready to send or write: its bytes, media type and a file name.</summary>
public sealed record RenderedReport(byte[] Body, string ContentType, string FileName)
{
    /// <summary>
    /// The HTTP answer: a CSV or a workbook as a download with its file name (a Japanese name goes as <c>filename*</c>,
    /// RFC 6266, beside an ASCII <c>filename</c>); JSON and pages shown in place.
    /// </summary>
    public IResult ToResult(ReportFormat format) =>
        format.IsDownload() ? Results.File(Body, ContentType, FileName) : Results.Bytes(Body, ContentType);

    /// <summary>Tables as a workbook (one sheet each), named after <paramref name="title"/>.</summary>
    public static RenderedReport Workbook(string title, IReadOnlyList<ReportTable> tables) =>
        new(Spreadsheet.Write(tables), Spreadsheet.ContentType, Spreadsheet.FileName(title));

    /// <summary>A table in a spreadsheet form (CSV or workbook); <paramref name="name"/> is the CSV's file name without extension.</summary>
    public static RenderedReport Sheet(ReportTable table, ReportFormat format, string name) => format == ReportFormat.Xlsx
        ? Workbook(table.Title, [table])
        : new(CsvExport.Write(table), "text/csv; charset=utf-8", name + ".csv");
}

/// <summary>The published register as data: its title, columns (with the article of each) and rows keyed by column.</summary>
public sealed record PublishedRegister(string Title, DateTimeOffset AsOf, IReadOnlyList<ReportColumn> Columns, IEnumerable<IReadOnlyDictionary<string, string>> Files);

/// <summary>
/// The reports read from the projections, for the HTTP API and the command line alike: the file register (internal and
/// published, as JSON, CSV or a printable page), leak-incident reports, and the recipients of a record's provisions.
/// </summary>
public static partial class LedgerReports
{
    public const string InternalNote = "内部管理用（第17条第2項の適用除外ファイル及び同条第3項により記載しない事項を含む。公表しないこと。）";

    // ---- the file register (Art. 17) ----

    public static async Task<IReadOnlyList<FileRegisterEntry>> Register(IQuerySession session, CancellationToken ct) =>
        await session.Query<FileRegisterEntry>().ToListAsync(ct);

    public static async Task<FileRegisterEntry> RegisterEntry(IQuerySession session, Guid fileId, CancellationToken ct) =>
        await session.LoadAsync<FileRegisterEntry>(fileId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<PersonalInformationFile>(), fileId);

    /// <summary>
    /// The register as a table, as the API renders it and the staff pages show it: published (exempt files left out, items
    /// withheld under 17(3) blank, no reasons) or internal (every file, every item, status and reasons).
    /// </summary>
    public static async Task<ReportTable> RegisterView(IQuerySession session, bool published, CancellationToken ct)
    {
        var entries = await Register(session, ct);
        return published ? RegisterTable.Published(entries) : RegisterTable.Internal(entries);
    }

    /// <summary>
    /// The register in the asked form. Published: exempt files left out, withheld items blank, no reasons. <paramref name="law"/>
    /// is the profile of the session's body: the printable page's lead note is its <c>reportNotes.publishedRegister</c>.
    /// </summary>
    public static async Task<RenderedReport> RenderRegister(IQuerySession session, bool published, ReportFormat format, DateTimeOffset now,
        AuditLedger.Deadlines.Profiles.JurisdictionProfile law, CancellationToken ct) =>
        RenderRegister(await Register(session, ct), published, format, now, law);

    /// <summary>Given register rows (kept by the projection, or replayed as of an instant) in the asked form, dated <paramref name="asOf"/>.</summary>
    public static RenderedReport RenderRegister(IReadOnlyList<FileRegisterEntry> entries, bool published, ReportFormat format, DateTimeOffset asOf,
        AuditLedger.Deadlines.Profiles.JurisdictionProfile law)
    {
        var table = published ? RegisterTable.Published(entries) : RegisterTable.Internal(entries);
        var name = published ? "file-register" : "file-register-internal";
        return format switch
        {
            ReportFormat.Csv or ReportFormat.Xlsx => RenderedReport.Sheet(table, format, name),
            ReportFormat.Html => new RenderedReport(Encoding.UTF8.GetBytes(PrintablePage.Render(table, asOf,
                published ? law.Law.ReportNote(AuditLedger.Deadlines.Profiles.ReportNoteKeys.PublishedRegister).Ja : InternalNote)),
                "text/html; charset=utf-8", name + ".html"),
            _ => Json(published
                ? new PublishedRegister(table.Title, asOf, table.Columns, table.Records)
                : entries.OrderBy(e => e.File.RegisteredAt).ThenBy(e => e.Id).ToList(), name + ".json"),
        };
    }

    // ---- leak-incident reports (Art. 11) ----

    public static async Task<IncidentReportView> Incident(IQuerySession session, Guid incidentId, DateTimeOffset now, CancellationToken ct) =>
        IncidentReportView.Of(await StoredIncident(session, incidentId, ct), now);

    /// <summary>
    /// The stored report of one incident, its free texts still bound to the persons they are about (<see cref="Domain.Common.PersonalText"/>):
    /// what a page records as read (Art. 9) before it shows them.
    /// </summary>
    public static async Task<IncidentReport> StoredIncident(IQuerySession session, Guid incidentId, CancellationToken ct) =>
        await session.LoadAsync<IncidentReport>(incidentId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<LeakIncident>(), incidentId);

    /// <summary>Every incident report as read now, oldest detection first; optionally only open or closed ones.</summary>
    public static async Task<IReadOnlyList<IncidentReportView>> Incidents(IQuerySession session, IncidentStatus? status, DateTimeOffset now, CancellationToken ct)
    {
        var reports = await session.Query<IncidentReport>().ToListAsync(ct);
        return [.. reports.Select(r => IncidentReportView.Of(r, now))
            .Where(v => status is null || v.Status == status)
            .OrderBy(v => v.Detected.OccurredAt).ThenBy(v => v.IncidentId)];
    }

    /// <summary>Open incidents where a person is still owed a notification or an exemption (serious, or not yet assessed).</summary>
    public static async Task<IReadOnlyList<IncidentReportView>> NotificationsOwed(IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        [.. (await Incidents(session, IncidentStatus.Open, now, ct)).Where(v => v.NotificationsStillOwed)];

    public static IncidentStatus? ParseStatus(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        if (Enum.TryParse<IncidentStatus>(value.Trim(), ignoreCase: true, out var status) && Enum.IsDefined(status)) return status;
        throw new InvalidQuery(new FieldError("status", $"状態は open, closed, all のいずれかを指定してください（指定値: {value}）。",
            $"The status must be one of open, closed, all, not '{value}'."));
    }

    // ---- provision recipients (Art. 13, 37) ----

    public static async Task<ProvisionRecipients> Recipients(IQuerySession session, Guid recordId, CancellationToken ct) =>
        await session.LoadAsync<ProvisionRecipients>(recordId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<RetainedRecord>(), recordId);

    private static RenderedReport Json(object value, string fileName) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, LedgerJson.Indented), "application/json; charset=utf-8", fileName);
}
