namespace AuditLedger.Host.Incidents.Pages;

using AuditLedger.Deadlines;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Web;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>One event of the incident's stream as its page lists it: what, when, who, on which article; no personal data.</summary>
public sealed record IncidentStep(long Version, string EventJa, DateTimeOffset OccurredAt, string ActedBy, string ArticleJa, string Detail);

/// <summary>
/// 漏えい等事案 (第9条・第11条): one incident's facts (the API's report, <see cref="IncidentsHost.IncidentReport"/>), its
/// timeline (the stream's events), what is still owed to each person, and one form per step its present state allows:
/// 評価 (the chair's serious kinds, 第11条), 本人への通知 (第11条), 通知の例外 (第11条第1号・第2号), 講じた措置 (第9条) and
/// 終結 (第11条). Each form carries the stream's version as the command's expected version, so a change made meanwhile comes
/// back as a conflict; a refusal re-shows the form with what was typed, the rule, its article and what to do; nothing is
/// appended. The free texts (概要, 原因, 二次被害, 措置・例外の内容, 所見) are personal data of the affected persons: shown only
/// after the user states a purpose, the read recorded first (<see cref="PersonalDataAccessLog"/>, 第9条).
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class CaseModel(IQuerySession session, TimeProvider time, LedgerCommands commands, PersonalDataAccessLog accessLog) : PageModel
{
    [FromRoute] public Guid IncidentId { get; set; }

    /// <summary>What the last step recorded (reported, assessed, notified, exempted, measure, closed), for the notice on return.</summary>
    [FromQuery(Name = "done")] public string? Done { get; set; }

    [BindProperty] public long ExpectedVersion { get; set; }
    [BindProperty] public string OccurredAt { get; set; } = "";
    [BindProperty] public List<SeriousCriterion> CriteriaMet { get; set; } = [];
    [BindProperty] public string SecondaryHarm { get; set; } = "";
    [BindProperty] public Guid? NotifyPerson { get; set; }
    [BindProperty] public string NotifyMethod { get; set; } = "";
    [BindProperty] public string NotifyContact { get; set; } = "";
    [BindProperty] public List<Guid> ExemptPersons { get; set; } = [];
    [BindProperty] public NotificationExemption? Exemption { get; set; }
    [BindProperty] public string ExemptionDescription { get; set; } = "";
    [BindProperty] public MeasureKind? MeasureKind { get; set; }
    [BindProperty] public string MeasureDescription { get; set; } = "";
    [BindProperty] public string Conclusion { get; set; } = "";
    [BindProperty] public string Purpose { get; set; } = "";

    public IncidentReportView Report { get; private set; } = null!;
    public IReadOnlyList<IncidentStep> Timeline { get; private set; } = [];

    /// <summary>True once a purpose was stated and the read recorded: the free texts are shown.</summary>
    public bool PersonalDataShown { get; private set; }

    /// <summary>The refusal of the form named by <see cref="RefusedForm"/>, its field names turned into that form's field ids.</summary>
    public FormRefusal? Refusal { get; private set; }

    /// <summary>assess, notify, exempt, measure, close or purpose: the form the refusal belongs to.</summary>
    public string? RefusedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Load(ct) ? Page() : NotFound();

    /// <summary>閲覧目的: the purpose is checked as the API checks X-Access-Purpose, the read recorded, then the texts shown.</summary>
    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        string purpose;
        try
        {
            purpose = Reader.StatedPurpose(Purpose, "Purpose");
        }
        catch (InvalidCommand invalid)
        {
            return Refused("purpose", FormRefusal.From(invalid)!);
        }
        var user = Navigation.CurrentUser(HttpContext)!;
        var stored = await LedgerReports.StoredIncident(session, IncidentId, ct);
        await accessLog.Record(new Reader(user.StaffId, user.Role, purpose) { Principal = user }, IncidentId, stored, "web", ct);
        PersonalDataShown = true;
        return Page();
    }

    public Task<IActionResult> OnPostAssessAsync(CancellationToken ct) =>
        Submit("assess", "assessed", at => new AssessLeakIncident { CriteriaMet = CriteriaMet, SecondaryHarm = SecondaryHarm, OccurredAt = at }, ct);

    public Task<IActionResult> OnPostNotifyAsync(CancellationToken ct) =>
        Submit("notify", "notified", at => new NotifyAffectedPerson
        {
            DataSubjectId = NotifyPerson ?? Guid.Empty,
            Method = NotifyMethod,
            ContactUsed = string.IsNullOrWhiteSpace(NotifyContact) || NotifyPerson is not { } person ? [] : [new PersonalData(person, PersonalDataKind.ContactDetails, NotifyContact.Trim())],
            OccurredAt = at,
        }, ct);

    public Task<IActionResult> OnPostExemptAsync(CancellationToken ct) =>
        Submit("exempt", "exempted", at => new ApplyNotificationExemption
        {
            DataSubjectIds = ExemptPersons,
            Exemption = Exemption ?? (NotificationExemption)(-1),
            Description = ExemptionDescription,
            OccurredAt = at,
        }, ct);

    public Task<IActionResult> OnPostMeasureAsync(CancellationToken ct) =>
        Submit("measure", "measure", at => new TakeIncidentMeasure { Kind = MeasureKind ?? (MeasureKind)(-1), Description = MeasureDescription, OccurredAt = at }, ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        Submit("close", "closed", at => new CloseLeakIncident { Conclusion = Conclusion, OccurredAt = at }, ct);

    /// <summary>
    /// Sends one form's command as the signed-in user, with the incident and the version the form was read at; on a refusal
    /// re-shows the page with that form's input and the refusal beside it (nothing appended), else returns to the page.
    /// </summary>
    private async Task<IActionResult> Submit(string form, string done, Func<DateTimeOffset?, IncidentCommand> build, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(OccurredAt))
        {
            try
            {
                at = JapaneseDateInput.ParseInstant(OccurredAt);
            }
            catch (DateInputException e)
            {
                return Refused(form, new FormRefusal(StatusCodes.Status400BadRequest, "input.invalid", "日時を読み取れませんでした。", "The date could not be read.",
                    null, null, [new FieldError("OccurredAt", e.Japanese, e.English)]));
            }
        }
        var command = build(at) with { IncidentId = IncidentId, ExpectedVersion = ExpectedVersion };
        var (_, refusal) = await commands.Send(command, ct);
        if (refusal is not null)
        {
            await Load(ct);
            return Refused(form, refusal);
        }
        return Redirect($"/incidents/{IncidentId}?done={done}#top");
    }

    private IActionResult Refused(string form, FormRefusal refusal)
    {
        RefusedForm = form;
        Refusal = refusal with { Errors = [.. refusal.Errors.Select(e => e with { Field = FieldId(form, e.Field) })] };
        return Page();
    }

    /// <summary>The id of a command's field in one form of the page (<c>notify-Method</c>), so each field error links to its field.</summary>
    public static string FieldId(string form, string field)
    {
        var name = field.Split('[', '.')[0];
        return $"{form}-{(name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..])}";
    }

    /// <summary>The error of a field of a form, when that form was refused for it.</summary>
    public FieldError? ErrorOf(string form, string field) => RefusedForm == form ? Refusal?.For(FieldId(form, field)) : null;

    /// <summary>The value a form field shows: what was typed when that form was refused, else empty.</summary>
    public string Typed(string form, string value) => RefusedForm == form ? value : "";

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Report = await IncidentsHost.IncidentReport(IncidentId, session, time, ct);
        }
        catch (StreamNotFound)
        {
            return false;
        }
        var history = await StreamHistoryQuery.Load(session, IncidentId, ct);
        Timeline = [.. history.Events.Where(e => e.Data is ILedgerEvent).Select(e =>
        {
            var context = ((ILedgerEvent)e.Data).Context;
            return new IncidentStep(e.Version, CaseLabels.Event(e.Data.GetType()), context.OccurredAt, context.ActedBy.Describe(), context.Ground.Article.Japanese, Detail(e.Data));
        })];
        return true;
    }

    /// <summary>What an event did, without its free texts (personal data): kinds, counts, the persons' ids.</summary>
    private static string Detail(object data) => data switch
    {
        LeakIncidentReported r => $"{IncidentReportView.KindNames[r.Kind]}。対象 記録{r.AffectedRecordIds.Count}件・本人{r.AffectedPersonIds.Count}人。項目: {(r.InformationItems.Count == 0 ? "—" : string.Join("、", r.InformationItems))}",
        LeakIncidentAssessed a => a.Serious
            ? $"議長が定める事態に該当: {string.Join("、", a.CriteriaMet.Select(c => IncidentReportView.CriterionNames[c]))}"
            : "議長が定める事態に該当しない",
        AffectedPersonNotified n => $"本人 {StreamReference.Short(n.DataSubjectId)} に通知（方法: {n.Method}）",
        NotificationExemptionApplied x => $"本人{x.DataSubjectIds.Count}人に例外を適用: {CaseLabels.Of(x.Exemption)}",
        IncidentMeasureTaken m => $"措置: {CaseLabels.Of(m.Kind)}",
        LeakIncidentClosed => "事案を終結",
        _ => "",
    };
}
