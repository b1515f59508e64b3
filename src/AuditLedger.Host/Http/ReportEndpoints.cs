namespace AuditLedger.Host.Http;

using AuditLedger.Host.Reports;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Provisions;
using AuditLedger.Projections.Register;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// What people read (issue 4): the file register (Art. 17), leak-incident reports (Art. 11), the recipients of a
/// record's provisions (Art. 13, 37) and the annual enforcement status (Art. 51). Read-only; bad input is a 400 problem, an unknown id a 404 problem.
/// </summary>
public static class ReportEndpoints
{
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
