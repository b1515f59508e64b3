namespace AuditLedger.Host.Requests.Pages;

using AuditLedger.Deadlines;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 請求の一覧 (/requests): the request cases with filters (kind, status, due within N days, overdue, received between,
/// requester type) and search by 受付番号. A GET form: nothing here is personal data.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class IndexModel(IQuerySession session, DeadlineQueries deadlines) : PageModel
{
    [BindProperty(SupportsGet = true)] public RequestKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public RequesterType? RequesterType { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReceivedFrom { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReceivedTo { get; set; }
    [BindProperty(SupportsGet = true)] public int? DueWithin { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Receipt { get; set; }

    public IReadOnlyList<CaseListRow> Rows { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public DateOnly Today => deadlines.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var from = Date(nameof(ReceivedFrom), ReceivedFrom);
        var to = Date(nameof(ReceivedTo), ReceivedTo);
        if (DueWithin is < 0 or > 3660) Errors[nameof(DueWithin)] = "日数は0から3660までで入力してください。";
        if (!string.IsNullOrWhiteSpace(Receipt) && ReceiptNumbers.Parse(Receipt) is null)
            Errors[nameof(Receipt)] = "受付番号は「20261124-3F9A0C1D」の形（受付日8桁と英数字8桁）で入力してください。";
        if (Errors.Count > 0) return;
        Rows = await CaseList.Find(session, deadlines, new CaseListFilter
        {
            Kind = Kind, Status = Status, RequesterType = RequesterType, ReceivedFrom = from, ReceivedTo = to,
            DueWithinDays = DueWithin, OverdueOnly = Overdue, ReceiptNumber = Receipt,
        }, ct);
    }

    private DateOnly? Date(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JapaneseDateInput.ParseDate(text);
        }
        catch (DateInputException e)
        {
            Errors[field] = e.Japanese;
            return null;
        }
    }
}
