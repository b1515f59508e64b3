namespace AuditLedger.Host.Reviews.Pages;

using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Access;
using AuditLedger.Host.Requests;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 審査会 (the review board's list, Art. 45(1)): the reviews on which the board was consulted (諮問), newest first, each
/// linking to its case's timeline. Only these: the same rule as the API's timeline (<see cref="RequestsHost.ReferredToBoard"/>).
/// No personal data is listed (ids, kinds and dates only).
/// </summary>
[Authorize(Roles = LedgerRoles.ReviewBoard), ReviewBoardMayRead]
public sealed class BoardModel(IQuerySession session) : PageModel
{
    /// <summary>The reviews consulted on, newest consultation first.</summary>
    public IReadOnlyList<ReviewCase> Referred { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Referred = await RequestsHost.ReferredToBoard(session, ct);
}
