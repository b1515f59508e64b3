namespace AuditLedger.Host.Files.Pages;

using AuditLedger.Domain.Files;
using AuditLedger.Host.Access;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 個人情報ファイルの登録 (第17条第1項): the <see cref="RegisterFile"/> command as a form, with every item of the register, the
/// retention period and the purpose picker (the purposes already registered, 第17条第1項第3号, beside free text). Sent through
/// the API's pipeline as the signed-in user; a refusal re-shows what was typed with the rule and its article, nothing appended.
/// A double submission is one registration (the form's idempotency key).
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class NewModel(IQuerySession session, LedgerCommands commands) : PageModel
{
    [BindProperty]
    public FileKind? Kind { get; set; }

    [BindProperty]
    public RegisterItemsForm Items { get; set; } = new();

    /// <summary>One key per opened form, so that pressing the button twice registers the file once.</summary>
    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public FormRefusal? Refusal { get; private set; }
    public string? RetentionError { get; private set; }
    public IReadOnlyList<string> PurposeChoices { get; private set; } = [];

    public RegisterItemsFields Fields => new(Items, Refusal, PurposeChoices, RetentionError);

    public async Task OnGetAsync(CancellationToken ct)
    {
        IdempotencyKey = Guid.NewGuid().ToString();
        await LoadChoices(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (items, retentionError) = Items.ToItems();
        if (items is null)
        {
            RetentionError = retentionError;
            await LoadChoices(ct);
            return Page();
        }
        var (result, refusal) = await commands.Send(new RegisterFile
        {
            Kind = Kind ?? (FileKind)(-1),
            Items = items,
            IdempotencyKey = string.IsNullOrWhiteSpace(IdempotencyKey) ? null : $"web-register-file:{IdempotencyKey}",
        }, ct);
        if (refusal is not null)
        {
            Refusal = refusal;
            await LoadChoices(ct);
            return Page();
        }
        return Redirect($"/files/{result!.StreamId}?done=register");
    }

    private async Task LoadChoices(CancellationToken ct) =>
        PurposeChoices = RegisterItemsForm.RegisteredPurposes(await LedgerReports.Register(session, ct));
}
