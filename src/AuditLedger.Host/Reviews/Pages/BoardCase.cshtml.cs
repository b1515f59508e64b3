namespace AuditLedger.Host.Reviews.Pages;

using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 事案の経過 (the review board's timeline of one case referred to it, Art. 45, 50): every step of the case, its reviews
/// and its records, with the clocks as they stood on each step's day (<see cref="CaseTimelines"/>, the API's timeline).
/// Personal data is hidden until the member states a purpose (閲覧目的, POST, appends no ledger command); the read is then
/// recorded (<see cref="PersonalDataAccessLog"/>, Art. 9) before it is shown. A case not referred to the board answers the
/// 403 page with the API's refusal (<see cref="RequestsHost.NotReferred"/>), never its content.
/// </summary>
[Authorize(Roles = LedgerRoles.ReviewBoard), ReviewBoardMayRead, AppendsNothing]
public sealed class BoardCaseModel(IQuerySession session, LedgerJurisdictions jurisdictions, PersonalDataAccessLog accessLog, TimeProvider time) : PageModel
{
    /// <summary>閲覧目的: why the member reads the personal data (recorded with the read).</summary>
    [BindProperty]
    public string? Purpose { get; set; }

    public CaseTimelineDocument? Document { get; private set; }
    public FormRefusal? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await RequestsHost.IsReferredToBoard(session, id, ct)) return NotReferred();
        Document = await LedgerReports.Timeline(session, jurisdictions.Catalog, id, showPersonalData: false, time.GetUtcNow(), ct);
        return Page();
    }

    /// <summary>Shows the timeline with personal data, after recording the read with the stated purpose.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await RequestsHost.IsReferredToBoard(session, id, ct)) return NotReferred();
        var user = Navigation.CurrentUser(HttpContext)!;
        try
        {
            var reader = new Reader(user.StaffId, user.Role, Reader.StatedPurpose(Purpose, "purpose")) { Principal = user };
            await accessLog.Record(reader, id, await RequestsHost.TimelineShown(session, id, ct), "web", ct);
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            Refusal = refusal;
            Document = await LedgerReports.Timeline(session, jurisdictions.Catalog, id, showPersonalData: false, time.GetUtcNow(), ct);
            return Page();
        }
        Document = await LedgerReports.Timeline(session, jurisdictions.Catalog, id, showPersonalData: true, time.GetUtcNow(), ct);
        return Page();
    }

    private StatusCodeResult NotReferred()
    {
        var refused = RequestsHost.NotReferred();
        HttpContext.Items[LedgerSecurity.RefusalItem] = new PageRefusal(refused.Code, refused.Japanese, refused.Message);
        return StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>The status class of a step's mark (always shown with its words).</summary>
    public static string? MarkClass(TimelineMark mark) => mark switch
    {
        TimelineMark.Overdue or TimelineMark.MetLate => "status status--overdue",
        TimelineMark.Paused => "status status--paused",
        TimelineMark.OnTime or TimelineMark.MetInTime => "status status--ok",
        _ => null,
    };
}
