namespace AuditLedger.Host.Http;

using AuditLedger.Host.Reports;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Register;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// What people read: the file register (Art. 17, Files/FilesHost.cs), leak-incident reports (Art. 11, Incidents/IncidentsHost.cs),
/// a record's provision recipients (Art. 13, 37, Records/RecordsHost.cs) and the annual enforcement status (Art. 51,
/// AnnualStatus/). What is left here is shared by them. Read-only; bad input is a 400 problem, an unknown id a 404 problem.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>A CSV as a download with its file name; JSON and pages shown in place.</summary>
    internal static IResult Send(RenderedReport report, ReportFormat format) =>
        format == ReportFormat.Csv
            ? Results.File(report.Body, report.ContentType, report.FileName)
            : Results.Bytes(report.Body, report.ContentType);

}
