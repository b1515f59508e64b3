namespace AuditLedger.Host.Incidents;

using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Incidents;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

/// <summary>
/// The incidents module (漏えい等事案, 第9条, 第11条) in the host: each command's handler, HTTP endpoint and command-line name,
/// in the same order, then the incident reports people read (Art. 11).
/// </summary>
[Wolverine.Attributes.WolverineHandler]
public static class IncidentsHost
{
    public static readonly HostModule Module = new(IncidentsModule.Module,
    [
        new("report-leak-incident", typeof(ReportLeakIncident), "POST /api/incidents",
            "漏えい等事案の報告 (Art. 9) / report a leak, loss or damage", "report-incident"),
        new("assess-leak-incident", typeof(AssessLeakIncident), "POST /api/incidents/{incidentId}/assessment",
            "事案の評価 (Art. 11) / assess an incident", "assess-incident"),
        new("notify-affected-person", typeof(NotifyAffectedPerson), "POST /api/incidents/{incidentId}/notifications",
            "本人への通知 (Art. 11) / notify an affected person", "notify-person"),
        new("apply-notification-exemption", typeof(ApplyNotificationExemption), "POST /api/incidents/{incidentId}/notification-exemptions",
            "通知の例外 (Art. 11(1), 11(2)) / apply a notification exemption", "exempt-notification"),
        new("take-incident-measure", typeof(TakeIncidentMeasure), "POST /api/incidents/{incidentId}/measures",
            "講じた措置 (Art. 9) / take a measure on an incident", "record-measure", "RecordIncidentMeasure"),
        new("close-leak-incident", typeof(CloseLeakIncident), "POST /api/incidents/{incidentId}/closure",
            "事案の終結 (Art. 11) / close an incident", "close-incident"),
    ]);

    // ---- report a leak incident (第9条) ----

    public static async Task<AppendResult> Handle(ReportLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var records = await session.LoadManyAsync<RetainedRecord>(ct, command.AffectedRecordIds.Distinct().ToArray());
        var id = LedgerAppender.NewStreamId(command.IncidentId, time);
        return LedgerAppender.Start<LeakIncident>(session, command, id, command.Decide(id, [.. records], time.GetUtcNow()));
    }

    [WolverinePost("/api/incidents"), Tags("Incidents")]
    public static async Task<Created<AppendResult>> PostReportLeakIncident(ReportLeakIncident command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/incidents/{result.StreamId}", result);
    }

    // ---- assess a leak incident (第11条) ----

    public static Task<AppendResult> Handle(AssessLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/incidents/{incidentId}/assessment"), Tags("Incidents")]
    public static Task<AppendResult> PostAssessLeakIncident(Guid incidentId, AssessLeakIncident command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    // ---- notify an affected person (第11条) ----

    public static Task<AppendResult> Handle(NotifyAffectedPerson command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/incidents/{incidentId}/notifications"), Tags("Incidents")]
    public static Task<AppendResult> PostNotifyAffectedPerson(Guid incidentId, NotifyAffectedPerson command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    // ---- apply a notification exemption (第11条第1号、第2号) ----

    public static Task<AppendResult> Handle(ApplyNotificationExemption command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/incidents/{incidentId}/notification-exemptions"), Tags("Incidents")]
    public static Task<AppendResult> PostApplyNotificationExemption(Guid incidentId, ApplyNotificationExemption command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    // ---- take an incident measure (第9条) ----

    public static Task<AppendResult> Handle(TakeIncidentMeasure command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/incidents/{incidentId}/measures"), Tags("Incidents")]
    public static Task<AppendResult> PostTakeIncidentMeasure(Guid incidentId, TakeIncidentMeasure command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    // ---- close a leak incident (第11条) ----

    public static Task<AppendResult> Handle(CloseLeakIncident command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/incidents/{incidentId}/closure"), Tags("Incidents")]
    public static Task<AppendResult> PostCloseLeakIncident(Guid incidentId, CloseLeakIncident command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    // ---- the incident as it stands ----

    [WolverineGet("/api/incidents/{incidentId}"), Tags("Incidents")]
    public static async Task<LeakIncident> GetIncident(Guid incidentId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<LeakIncident>(incidentId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<LeakIncident>(), incidentId);

    // ---- leak-incident reports (漏えい等事案の報告, 第11条) ----

    /// <summary>Every incident report as of now (time since detection from the service's clock); status=open|closed|all; format=json (default)|csv|xlsx.</summary>
    [WolverineGet("/api/incident-reports"), Tags("Incident reports"), Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<IncidentReportView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> IncidentReports(string? status, string? format, IQuerySession session, TimeProvider time, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        return LedgerReports.RenderIncidents(await LedgerReports.Incidents(session, LedgerReports.ParseStatus(status), time.GetUtcNow(), ct), reportFormat);
    }

    /// <summary>Open incidents in which a person is still owed a notification or an exemption of Art. 11 (1)/(2).</summary>
    [WolverineGet("/api/incident-reports/notifications-owed"), Tags("Incident reports")]
    public static Task<IReadOnlyList<IncidentReportView>> NotificationsOwed(IQuerySession session, TimeProvider time, CancellationToken ct) =>
        LedgerReports.NotificationsOwed(session, time.GetUtcNow(), ct);

    /// <summary>One incident's report as of now.</summary>
    [WolverineGet("/api/incident-reports/{incidentId}"), Tags("Incident reports")]
    public static Task<IncidentReportView> IncidentReport(Guid incidentId, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        LedgerReports.Incident(session, incidentId, time.GetUtcNow(), ct);
}
