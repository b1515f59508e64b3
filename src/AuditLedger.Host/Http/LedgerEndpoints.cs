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
    // ---- personal information files (個人情報ファイル, Art. 17) ----

    [WolverinePost("/api/files"), Tags("Files")]
    public static async Task<Created<AppendResult>> RegisterFile(RegisterFile command, LedgerCommands commands) =>
        Created("files", await commands.Append(RequestBody.Required(command)));

    [WolverinePost("/api/files/{fileId}/amendments"), Tags("Files")]
    public static Task<AppendResult> AmendFile(Guid fileId, AmendFile command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    [WolverinePost("/api/files/{fileId}/publication-exemption"), Tags("Files")]
    public static Task<AppendResult> ExemptFile(Guid fileId, ExemptFileFromPublication command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    [WolverinePost("/api/files/{fileId}/withheld-items"), Tags("Files")]
    public static Task<AppendResult> WithholdItems(Guid fileId, WithholdFileItemsFromPublication command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    [WolverinePost("/api/files/{fileId}/retirement"), Tags("Files")]
    public static Task<AppendResult> RetireFile(Guid fileId, RetireFile command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    /// <summary>
    /// 保存期間を経過した保有個人情報の廃棄 (dispose-records): disposes of every record of the file past its retention period,
    /// each with its own RecordErased and its keys destroyed, in one transaction; 422 <c>file.no-records-due-for-disposal</c>
    /// when none can be. The answer lists the records disposed of and those kept with the rule and reason (a case still needs them).
    /// </summary>
    [WolverinePost("/api/files/{fileId}/disposal"), Tags("Files")]
    public static async Task<DisposalResult> DisposeRecords(Guid fileId, DisposeFileRecords command, LedgerCommands commands, IQuerySession session, CancellationToken ct)
    {
        var result = await commands.Append(RequestBody.Required(command) with { FileId = fileId }, ct);
        var events = await session.Events.FetchStreamAsync(fileId, result.Version, token: ct);
        var run = events.Select(e => e.Data).OfType<FileRecordsDisposed>().Last();
        return new DisposalResult(result, run.Disposed, run.Kept);
    }

    [WolverineGet("/api/files/{fileId}"), Tags("Files")]
    public static Task<PersonalInformationFile> GetFile(Guid fileId, IQuerySession session, CancellationToken ct) =>
        Current<PersonalInformationFile>(session, fileId, ct);

    // ---- retained records (保有個人情報) ----

    /// <summary>
    /// The records past their file's retention period (保存期間) on today's Japan date (the injected clock), oldest first, each
    /// with its file, acquisition date, the first day past retention and the cases that still need it (Art. 4(2), 9(1)).
    /// Ids and dates only: no personal data. <c>?fileId=</c> limits it to one file.
    /// </summary>
    [WolverineGet("/api/records/disposal-due"), Tags("Records")]
    public static async Task<IReadOnlyList<DisposalDueRow>> DisposalDue(Guid? fileId, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        [.. (await Erasure.RecordHolds.DisposalDue(session, fileId, Domain.Common.JapanDate.Of(time.GetUtcNow()), ct)).Select(DisposalDueRow.Of)];

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

/// <summary>The answer to dispose-records: the file stream's result, the records disposed of, and those kept with the reason.</summary>
public sealed record DisposalResult(AppendResult Result, IReadOnlyList<Guid> Disposed, IReadOnlyList<DisposalRefusal> Kept);

/// <summary>One row of the disposal-due list (Japan dates; <c>heldBy</c> names the cases that keep the record from disposal).</summary>
public sealed record DisposalDueRow(Guid RecordId, Guid FileId, string FileName, string Retention, DateOnly AcquiredOn, DateOnly DueOn, IReadOnlyList<RecordHold> HeldBy)
{
    public static DisposalDueRow Of((PersonalInformationFile File, DisposalDue Due) row) =>
        new(row.Due.RecordId, row.File.Id, row.File.Items.Name, row.Due.Retention.ToString(), row.Due.AcquiredOn, row.Due.DueOn, row.Due.HeldBy);
}
