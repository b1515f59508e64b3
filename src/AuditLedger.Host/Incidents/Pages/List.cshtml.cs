namespace AuditLedger.Host.Incidents.Pages;

using AuditLedger.Domain.Incidents;
using AuditLedger.Host.Access;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 漏えい等事案の一覧 (第9条・第11条): every incident, open or closed, serious or not and what is still owed to the persons,
/// read with the API's query (<see cref="IncidentsHost.IncidentReports"/>). Ids, kinds, dates and counts only: the free texts
/// (概要, 原因) are personal data and shown on the incident's page after a stated purpose.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class ListModel(IQuerySession session, TimeProvider time) : PageModel
{
    /// <summary>open (default), closed or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; } = "open";

    public IReadOnlyList<IncidentReportView> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Status = Status?.Trim().ToLowerInvariant() is "closed" or "all" ? Status.Trim().ToLowerInvariant() : "open";
        Incidents = await LedgerReports.Incidents(session, LedgerReports.ParseStatus(Status), time.GetUtcNow(), ct);
        Incidents = [.. Incidents.OrderByDescending(i => i.Detected.OccurredAt)];
    }
}
