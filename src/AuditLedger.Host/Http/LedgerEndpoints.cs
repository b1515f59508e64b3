namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using AuditLedger.Host.Access;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>
/// The HTTP API. Every command goes through Wolverine (the same handlers as the command line and the import);
/// routes name the stream and the action. Errors are problem details (see <see cref="ProblemMapping"/>).
/// </summary>
public static class LedgerEndpoints
{
    // ---- retained records (保有個人情報) ----

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

    /// <summary>
    /// The latest events of the casework (files, records, incidents, requests, reviews), newest first: label, dates, who, article
    /// and stream; no personal data (the staff dashboard's 最近の記録). <c>?count=</c> 1 to 200, default 20.
    /// </summary>
    [WolverineGet("/api/activity"), Tags("History")]
    public static Task<IReadOnlyList<ActivityRow>> Activity(int? count, IQuerySession session, CancellationToken ct) =>
        RecentActivity.Latest(session, count ?? 20, ct);

    /// <summary>Every rule the ledger enforces on append, with its code and article (public: the law is public).</summary>
    [WolverineGet("/api/rules"), Tags("Rules"), AllowAnonymous]
    public static IEnumerable<LedgerRule> ListRules() => Rules.All;

    private static Created<AppendResult> Created(string collection, AppendResult result) =>
        TypedResults.Created($"/api/{collection}/{result.StreamId}", result);

    private static async Task<T> Current<T>(IQuerySession session, Guid id, CancellationToken ct) where T : class =>
        await session.LoadAsync<T>(id, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<T>(), id);
}
