namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Cases;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Access;
using AuditLedger.Host.Reports;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

/// <summary>
/// Request cases (開示・訂正・利用停止請求, Art. 18-43), review cases (審査請求, Art. 44-46) and the deadline view.
/// Every step goes through the same Wolverine handlers as the command line and the import.
/// </summary>
public static class CaseEndpoints
{
    // ---- request cases ----

    [WolverinePost("/api/cases"), Tags("Cases")]
    public static async Task<Created<AppendResult>> Receive(ReceiveRequest command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/cases/{result.StreamId}", result);
    }

    [WolverinePost("/api/cases/{caseId}/identity-checks"), Tags("Cases")]
    public static Task<AppendResult> VerifyIdentity(Guid caseId, VerifyRequesterIdentity command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/form-corrections"), Tags("Cases")]
    public static Task<AppendResult> RequestFormCorrection(Guid caseId, RequestFormCorrection command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/form-corrections/completion"), Tags("Cases")]
    public static Task<AppendResult> CompleteFormCorrection(Guid caseId, CompleteFormCorrection command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/extensions"), Tags("Cases")]
    public static Task<AppendResult> Extend(Guid caseId, ExtendDecisionPeriod command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/special-deadline"), Tags("Cases")]
    public static Task<AppendResult> SpecialDeadline(Guid caseId, NotifySpecialDeadline command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/chair-vacancies"), Tags("Cases")]
    public static Task<AppendResult> ChairVacancy(Guid caseId, RecordChairVacancy command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/third-parties"), Tags("Cases")]
    public static Task<AppendResult> NotifyThirdParty(Guid caseId, NotifyThirdParty command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/third-party-opinions"), Tags("Cases")]
    public static Task<AppendResult> ThirdPartyOpinion(Guid caseId, ReceiveThirdPartyOpinion command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/decisions"), Tags("Cases")]
    public static Task<AppendResult> Decide(Guid caseId, DecideRequest command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/notice-deliveries"), Tags("Cases")]
    public static Task<AppendResult> NoticeDelivered(Guid caseId, RecordDecisionNoticeDelivery command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/objector-notices"), Tags("Cases")]
    public static Task<AppendResult> NotifyObjector(Guid caseId, NotifyObjectorOfDisclosure command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/method-requests"), Tags("Cases")]
    public static Task<AppendResult> MethodRequested(Guid caseId, RequestDisclosureMethod command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/disclosures"), Tags("Cases")]
    public static Task<AppendResult> Disclose(Guid caseId, ImplementDisclosure command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/copy-costs"), Tags("Cases")]
    public static Task<AppendResult> CopyCost(Guid caseId, ChargeCopyCost command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/recipient-notices"), Tags("Cases")]
    public static Task<AppendResult> NotifyRecipients(Guid caseId, NotifyProvisionRecipients command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverinePost("/api/cases/{caseId}/withdrawal"), Tags("Cases")]
    public static Task<AppendResult> Withdraw(Guid caseId, WithdrawRequest command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    [WolverineGet("/api/cases/{caseId}"), Tags("Cases")]
    public static async Task<RequestCase> GetCase(Guid caseId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RequestCase>(caseId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<RequestCase>(), caseId);

    /// <summary>
    /// The review board's timeline (Art. 45, 50): every event of the case, of its reviews and of its records, in order, with
    /// actor, legal ground and the clocks on each step's day. format=json|html|csv; personalData=hide (default)|show.
    /// The page states the SHA-256 of the CSV, so that a copy the board keeps can be checked.
    /// </summary>
    [WolverineGet("/api/cases/{caseId}/timeline"), Tags("Cases"), ReviewBoardMayRead]
    public static async Task<IResult> Timeline(Guid caseId, string? format, string? personalData, IQuerySession session, LedgerJurisdictions jurisdictions,
        TimeProvider time, PersonalDataAccessLog accessLog, HttpContext http, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        var show = LedgerReports.ParsePersonalData(personalData);
        // The review board sees only the cases referred to it: a review of the case on which the board was consulted (Art. 45(1)).
        if (!LedgerRoles.Readers.Any(http.User.IsInRole) && !await IsReferredToBoard(session, caseId, ct))
        {
            var refused = NotReferred();
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: $"urn:auditledger:{refused.Code}",
                title: refused.Japanese, detail: refused.Message, extensions: new Dictionary<string, object?> { ["code"] = refused.Code });
        }
        if (show)
        {
            // Shown with names and addresses: the read is recorded first (Art. 9), with the data of the case and its records.
            await accessLog.Record(http, caseId, await TimelineShown(session, caseId, ct), "GET /api/cases/{id}/timeline", ct);
        }
        var report = await LedgerReports.RenderTimeline(session, jurisdictions.Catalog, caseId, show, reportFormat, time.GetUtcNow(), ct);
        return ReportEndpoints.Send(report, reportFormat);
    }

    /// <summary>Whether the case was referred to the review board: a review of it on which the board was consulted (Art. 45(1)).</summary>
    public static Task<bool> IsReferredToBoard(IQuerySession session, Guid caseId, CancellationToken ct) =>
        session.Query<ReviewCase>().AnyAsync(r => r.CaseId == caseId && r.ConsultedOn != null, ct);

    /// <summary>The review board reading a case not referred to it (HTTP 403; command line exit 2).</summary>
    public static PrincipalRefused NotReferred() => new("access.not-referred",
        "この事案は審査会に諮問されていないため、審査会の委員は閲覧できません。",
        "This case has not been referred to the review board (no consultation under Art. 45(1)), so the board cannot read its timeline.");

    /// <summary>What a timeline with personal data shows: the events of the case and of its records (for the access record).</summary>
    public static async Task<List<object>> TimelineShown(IQuerySession session, Guid caseId, CancellationToken ct)
    {
        var requestCase = await session.LoadAsync<RequestCase>(caseId, ct);
        var shown = new List<object>();
        foreach (var stream in new[] { caseId }.Concat(requestCase?.RecordIds ?? []))
            shown.AddRange((await session.Events.FetchStreamAsync(stream, token: ct)).Select(e => e.Data));
        return shown;
    }

    // ---- the deadline view (期限管理) ----

    /// <summary>
    /// Clocks of all cases as they stand today. <paramref name="filter"/>: open (default), overdue, this-week, within
    /// (with <paramref name="within"/> days).
    /// </summary>
    [WolverineGet("/api/deadlines"), Tags("Deadlines")]
    public static Task<IReadOnlyList<DeadlineRow>> Deadlines(string? filter, int? within, DeadlineQueries queries, CancellationToken ct) =>
        queries.Find(DeadlineFilters.Parse(filter, within), within ?? DeadlineQueries.DueSoonDays, ct);

    /// <summary>One case's clocks today, how each date moved, and the rules each applied with their articles.</summary>
    [WolverineGet("/api/cases/{caseId}/deadlines"), Tags("Deadlines")]
    public static Task<CaseDeadlineReport> CaseDeadlines(Guid caseId, DeadlineQueries queries, CancellationToken ct) => queries.ForCase(caseId, ct);
}
