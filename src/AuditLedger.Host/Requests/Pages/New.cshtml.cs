namespace AuditLedger.Host.Requests.Pages;

using AuditLedger.Deadlines;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 請求の受付 (/requests/new; Art. 18-19, 31-32, 38-39): the intake form of a disclosure, correction or suspension request,
/// with exactly what <see cref="ReceiveRequest"/> takes as a clerk enters it (dates in 和暦 accepted). On success it goes to
/// the printable receipt (受付票). The requester's name and address are personal data of the data subject, sealed by the domain.
/// A retry of the same form (double submission) returns the case already received: the form carries its own case id and
/// idempotency key.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class NewModel(LedgerCommands commands, IQuerySession session, DeadlineQueries deadlines, TimeProvider time) : PageModel
{
    [BindProperty] public Guid IntakeKey { get; set; }
    /// <summary>
    /// The person ids of a new request's data subject and agent, derived from the form's intake key (so a double submit names
    /// the same persons) and never read from the form: a forged form cannot attach a request to a person already in the ledger.
    /// </summary>
    public Guid SubjectKey => PersonOf(IntakeKey, "data-subject");
    public Guid AgentKey => PersonOf(IntakeKey, "agent");

    private static Guid PersonOf(Guid intake, string role) =>
        new(System.Security.Cryptography.SHA256.HashData([.. intake.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(role)])[..16]);
    [BindProperty] public RequestKind Kind { get; set; } = RequestKind.Disclosure;
    [BindProperty] public RequesterType RequesterType { get; set; } = RequesterType.Self;
    [BindProperty] public string SubjectName { get; set; } = "";
    [BindProperty] public string SubjectAddress { get; set; } = "";
    [BindProperty] public string? AgentName { get; set; }
    [BindProperty] public string? AgentAddress { get; set; }
    [BindProperty] public string InformationSought { get; set; } = "";
    [BindProperty] public string ReceivedAt { get; set; } = "";
    [BindProperty] public string? DisclosureReceipt { get; set; }
    [BindProperty] public string? DisclosureReceivedOn { get; set; }

    public FormRefusal? Refusal { get; private set; }
    /// <summary>Errors of the page's own reading (dates, the receipt number of the disclosure), by field.</summary>
    public Dictionary<string, string> InputErrors { get; } = [];

    public string? ErrorFor(string field) => InputErrors.TryGetValue(field, out var e) ? e : Refusal?.For(field)?.Japanese;

    public void OnGet()
    {
        IntakeKey = Guid.CreateVersion7(time.GetUtcNow());
        ReceivedAt = time.GetUtcNow().ToOffset(JapanDate.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (IntakeKey == Guid.Empty) OnGet();
        var receivedAt = Read(nameof(ReceivedAt), () => JapaneseDateInput.ParseInstant(ReceivedAt));
        DateOnly? disclosureOn = string.IsNullOrWhiteSpace(DisclosureReceivedOn) ? null : Read(nameof(DisclosureReceivedOn), () => JapaneseDateInput.ParseDate(DisclosureReceivedOn));
        var subject = SubjectKey;
        Guid? disclosureCase = null;
        if (!string.IsNullOrWhiteSpace(DisclosureReceipt))
        {
            var found = ReceiptNumbers.Parse(DisclosureReceipt) is null ? []
                : (await CaseList.Find(session, deadlines, new CaseListFilter { ReceiptNumber = DisclosureReceipt, Kind = RequestKind.Disclosure }, ct));
            if (found.Count == 1)
            {
                disclosureCase = found[0].CaseId;
                // The correction or suspension is about the same person as the disclosure (Art. 31(1), 38(1)).
                subject = (await RequestsHost.GetCase(found[0].CaseId, session, ct)).DataSubjectId;
            }
            else InputErrors[nameof(DisclosureReceipt)] = "この受付番号の開示請求が見つかりません（例: 20261124-3F9A0C1D）。";
        }
        if (InputErrors.Count > 0) return Page();

        List<PersonalData> requester = [];
        if (!string.IsNullOrWhiteSpace(SubjectName)) requester.Add(new PersonalData(subject, PersonalDataKind.Name, SubjectName.Trim()));
        if (!string.IsNullOrWhiteSpace(SubjectAddress)) requester.Add(new PersonalData(subject, PersonalDataKind.Address, SubjectAddress.Trim()));
        if (RequesterType != RequesterType.Self)
        {
            if (!string.IsNullOrWhiteSpace(AgentName)) requester.Add(new PersonalData(AgentKey, PersonalDataKind.Name, AgentName.Trim()));
            if (!string.IsNullOrWhiteSpace(AgentAddress)) requester.Add(new PersonalData(AgentKey, PersonalDataKind.Address, AgentAddress.Trim()));
        }
        var (result, refusal) = await commands.Send(new ReceiveRequest
        {
            CaseId = IntakeKey,
            IdempotencyKey = $"web-intake-{IntakeKey}",
            Kind = Kind,
            RequesterType = RequesterType,
            DataSubjectId = subject,
            Requester = requester,
            InformationSought = InformationSought,
            OccurredAt = receivedAt,
            DisclosureCaseId = disclosureCase,
            DisclosureReceivedOn = disclosureCase is null ? disclosureOn : null,
        }, ct);
        if (result is null)
        {
            Refusal = refusal;
            return Page();
        }
        return Redirect($"/requests/{result.StreamId}/receipt");
    }

    private T Read<T>(string field, Func<T> read) where T : struct
    {
        try
        {
            return read();
        }
        catch (DateInputException e)
        {
            InputErrors[field] = e.Japanese;
            return default;
        }
    }
}
