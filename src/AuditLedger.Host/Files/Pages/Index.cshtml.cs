namespace AuditLedger.Host.Files.Pages;

using AuditLedger.Host.Access;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Web;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 個人情報ファイル簿（内部管理用） (第17条): every file with its status, its exemption from publication (第17条第2項) and the items
/// withheld (第17条第3項), each linking to its entry; read from the register projection the API's <c>/api/register</c> reads
/// (<see cref="LedgerReports.Register"/>). No personal data: the register describes files, not persons.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class IndexModel(IQuerySession session) : PageModel
{
    public IReadOnlyList<FileRegisterEntry> Entries { get; private set; } = [];

    /// <summary>The internal register with every item, as <c>/api/register</c> and the internal CSV write it (<see cref="LedgerReports.RegisterView"/>).</summary>
    public ReportTable Internal { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Internal = await LedgerReports.RegisterView(session, published: false, ct);
        Entries = [.. (await LedgerReports.Register(session, ct))
            .OrderBy(e => e.File.Status).ThenBy(e => e.File.Items.Organisation, StringComparer.Ordinal)
            .ThenBy(e => e.File.Items.Name, StringComparer.Ordinal).ThenBy(e => e.File.RegisteredAt)];
    }

    /// <summary>A cell of the internal table as shown: the register's ISO dates with their 和暦 (<see cref="Display.Date(DateOnly)"/>).</summary>
    public static string Cell(ReportColumn column, string value) =>
        column.Key is "registeredOn" or "retiredOn" && DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date) ? Display.Date(date) : value;
}
