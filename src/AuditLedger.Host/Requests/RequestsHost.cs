namespace AuditLedger.Host.Requests;

using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Access;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

/// <summary>
/// The requests module (開示・訂正・利用停止請求, 第18条～第43条) in the host: each command's handler, HTTP endpoint and
/// command-line name, in the same order; then the case, its timeline for the review board and the deadline view (期限管理).
/// Each handler loads what the decision needs (the case's jurisdiction profile, a linked case, a record) and the domain decides.
/// Every step goes through the same Wolverine handlers from HTTP, the command line and the import.
/// </summary>
[Wolverine.Attributes.WolverineHandler]
public static class RequestsHost
{
    public static readonly HostModule Module = new(RequestsModule.Module,
    [
        new("receive-request", typeof(ReceiveRequest), "POST /api/cases",
            "開示・訂正・利用停止請求の受付 (Art. 18-19, 31-32, 38-39) / receive a request"),
        new("verify-requester-identity", typeof(VerifyRequesterIdentity), "POST /api/cases/{caseId}/identity-checks",
            "本人確認 (Art. 19(2), 32(2), 39(2)) / verify the requester's identity", "verify-requester"),
        new("request-form-correction", typeof(RequestFormCorrection), "POST /api/cases/{caseId}/form-corrections",
            "補正の求め (Art. 19(3), 32(3), 39(3)) / ask for a correction of form"),
        new("complete-form-correction", typeof(CompleteFormCorrection), "POST /api/cases/{caseId}/form-corrections/completion",
            "補正の完了 (Art. 19(3), 32(3), 39(3)) / record that the correction of form is complete"),
        new("extend-decision-period", typeof(ExtendDecisionPeriod), "POST /api/cases/{caseId}/extensions",
            "決定期限の延長 (Art. 25(2), 35(2), 42(2)) / extend the decision period"),
        new("notify-special-deadline", typeof(NotifySpecialDeadline), "POST /api/cases/{caseId}/special-deadline",
            "期限の特例の通知 (Art. 26(1), 36(1), 43(1)) / notify a special deadline"),
        new("record-chair-vacancy", typeof(RecordChairVacancy), "POST /api/cases/{caseId}/chair-vacancies",
            "議長・副議長がともに欠けた期間 (Art. 26(2), 36(2), 43(2)) / record days without chair and vice-chair"),
        new("notify-third-party", typeof(NotifyThirdParty), "POST /api/cases/{caseId}/third-parties",
            "第三者への意見書提出の機会 (Art. 27(1), 27(2)) / notify a third party"),
        new("receive-third-party-opinion", typeof(ReceiveThirdPartyOpinion), "POST /api/cases/{caseId}/third-party-opinions",
            "第三者の意見書・反対意見書 (Art. 27(3)) / receive a third party's opinion", "record-third-party-opinion", "RecordThirdPartyOpinion"),
        new("decide-request", typeof(DecideRequest), "POST /api/cases/{caseId}/decisions",
            "決定と書面通知 (Art. 24, 34, 41) / decide a request"),
        new("record-decision-notice-delivery", typeof(RecordDecisionNoticeDelivery), "POST /api/cases/{caseId}/notice-deliveries",
            "決定通知の到達 (Art. 24, 28(4)) / record that the decision notice arrived", "record-notice-delivery"),
        new("notify-objector-of-disclosure", typeof(NotifyObjectorOfDisclosure), "POST /api/cases/{caseId}/objector-notices",
            "反対意見書提出者への通知 (Art. 27(3)) / tell the objector the day of disclosure", "notify-objector"),
        new("request-disclosure-method", typeof(RequestDisclosureMethod), "POST /api/cases/{caseId}/method-requests",
            "開示の実施方法の申出 (Art. 28(3), 28(4)) / record the method requested"),
        new("implement-disclosure", typeof(ImplementDisclosure), "POST /api/cases/{caseId}/disclosures",
            "開示の実施 (Art. 28(1), 28(3), 24(1)) / record the disclosure"),
        new("charge-copy-cost", typeof(ChargeCopyCost), "POST /api/cases/{caseId}/copy-costs",
            "写しの費用 (Art. 30(2)) / record the cost of copies"),
        new("notify-provision-recipients", typeof(NotifyProvisionRecipients), "POST /api/cases/{caseId}/recipient-notices",
            "提供先への訂正の通知 (Art. 37) / notify the recipients of a corrected record"),
        new("withdraw-request", typeof(WithdrawRequest), "POST /api/cases/{caseId}/withdrawal",
            "請求の取下げ (Art. 18, 31, 38) / withdraw a request"),
    ]);

    // ---- receive a request (第18条・第19条、第31条・第32条、第38条・第39条) ----

