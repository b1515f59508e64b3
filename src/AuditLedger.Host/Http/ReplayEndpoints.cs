namespace AuditLedger.Host.Http;

using AuditLedger.Host.Requests;
using AuditLedger.Host.Replay;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Access;
using Wolverine.Http;

/// <summary>
/// The auditors' replay: what the ledger showed at a past instant, computed from the events recorded up
/// to it (recorded time; see <see cref="ReplayInstant"/>), and what changed on a stream between two instants.
/// asOf, from and to: ISO 8601 with an offset (write + as %2B in a URL) or a day (the end of that day in Japan).
/// An instant not understood or after now is a 400 problem; an unknown id, or one not recorded yet at the instant, a 404.
/// </summary>
public static class ReplayEndpoints
{
    /// <summary>A record, file, request case, review case or incident (kind: records, files, cases, reviews, incidents; streams for any) as of an instant: its state and the read models kept for it.</summary>
    [WolverineGet("/api/replay/{kind}/{id}"), Tags("Replay")]
    public static async Task<StreamReplay> Stream(string kind, Guid id, string? asOf, LedgerReplay replay, PersonalDataAccessLog accessLog, HttpContext http, CancellationToken ct)
    {
        var result = await replay.Stream(id, replay.Instant(asOf), kind == "streams" ? null : kind, ct);
        await accessLog.Record(http, id, result.Documents, "GET /api/replay/{kind}/{id}", ct);
        return result;
    }

    /// <summary>The file register as of an instant: internal (default) or published=true; format=json|csv|html|xlsx.</summary>
    [WolverineGet("/api/replay/register"), Tags("Replay")]
    public static async Task<IResult> Register(string? asOf, bool? published, string? format, LedgerReplay replay, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        return (await replay.Register(replay.Instant(asOf), published ?? false, reportFormat, ct)).ToResult(reportFormat);
    }

    /// <summary>The deadline view as it read on the day of the instant: filter=open|overdue|this-week|within, within=N days.</summary>
    [WolverineGet("/api/replay/deadlines"), Tags("Replay")]
    public static Task<DeadlinesAsOf> Deadlines(string? asOf, string? filter, int? within, LedgerReplay replay, CancellationToken ct) =>
        replay.Deadlines(replay.Instant(asOf), DeadlineFilters.Parse(filter, within), within ?? DeadlineQueries.DueSoonDays, ct);

    /// <summary>One case's clocks and how their dates had moved, as the deadline view showed them at the instant.</summary>
    [WolverineGet("/api/replay/deadlines/{caseId}"), Tags("Replay")]
    public static Task<CaseDeadlineReport> CaseDeadlines(Guid caseId, string? asOf, LedgerReplay replay, CancellationToken ct) =>
        replay.CaseDeadlines(caseId, replay.Instant(asOf), ct);

    /// <summary>What changed on a stream between two instants: the events recorded in between and every field they changed.</summary>
    [WolverineGet("/api/replay/diff"), Tags("Replay")]
    public static async Task<StreamDiff> Diff(Guid? streamId, string? from, string? to, LedgerReplay replay, PersonalDataAccessLog accessLog, HttpContext http, CancellationToken ct)
    {
        var id = streamId ?? throw new InvalidQuery(new Domain.Law.FieldError("streamId", "streamId を指定してください。", "Give the streamId."));
        var diff = await replay.Diff(id, replay.Instant(from, "from"), replay.Instant(to, "to"), ct);
        await accessLog.Record(http, id, diff, "GET /api/replay/diff", ct);
        return diff;
    }
}
