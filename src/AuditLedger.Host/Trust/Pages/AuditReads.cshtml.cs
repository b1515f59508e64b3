namespace AuditLedger.Host.Trust.Pages;

using AuditLedger.Deadlines;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 個人情報の閲覧記録 (the log of reads of personal data, Art. 9, 10): who read whose data (data subject ids, never names), when,
/// why and through which channel, filtered by reader, period (和暦 or ISO days) and stream (<see cref="PersonalDataReads"/>).
/// The filter is a GET form: it holds no personal data.
/// </summary>
[Authorize(Roles = LedgerRoles.Auditor)]
public sealed class AuditReadsModel(IQuerySession session) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Reader { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stream { get; set; }

    public IReadOnlyList<PersonalDataRead> Reads { get; private set; } = [];
    public FormRefusal? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            var filter = new PersonalDataReadFilter(Reader, Day(From, "from"), Day(To, "to"), StreamOf(Stream));
            Reads = await PersonalDataReads.Find(session, filter, ct);
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            Refusal = refusal;
        }
    }

    private static DateOnly? Day(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        try
        {
            return JapaneseDateInput.ParseDate(value);
        }
        catch (DateInputException e)
        {
            throw new InvalidQuery(new FieldError(field, e.Japanese, e.English));
        }
    }

    private static Guid? StreamOf(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Guid.TryParse(value.Trim(), out var id) ? id
        : throw new InvalidQuery(new FieldError("stream", "閲覧されたIDは36文字のIDで入力してください。", "The stream is an id of 36 characters."));
}