    public static async Task<AppendResult> Handle(ReceiveRequest command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct)
    {
        // The case is received under the law of the body (tenant) that receives it, unless the command names another profile
        // (a body handling a request under a neighbouring ordinance, and the tests of each profile's rules).
        var profile = command.JurisdictionId is { Length: > 0 } named ? jurisdictions.Get(named) : jurisdictions.ForTenant(session.TenantId);
        var disclosureCase = command.DisclosureCaseId is { } linked ? await session.LoadAsync<RequestCase>(linked, ct) : null;
        var id = LedgerAppender.NewStreamId(command.CaseId, time);
        return LedgerAppender.Start<RequestCase>(session, command, id, command.Decide(id, profile, disclosureCase, time.GetUtcNow()));
    }

    [WolverinePost("/api/cases"), Tags("Cases")]
    public static async Task<Created<AppendResult>> PostReceiveRequest(ReceiveRequest command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/cases/{result.StreamId}", result);
    }

    // ---- verify the requester's identity (第19条第2項、第32条第2項、第39条第2項) ----

    public static Task<AppendResult> Handle(VerifyRequesterIdentity command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/identity-checks"), Tags("Cases")]
    public static Task<AppendResult> PostVerifyRequesterIdentity(Guid caseId, VerifyRequesterIdentity command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- ask for a correction of form (第19条第3項、第32条第3項、第39条第3項) ----

    public static Task<AppendResult> Handle(RequestFormCorrection command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/form-corrections"), Tags("Cases")]
    public static Task<AppendResult> PostRequestFormCorrection(Guid caseId, RequestFormCorrection command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- complete the correction of form (第19条第3項) ----

    public static Task<AppendResult> Handle(CompleteFormCorrection command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/form-corrections/completion"), Tags("Cases")]
    public static Task<AppendResult> PostCompleteFormCorrection(Guid caseId, CompleteFormCorrection command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- extend the decision period (第25条第2項、第35条第2項、第42条第2項) ----

    public static Task<AppendResult> Handle(ExtendDecisionPeriod command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/extensions"), Tags("Cases")]
    public static Task<AppendResult> PostExtendDecisionPeriod(Guid caseId, ExtendDecisionPeriod command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- notify a special deadline (第26条第1項、第36条第1項、第43条第1項) ----

    public static Task<AppendResult> Handle(NotifySpecialDeadline command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/special-deadline"), Tags("Cases")]
    public static Task<AppendResult> PostNotifySpecialDeadline(Guid caseId, NotifySpecialDeadline command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- record days without chair and vice-chair (第26条第2項、第36条第2項、第43条第2項) ----

    public static Task<AppendResult> Handle(RecordChairVacancy command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/chair-vacancies"), Tags("Cases")]
    public static Task<AppendResult> PostRecordChairVacancy(Guid caseId, RecordChairVacancy command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- notify a third party (第27条第1項・第2項) ----

    public static Task<AppendResult> Handle(NotifyThirdParty command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/third-parties"), Tags("Cases")]
    public static Task<AppendResult> PostNotifyThirdParty(Guid caseId, NotifyThirdParty command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- receive a third party's opinion (第27条第3項) ----

    public static Task<AppendResult> Handle(ReceiveThirdPartyOpinion command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/third-party-opinions"), Tags("Cases")]
    public static Task<AppendResult> PostReceiveThirdPartyOpinion(Guid caseId, ReceiveThirdPartyOpinion command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- decide a request (第24条、第34条、第41条) ----

    public static Task<AppendResult> Handle(DecideRequest command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/decisions"), Tags("Cases")]
    public static Task<AppendResult> PostDecideRequest(Guid caseId, DecideRequest command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- record that the decision notice arrived (第28条第4項) ----

    public static Task<AppendResult> Handle(RecordDecisionNoticeDelivery command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/notice-deliveries"), Tags("Cases")]
    public static Task<AppendResult> PostRecordDecisionNoticeDelivery(Guid caseId, RecordDecisionNoticeDelivery command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- tell the objector the day of disclosure (第27条第3項) ----

    public static Task<AppendResult> Handle(NotifyObjectorOfDisclosure command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/objector-notices"), Tags("Cases")]
    public static Task<AppendResult> PostNotifyObjectorOfDisclosure(Guid caseId, NotifyObjectorOfDisclosure command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- record the method of disclosure requested (第28条第3項・第4項) ----

    public static Task<AppendResult> Handle(RequestDisclosureMethod command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/method-requests"), Tags("Cases")]
    public static Task<AppendResult> PostRequestDisclosureMethod(Guid caseId, RequestDisclosureMethod command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- carry out the disclosure (第28条第1項) ----

    public static Task<AppendResult> Handle(ImplementDisclosure command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/disclosures"), Tags("Cases")]
    public static Task<AppendResult> PostImplementDisclosure(Guid caseId, ImplementDisclosure command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- charge the cost of copies (第30条第2項) ----

    public static Task<AppendResult> Handle(ChargeCopyCost command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/copy-costs"), Tags("Cases")]
    public static Task<AppendResult> PostChargeCopyCost(Guid caseId, ChargeCopyCost command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- notify the recipients of a corrected record (第37条) ----

    /// <summary>Art. 37: the recipients come from the record's provision events, read in the same transaction.</summary>
    public static async Task<AppendResult> Handle(NotifyProvisionRecipients command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct)
    {
        var record = command.RecordId == Guid.Empty ? null : await session.LoadAsync<RetainedRecord>(command.RecordId, ct);
        return await OnCase(command, session, jurisdictions, time, ct, record);
    }

    [WolverinePost("/api/cases/{caseId}/recipient-notices"), Tags("Cases")]
    public static Task<AppendResult> PostNotifyProvisionRecipients(Guid caseId, NotifyProvisionRecipients command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- withdraw a request ----

    public static Task<AppendResult> Handle(WithdrawRequest command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    [WolverinePost("/api/cases/{caseId}/withdrawal"), Tags("Cases")]
    public static Task<AppendResult> PostWithdrawRequest(Guid caseId, WithdrawRequest command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    private static async Task<AppendResult> OnCase(CaseCommand command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct, RetainedRecord? record = null)
    {
        var now = time.GetUtcNow();
        return await LedgerAppender.Append<RequestCase>(session, command,
            c => command.Decide(c, new CaseInputs(jurisdictions.Catalog.Get(c.JurisdictionId)) { Record = record }, now), ct);
    }

    // ---- the case and its timeline (第45条、第50条) ----

    [WolverineGet("/api/cases/{caseId}"), Tags("Cases")]
    public static async Task<RequestCase> GetCase(Guid caseId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RequestCase>(caseId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<RequestCase>(), caseId);

    /// <summary>
    /// The review board's timeline (Art. 45, 50): every event of the case, of its reviews and of its records, in order, with
    /// actor, legal ground and the clocks on each step's day. format=json|html|csv|xlsx; personalData=hide (default)|show.
    /// The page states the SHA-256 of the CSV, so that a copy the board keeps can be checked.
    /// </summary>
    [WolverineGet("/api/cases/{caseId}/timeline"), Tags("Cases"), ReviewBoardMayRead]
    public static async Task<IResult> GetTimeline(Guid caseId, string? format, string? personalData, IQuerySession session, LedgerJurisdictions jurisdictions,
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
        return report.ToResult(reportFormat);
    }

    /// <summary>Whether the case was referred to the review board: a review of it on which the board was consulted (Art. 45(1)).</summary>
    public static Task<bool> IsReferredToBoard(IQuerySession session, Guid caseId, CancellationToken ct) =>
        session.Query<ReviewCase>().AnyAsync(r => r.CaseId == caseId && r.ConsultedOn != null, ct);

    /// <summary>
    /// The reviews on which the board was consulted (Art. 45(1)), newest consultation first: what the review board may read,
    /// by the same rule as <see cref="IsReferredToBoard"/> (one case may have several).
    /// </summary>
    public static async Task<IReadOnlyList<ReviewCase>> ReferredToBoard(IQuerySession session, CancellationToken ct) =>
        await session.Query<ReviewCase>().Where(r => r.ConsultedOn != null).OrderByDescending(r => r.ConsultedOn).ToListAsync(ct);

    /// <summary>The review board reading a case not referred to it (HTTP 403; command line exit 2).</summary>
    public static PrincipalRefused NotReferred() => new("access.not-referred",
        "この事案は審査会に諮問されていないため、審査会の委員は閲覧できません。",
        "This case has not been referred to the review board (no consultation under Art. 45(1)), so the board cannot read its timeline.");

    /// <summary>What a timeline with personal data shows: the events of the case and of its records (for the access record).</summary>
    public static async Task<List<object>> TimelineShown(IQuerySession session, Guid caseId, CancellationToken ct)
    {
        var requestCase = await session.LoadAsync<RequestCase>(caseId, ct);
        var shown = new List<object>();
        // The case, its records, and its reviews (the appellant's name is on the timeline too): every person whose data it shows.
        var reviews = await session.Query<ReviewCase>().Where(r => r.CaseId == caseId).Select(r => r.Id).ToListAsync(ct);
        foreach (var stream in new[] { caseId }.Concat(requestCase?.RecordIds ?? []).Concat(reviews))
            shown.AddRange((await session.Events.FetchStreamAsync(stream, token: ct)).Select(e => e.Data));
        return shown;
    }

    // ---- the deadline view (期限管理) ----

    /// <summary>
    /// Clocks of all cases as they stand today. <paramref name="filter"/>: open (default), overdue, this-week, within
    /// (with <paramref name="within"/> days). format=json (default)|csv|xlsx.
    /// </summary>
    [WolverineGet("/api/deadlines"), Tags("Deadlines"), Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<DeadlineRow>>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetDeadlines(string? filter, int? within, string? format, DeadlineQueries queries, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        return LedgerReports.RenderDeadlines(await queries.Find(DeadlineFilters.Parse(filter, within), within ?? DeadlineQueries.DueSoonDays, ct), reportFormat);
    }

    /// <summary>One case's clocks today, how each date moved, and the rules each applied with their articles.</summary>
    [WolverineGet("/api/cases/{caseId}/deadlines"), Tags("Deadlines")]
    public static Task<CaseDeadlineReport> GetCaseDeadlines(Guid caseId, DeadlineQueries queries, CancellationToken ct) => queries.ForCase(caseId, ct);
}
