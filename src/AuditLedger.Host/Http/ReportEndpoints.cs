namespace AuditLedger.Host.Http;

using AuditLedger.Host.Reports;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Provisions;
using AuditLedger.Projections.Register;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// What people read: the file register (Art. 17), leak-incident reports (Art. 11), the recipients of a
/// record's provisions (Art. 13, 37) and the annual enforcement status (Art. 51). Read-only; bad input is a 400 problem, an unknown id a 404 problem.
/// </summary>
public static class ReportEndpoints
{
    // ---- the file register (個人情報ファイル簿, Art. 17) ----

    /// <summary>The internal register: every file, every item, status, exemption and withholding with their reasons, and the history of changes. format=json|csv|html.</summary>
    [WolverineGet("/api/register"), Tags("Register")]
    public static Task<IResult> InternalRegister(string? format, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormats.Parse(format), time, ct);

    /// <summary>The published register: files exempt under 17(2) left out, items withheld under 17(3) blank. format=json|csv|html.</summary>
    [WolverineGet("/api/register/published"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedRegister(string? format, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormats.Parse(format), time, ct);

    /// <summary>One file's internal register entry with its history.</summary>
    [WolverineGet("/api/register/files/{fileId}"), Tags("Register")]
    public static Task<FileRegisterEntry> RegisterEntry(Guid fileId, IQuerySession session, CancellationToken ct) =>
        LedgerReports.RegisterEntry(session, fileId, ct);

    /// <summary>The published register as CSV for Excel (UTF-8 with BOM).</summary>
    [WolverineGet("/register/published.csv"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedCsv(IQuerySession session, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormat.Csv, time, ct);

    /// <summary>The published register as a printable page.</summary>
    [WolverineGet("/register/published.html"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedHtml(IQuerySession session, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormat.Html, time, ct);

    /// <summary>The internal register as CSV for Excel (UTF-8 with BOM).</summary>
    [WolverineGet("/register/internal.csv"), Tags("Register")]
    public static Task<IResult> InternalCsv(IQuerySession session, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormat.Csv, time, ct);

    /// <summary>The internal register as a printable page.</summary>
    [WolverineGet("/register/internal.html"), Tags("Register")]
    public static Task<IResult> InternalHtml(IQuerySession session, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormat.Html, time, ct);

    private static async Task<IResult> Register(IQuerySession session, bool published, ReportFormat format, TimeProvider time, CancellationToken ct) =>
        Send(await LedgerReports.RenderRegister(session, published, format, time.GetUtcNow(), ct), format);

    /// <summary>A CSV as a download with its file name; JSON and pages shown in place.</summary>
    internal static IResult Send(RenderedReport report, ReportFormat format) =>
        format == ReportFormat.Csv
            ? Results.File(report.Body, report.ContentType, report.FileName)
            : Results.Bytes(report.Body, report.ContentType);

    // ---- leak-incident reports (漏えい等事案, Art. 11) ----

    /// <summary>Every incident report as of now (time since detection from the service's clock); status=open|closed|all.</summary>
    [WolverineGet("/api/incident-reports"), Tags("Incident reports")]
    public static Task<IReadOnlyList<IncidentReportView>> IncidentReports(string? status, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        LedgerReports.Incidents(session, LedgerReports.ParseStatus(status), time.GetUtcNow(), ct);

    /// <summary>Open incidents in which a person is still owed a notification or an exemption of Art. 11 (1)/(2).</summary>
    [WolverineGet("/api/incident-reports/notifications-owed"), Tags("Incident reports")]
    public static Task<IReadOnlyList<IncidentReportView>> NotificationsOwed(IQuerySession session, TimeProvider time, CancellationToken ct) =>
        LedgerReports.NotificationsOwed(session, time.GetUtcNow(), ct);

    /// <summary>One incident's report as of now.</summary>
    [WolverineGet("/api/incident-reports/{incidentId}"), Tags("Incident reports")]
    public static Task<IncidentReportView> IncidentReport(Guid incidentId, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        LedgerReports.Incident(session, incidentId, time.GetUtcNow(), ct);

    // ---- the annual enforcement status (施行の状況, Art. 51) ----

    /// <summary>
    /// The annual status of a fiscal year (2025 = 令和7年度, April 2025 to March 2026): files, requests by kind, outcome,
    /// requester type and month, decisions within and beyond their deadline, extensions, reviews, incidents, uses and
    /// provisions by ground. format=json|html|csv. A year before 2023 (the ordinance's first) or not yet begun is a 400 problem.
    /// </summary>
    /// <summary>Public on purpose: the chair publishes the annual status (Art. 51).</summary>
    [WolverineGet("/api/annual-status/{year}"), Tags("Annual status"), AllowAnonymous]
    public static async Task<IResult> AnnualStatus(string year, string? format, IQuerySession session, TimeProvider time, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        var now = time.GetUtcNow();
        return Send(await LedgerReports.RenderAnnualStatus(session, LedgerReports.ParseFiscalYear(year, now), reportFormat, now, ct), reportFormat);
    }

    // ---- provision recipients (提供先, Art. 13, 37) ----

    /// <summary>The recipients of a record's provisions, with the Art. 13 restrictions requested, active or stopped.</summary>
    [WolverineGet("/api/records/{recordId}/recipients"), Tags("Records")]
    public static Task<ProvisionRecipients> Recipients(Guid recordId, IQuerySession session, CancellationToken ct) =>
        LedgerReports.Recipients(session, recordId, ct);
}
