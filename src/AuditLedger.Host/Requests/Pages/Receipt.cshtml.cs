namespace AuditLedger.Host.Requests.Pages;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 受付票 (/requests/{id}/receipt): the printable receipt for the requester: receipt number, date received, kind, the
/// decision deadline and the articles it comes from (the deadline view's clock, the same as the case page's), the office.
/// It shows no personal data (the requester keeps their own request form), so it may be printed again at any time.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class ReceiptModel(IQuerySession session, DeadlineQueries deadlines, LedgerJurisdictions jurisdictions) : PageModel
{
    public RequestCase Case { get; private set; } = new();
    public DeadlineRow? Decision { get; private set; }
    public IReadOnlyList<AuditLedger.Deadlines.AppliedRule> Rules { get; private set; } = [];
    public JurisdictionProfile Profile { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Case = await RequestsHost.GetCase(id, session, ct);
        Profile = jurisdictions.Catalog.Get(Case.JurisdictionId);
        var report = await deadlines.ForCase(id, ct);
        var clock = CaseArticles.For(Case.Kind).DecisionClock;
        Decision = report.Clocks.FirstOrDefault(c => c.ClockId == clock);
        Rules = report.Rules.GetValueOrDefault(clock) ?? [];
    }
}
