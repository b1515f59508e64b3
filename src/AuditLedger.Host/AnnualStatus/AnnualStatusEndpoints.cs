namespace AuditLedger.Host.AnnualStatus;

using AuditLedger.Host.Http;
using AuditLedger.Host.Reports;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// The annual enforcement status (施行の状況, 第51条) over HTTP: the chair compiles each fiscal year's status and publishes it.
/// Read-only; a bad year or format is a 400 problem.
/// </summary>
public static class AnnualStatusEndpoints
{
    /// <summary>
    /// The annual status of a fiscal year (2025 = 令和7年度, April 2025 to March 2026): files, requests by kind, outcome,
    /// requester type and month, decisions within and beyond their deadline, extensions, reviews, incidents, uses and
    /// provisions by ground. format=json|html|csv|xlsx (the workbook: one sheet per published table). A year before 2023 (the ordinance's first) or not yet begun is a 400 problem.
    /// Public on purpose: the chair publishes the annual status (Art. 51).
    /// </summary>
    [WolverineGet("/api/annual-status/{year}"), Tags("Annual status"), AllowAnonymous]
    public static async Task<IResult> GetAnnualStatus(string year, string? format, IQuerySession session, Configuration.LedgerJurisdictions jurisdictions,
        TimeProvider time, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        var now = time.GetUtcNow();
        return (await LedgerReports.RenderAnnualStatus(session, LedgerReports.ParseFiscalYear(year, now), reportFormat, now,
            jurisdictions.ForTenant(session.TenantId), ct)).ToResult(reportFormat);
    }
}
