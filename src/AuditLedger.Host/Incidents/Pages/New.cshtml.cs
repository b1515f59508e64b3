namespace AuditLedger.Host.Incidents.Pages;

using AuditLedger.Deadlines;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 漏えい等事案の報告 (第9条): a member of staff records that a leak, loss or damage of retained records was detected, with the
/// fields of <see cref="ReportLeakIncident"/> (kind, summary, information items, cause, affected records, when it was
/// detected), through the API's pipeline as the signed-in user. A refusal (e.g. <c>incident.record-unknown</c>, 第9条) re-shows
/// the form with what was typed; nothing is appended. A hidden idempotency key makes a double submission record one incident.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class NewModel(LedgerCommands commands) : PageModel
{
    [BindProperty] public IncidentKind? Kind { get; set; }
    [BindProperty] public string Summary { get; set; } = "";
    [BindProperty] public string InformationItems { get; set; } = "";
    [BindProperty] public string Cause { get; set; } = "";
    [BindProperty] public string AffectedRecordIds { get; set; } = "";
    [BindProperty] public string DetectedAt { get; set; } = "";
    [BindProperty] public string IdempotencyKey { get; set; } = "";

    public FormRefusal? Refusal { get; private set; }

    public void OnGet() => IdempotencyKey = $"web-incident-{Guid.NewGuid()}";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var records = new List<Guid>();
        foreach (var token in AffectedRecordIds.Split(['\n', '\r', ',', '、', ' ', '　', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParse(token, out var id)) records.Add(id);
            else
            {
                errors.Add(new FieldError(nameof(AffectedRecordIds), $"「{token}」は記録IDとして読めません。記録の画面に表示されるID（例: 0190a1b2-…）を1行に1件入力してください。",
                    $"'{token}' is not a record id; give one record id per line."));
                break;
            }
        }
        DateTimeOffset? detectedAt = null;
        if (!string.IsNullOrWhiteSpace(DetectedAt))
        {
            try
            {
                detectedAt = JapaneseDateInput.ParseInstant(DetectedAt);
            }
            catch (DateInputException e)
            {
                errors.Add(new FieldError("OccurredAt", e.Japanese, e.English));
            }
        }
        if (errors.Count > 0)
        {
            Refusal = new FormRefusal(StatusCodes.Status400BadRequest, "input.invalid", "入力内容を確認してください。", "Check the input.", null, null, errors);
            return Page();
        }
        var command = new ReportLeakIncident
        {
            Kind = Kind ?? (IncidentKind)(-1),
            Summary = Summary,
            InformationItems = [.. InformationItems.Split(['\n', '\r', ',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Cause = Cause,
            AffectedRecordIds = records,
            OccurredAt = detectedAt,
            IdempotencyKey = string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey,
        };
        var (result, refusal) = await commands.Send(command, ct);
        if (refusal is not null)
        {
            Refusal = refusal;
            return Page();
        }
        return Redirect($"/incidents/{result!.StreamId}?done=reported");
    }

    /// <summary>The error of one field (the command's name for it), when the refusal names it.</summary>
    public FieldError? ErrorOf(string field) => Refusal?.For(field);
}
