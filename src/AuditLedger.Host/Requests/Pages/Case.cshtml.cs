namespace AuditLedger.Host.Requests.Pages;

using AuditLedger.Deadlines;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 事案 (/requests/{id}): a request case's clocks with their explanation (start day, 初日不算入, paused days, extension,
/// closed days skipped, the article: the deadline view's reading, <see cref="DeadlineQueries.ForCase"/>), its timeline
/// (<see cref="CaseTimelines"/>, without personal data), and one form for each step the ordinance allows in the case's
/// present state (<see cref="CaseSteps.Allowed"/>), each carrying the case's version as the expected version: a refusal
/// re-shows the form with the rule and its article and appends nothing, a stale form comes back as a conflict.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class CaseModel(IQuerySession session, DeadlineQueries deadlines, LedgerJurisdictions jurisdictions, LedgerCommands commands, TimeProvider time) : PageModel
{
    // ---- what the step forms send: one property per command field; only one form is sent at a time ----
    [BindProperty] public string Step { get; set; } = "";
    [BindProperty] public long ExpectedVersion { get; set; }
    [BindProperty] public string? IdentityDocument { get; set; }
    [BindProperty] public string? AgencyDocument { get; set; }
    [BindProperty] public string? Deficiency { get; set; }
    [BindProperty] public int? Days { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? StatedDueDate { get; set; }
    [BindProperty] public string? FirstDay { get; set; }
    [BindProperty] public string? LastDay { get; set; }
    [BindProperty] public Guid NewThirdPartyId { get; set; }
    [BindProperty] public bool Mandatory { get; set; }
    [BindProperty] public string? ThirdPartyName { get; set; }
    [BindProperty] public string? ThirdPartyAddress { get; set; }
    [BindProperty] public Guid ThirdPartyId { get; set; }
    [BindProperty] public bool ObjectsToDisclosure { get; set; }
    [BindProperty] public CaseOutcome? Outcome { get; set; }
    [BindProperty] public DecisionScope Scope { get; set; } = DecisionScope.Whole;
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? DecisionReference { get; set; }
    [BindProperty] public string? DisclosureDate { get; set; }
    [BindProperty] public DisclosureMethod? Method { get; set; }
    [BindProperty] public string? LateReason { get; set; }
    [BindProperty] public int? MonochromePages { get; set; }
    [BindProperty] public int? ColourPages { get; set; }
    [BindProperty] public int? AmountYen { get; set; }

    public RequestCase Case { get; private set; } = new();
    public CaseDeadlineReport Deadlines { get; private set; } = null!;
    public CaseTimeline Timeline { get; private set; } = null!;
    public IReadOnlyList<CaseStep> Steps { get; private set; } = [];
    public string Office { get; private set; } = "";
    /// <summary>The step just recorded (after the redirect), by command name.</summary>
    public string? Done { get; private set; }
    public FormRefusal? Refusal { get; private set; }
    public Dictionary<string, string> InputErrors { get; } = [];
    /// <summary>The refused step, kept on the page with what was typed, that the case in its present state no longer allows.</summary>
    public string? NoLongerAllowed { get; private set; }

    /// <summary>The step whose form was sent and refused (its fields take the plain ids the error summary links to).</summary>
    public string? PostedStep => Refusal is not null || InputErrors.Count > 0 ? Step : null;

    public string? ErrorFor(string field) => InputErrors.TryGetValue(field, out var e) ? e : Refusal?.For(field)?.Japanese;

    /// <summary>A field's id: plain in the form that was refused, else prefixed by its step so that ids stay unique.</summary>
    public string Id(string step, string field) => step == PostedStep ? field : $"{step}-{field}";

    public async Task OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        await Load(id, ct);
        NewThirdPartyId = Guid.NewGuid();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        // A value the form could not read (「1,000」 or 「1e3」 in a number, an unknown choice) is that field's error: never
        // silently 0 or the first choice.
        foreach (var (field, entry) in ModelState)
            if (entry.Errors.Count > 0 && !InputErrors.ContainsKey(field))
                InputErrors[field] = "入力された値を読み取れません。半角数字（区切りなし）で入力するか、選択肢から選んでください。";
        var command = Command();
        if (command is not null && InputErrors.Count == 0)
        {
            var (result, refusal) = await commands.Send(command with { CaseId = id, ExpectedVersion = ExpectedVersion }, ct);
            if (result is not null) return Redirect($"/requests/{id}?done={Uri.EscapeDataString(Step)}#result");
            Refusal = refusal;
        }
        else if (command is null && InputErrors.Count == 0)
        {
            InputErrors[nameof(Step)] = "手続の種類が不明です。画面を開き直してください。";
        }
        var version = ExpectedVersion;
        await Load(id, ct);
        // The form keeps the version it was sent with, so that sending it again after a conflict is refused again until reopened.
        if (Refusal?.IsConflict == true) ExpectedVersion = version;
        if (NewThirdPartyId == Guid.Empty) NewThirdPartyId = Guid.NewGuid();
        // The refused form stays on the page with what was typed, even when the case has moved on and no longer allows it.
        if (PostedStep is { } posted && Steps.All(s => s.Command.Name != posted) && CaseSteps.Named(Case.Kind, posted) is { } kept)
        {
            NoLongerAllowed = posted;
            Steps = [kept, .. Steps];
        }
        return Page();
    }

    private async Task Load(Guid id, CancellationToken ct)
    {
        Case = await RequestsHost.GetCase(id, session, ct);
        ExpectedVersion = Case.Version;
        var profile = jurisdictions.Catalog.Get(Case.JurisdictionId);
        Office = profile.Name.Ja;
        Deadlines = await deadlines.ForCase(id, ct);
        Timeline = await CaseTimelines.Load(session, jurisdictions.Catalog, id, showPersonalData: false, ct);
        Steps = CaseSteps.Allowed(Case, new CaseInputs(profile), time.GetUtcNow());
    }

    private CaseCommand? Command() => Step switch
    {
        nameof(VerifyRequesterIdentity) => new VerifyRequesterIdentity { IdentityDocument = IdentityDocument ?? "", AgencyDocument = Blank(AgencyDocument) },
        nameof(RequestFormCorrection) => new RequestFormCorrection { Deficiency = Deficiency ?? "" },
        nameof(CompleteFormCorrection) => new CompleteFormCorrection(),
        nameof(ExtendDecisionPeriod) => new ExtendDecisionPeriod { Days = Days ?? 0, Reason = Reason ?? "" },
        nameof(NotifySpecialDeadline) => new NotifySpecialDeadline { Reason = Reason ?? "", StatedDueDate = Date(nameof(StatedDueDate), StatedDueDate) },
        nameof(RecordChairVacancy) => new RecordChairVacancy { FirstDay = Date(nameof(FirstDay), FirstDay), LastDay = Date(nameof(LastDay), LastDay) },
        nameof(NotifyThirdParty) => new NotifyThirdParty
        {
            ThirdPartyId = NewThirdPartyId,
            Mandatory = Mandatory,
            ThirdParty = [.. new[] { (PersonalDataKind.Name, ThirdPartyName), (PersonalDataKind.Address, ThirdPartyAddress) }
                .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => new PersonalData(NewThirdPartyId, p.Item1, p.Item2!.Trim()))],
            IdempotencyKey = $"web-third-party-{NewThirdPartyId}",
        },
        nameof(ReceiveThirdPartyOpinion) => new ReceiveThirdPartyOpinion { ThirdPartyId = ThirdPartyId, ObjectsToDisclosure = ObjectsToDisclosure },
        nameof(DecideRequest) => new DecideRequest
        {
            Outcome = Outcome ?? (CaseOutcome)(-1), Scope = Scope, Reasons = Reasons ?? "", DecisionReference = DecisionReference ?? "",
        },
        nameof(RecordDecisionNoticeDelivery) => new RecordDecisionNoticeDelivery(),
        nameof(NotifyObjectorOfDisclosure) => new NotifyObjectorOfDisclosure { ThirdPartyId = ThirdPartyId, DisclosureDate = Date(nameof(DisclosureDate), DisclosureDate) },
        nameof(RequestDisclosureMethod) => new RequestDisclosureMethod { Method = Method ?? (DisclosureMethod)(-1), LateReason = Blank(LateReason) },
        nameof(ImplementDisclosure) => new ImplementDisclosure { Method = Method ?? (DisclosureMethod)(-1) },
        nameof(ChargeCopyCost) => new ChargeCopyCost { MonochromePages = MonochromePages ?? 0, ColourPages = ColourPages ?? 0, AmountYen = AmountYen ?? -1 },
        nameof(WithdrawRequest) => new WithdrawRequest { Reason = Reason ?? "" },
        _ => null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A date field read as a Japanese office writes it; an unreadable one becomes that field's error.</summary>
    private DateOnly Date(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return default;
        try
        {
            return JapaneseDateInput.ParseDate(text);
        }
        catch (DateInputException e)
        {
            InputErrors[field] = e.Japanese;
            return default;
        }
    }
}
