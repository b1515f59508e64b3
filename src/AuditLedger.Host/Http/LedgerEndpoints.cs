namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using AuditLedger.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// The HTTP API. Every command goes through Wolverine (the same handlers as the command line and the import);
/// routes name the stream and the action. Errors are problem details (see <see cref="ProblemMapping"/>).
/// </summary>
public static class LedgerEndpoints
{
    // ---- retained records (保有個人情報) ----

    [WolverinePost("/api/records"), Tags("Records")]
    public static async Task<Created<AppendResult>> AcquireRecord(AcquireRecord command, LedgerCommands commands) =>
        Created("records", await commands.Append(RequestBody.Required(command)));

    [WolverinePost("/api/records/{recordId}/purpose-changes"), Tags("Records")]
    public static Task<AppendResult> ChangePurpose(Guid recordId, ChangeRecordPurpose command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverinePost("/api/records/{recordId}/purpose-external-uses"), Tags("Records")]
    public static Task<AppendResult> UseOutsidePurpose(Guid recordId, UseRecordOutsidePurpose command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverinePost("/api/records/{recordId}/provisions"), Tags("Records")]
    public static Task<AppendResult> Provide(Guid recordId, ProvideRecord command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverinePost("/api/records/{recordId}/corrections"), Tags("Records")]
    public static Task<AppendResult> Correct(Guid recordId, CorrectRecord command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverinePost("/api/records/{recordId}/use-suspensions"), Tags("Records")]
    public static Task<AppendResult> SuspendUse(Guid recordId, SuspendRecordUse command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverinePost("/api/records/{recordId}/provision-stops"), Tags("Records")]
    public static Task<AppendResult> StopProvision(Guid recordId, StopRecordProvision command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverinePost("/api/records/{recordId}/erasure"), Tags("Records")]
    public static Task<AppendResult> Erase(Guid recordId, EraseRecord command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    [WolverineGet("/api/records/{recordId}"), Tags("Records")]
    public static Task<RetainedRecord> GetRecord(Guid recordId, IQuerySession session, CancellationToken ct) =>
        Current<RetainedRecord>(session, recordId, ct);

    // ---- leak incidents (漏えい等事案, Art. 9, 11) ----

    [WolverinePost("/api/incidents"), Tags("Incidents")]
    public static async Task<Created<AppendResult>> ReportIncident(ReportLeakIncident command, LedgerCommands commands) =>
        Created("incidents", await commands.Append(RequestBody.Required(command)));

    [WolverinePost("/api/incidents/{incidentId}/assessment"), Tags("Incidents")]
    public static Task<AppendResult> Assess(Guid incidentId, AssessLeakIncident command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    [WolverinePost("/api/incidents/{incidentId}/notifications"), Tags("Incidents")]
    public static Task<AppendResult> Notify(Guid incidentId, NotifyAffectedPerson command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    [WolverinePost("/api/incidents/{incidentId}/notification-exemptions"), Tags("Incidents")]
    public static Task<AppendResult> Exempt(Guid incidentId, ApplyNotificationExemption command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    [WolverinePost("/api/incidents/{incidentId}/measures"), Tags("Incidents")]
    public static Task<AppendResult> Measure(Guid incidentId, TakeIncidentMeasure command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    [WolverinePost("/api/incidents/{incidentId}/closure"), Tags("Incidents")]
    public static Task<AppendResult> Close(Guid incidentId, CloseLeakIncident command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { IncidentId = incidentId });

    [WolverineGet("/api/incidents/{incidentId}"), Tags("Incidents")]
    public static Task<LeakIncident> GetIncident(Guid incidentId, IQuerySession session, CancellationToken ct) =>
        Current<LeakIncident>(session, incidentId, ct);

    // ---- history and rules ----

    /// <summary>
    /// The full history of any stream, every event in order. It shows personal data, so the caller states why
    /// (X-Access-Purpose) and the read is recorded as an event before the history is returned (Art. 9).
    /// </summary>
    [WolverineGet("/api/streams/{streamId}/events"), Tags("History")]
    public static async Task<StreamHistory> History(Guid streamId, IQuerySession session, PersonalDataAccessLog accessLog, HttpContext http, CancellationToken ct)
    {
        var history = await StreamHistoryQuery.Load(session, streamId, ct);
        await accessLog.Record(http, streamId, history.Events, "GET /api/streams/{id}/events", ct);
        return history;
    }

    /// <summary>Every rule the ledger enforces on append, with its code and article (public: the law is public).</summary>
    [WolverineGet("/api/rules"), Tags("Rules"), AllowAnonymous]
    public static IEnumerable<LedgerRule> ListRules() => Rules.All;

    private static Created<AppendResult> Created(string collection, AppendResult result) =>
        TypedResults.Created($"/api/{collection}/{result.StreamId}", result);

    private static async Task<T> Current<T>(IQuerySession session, Guid id, CancellationToken ct) where T : class =>
        await session.LoadAsync<T>(id, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<T>(), id);
}
