namespace AuditLedger.Host.Http;

using AuditLedger.Host.Reports;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Register;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// What people read (issue 4): the file register (Art. 17), leak-incident reports (Art. 11) and the annual enforcement
/// status (Art. 51); a record's provision recipients (Art. 13, 37) are read in Records/RecordsHost.cs. Read-only; bad input is a 400 problem, an unknown id a 404 problem.
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

}
