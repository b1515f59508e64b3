namespace AuditLedger.Host.Files.Pages;

using AuditLedger.Host.Access;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 公表用の個人情報ファイル簿 as the public sees it, inside the staff UI: the same table the API's <c>/api/register/published</c>
/// and <c>/register/published.html</c> render (<see cref="LedgerReports.RegisterView"/>): files exempt under 第17条第2項 left
/// out, items withheld under 第17条第3項 blank, no reasons.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class PublishedModel(IQuerySession session, TimeProvider time, Configuration.LedgerJurisdictions jurisdictions) : PageModel
{
    /// <summary>The lead note of the published register, as the body's profile states it (<c>reportNotes.publishedRegister</c>).</summary>
    public string Note => jurisdictions.ForTenant(session.TenantId).Law.ReportNote(AuditLedger.Deadlines.Profiles.ReportNoteKeys.PublishedRegister).Ja;

    public ReportTable Table { get; private set; } = null!;
    public DateTimeOffset AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        AsOf = time.GetUtcNow();
        Table = await LedgerReports.RegisterView(session, published: true, ct);
    }
}
