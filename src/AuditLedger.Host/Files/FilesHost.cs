namespace AuditLedger.Host.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Register;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

/// <summary>
/// The files module (個人情報ファイル, 第17条; disposal 第4条第2項) in the host: each command's command-line name and route, its
/// Wolverine handler and its HTTP endpoint, in the same order; then the file's queries and the file register (個人情報ファイル簿).
/// Each handler loads what the decision needs and the domain decides; Wolverine's Marten transaction commits the events, or
/// nothing when the command is refused. Errors are problem details (see <see cref="ProblemMapping"/>).
/// </summary>
[Wolverine.Attributes.WolverineHandler]
public static class FilesHost
{
    public static readonly HostModule Module = new(FilesModule.Module,
    [
        new("register-file", typeof(RegisterFile), "POST /api/files",
            "個人情報ファイルの登録 (Art. 17(1)) / register a personal information file", "RegisterPersonalInformationFile"),
        new("amend-file", typeof(AmendFile), "POST /api/files/{fileId}/amendments",
            "個人情報ファイル簿の変更 (Art. 17(1)) / amend a file's register items", "AmendPersonalInformationFile"),
        new("exempt-file-from-publication", typeof(ExemptFileFromPublication), "POST /api/files/{fileId}/publication-exemption",
            "ファイル簿への不掲載 (Art. 17(2), 17(3)) / keep a file out of the published register", "exempt-file"),
        new("withhold-file-items-from-publication", typeof(WithholdFileItemsFromPublication), "POST /api/files/{fileId}/withheld-items",
            "一部事項の不記載 (Art. 17(3)) / withhold items from the published register", "withhold-file-items"),
        new("extend-retention-period", typeof(ExtendRetentionPeriod), "POST /api/files/{fileId}/retention-extensions",
            "保存期間の延長 (Art. 17(1), 4(2)) / extend a file's retention period"),
        new("retire-file", typeof(RetireFile), "POST /api/files/{fileId}/retirement",
            "個人情報ファイルの廃止 (Art. 4(2)) / retire a file", "RetirePersonalInformationFile"),
        new("dispose-file-records", typeof(DisposeFileRecords), "POST /api/files/{fileId}/disposal",
            "保存期間を経過した保有個人情報の廃棄 (Art. 4(2); Nagareyama) / dispose of a file's records past retention", "dispose-records"),
        new("notify-file-to-mayor", typeof(NotifyFileToMayor), "POST /api/files/{fileId}/notifications",
            "個人情報を取り扱う事務の市長への届出 (no article numbers; Nagareyama overview 実施機関が個人情報を取り扱う場合の主なルール; where the profile requires it) / notify the mayor of a file's 事務", "notify-affair"),
    ]);

    // ---- register a file (第17条第1項) ----

    public static AppendResult Handle(RegisterFile command, IDocumentSession session, TimeProvider time)
    {
        var id = LedgerAppender.NewStreamId(command.FileId, time);
        return LedgerAppender.Start<PersonalInformationFile>(session, command, id, command.Decide(id, time.GetUtcNow()));
    }

    [WolverinePost("/api/files"), Tags("Files")]
    public static async Task<Created<AppendResult>> PostRegisterFile(RegisterFile command, LedgerCommands commands) =>
        Created("files", await commands.Append(RequestBody.Required(command)));

    // ---- notify the mayor of the 事務 a file serves (届出; 流山市：概要の節、条番号なし) ----

    /// <summary>The law in force is the tenant's (its session's): its profile's recordPolicies say whether a 届出 exists and what it cites.</summary>
    public static Task<AppendResult> Handle(NotifyFileToMayor command, IDocumentSession session, TimeProvider time, LedgerJurisdictions jurisdictions, CancellationToken ct)
    {
        var policies = jurisdictions.ForTenant(session.TenantId).RecordPolicies;
        var now = time.GetUtcNow();
        return LedgerAppender.Append<PersonalInformationFile>(session, command, file => command.Decide(file, now, policies), ct);
    }

    [WolverinePost("/api/files/{fileId}/notifications"), Tags("Files")]
    public static Task<AppendResult> PostNotifyFileToMayor(Guid fileId, NotifyFileToMayor command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    /// <summary>The list of 届出 for the 情報公開コーナー (public): the body of <c>?tenant=</c>, else the default body. format=json|csv|html|xlsx.</summary>
    [WolverineGet("/api/notifications"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> Notifications(string? format, IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        NotificationList.Render(session, ReportFormats.Parse(format), jurisdictions, time.GetUtcNow(), ct);

    /// <summary>The list of 届出 as a printable page.</summary>
    [WolverineGet("/notifications.html"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> NotificationsHtml(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        NotificationList.Render(session, ReportFormat.Html, jurisdictions, time.GetUtcNow(), ct);

    /// <summary>The list of 届出 as CSV for Excel (UTF-8 with BOM).</summary>
    [WolverineGet("/notifications.csv"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> NotificationsCsv(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        NotificationList.Render(session, ReportFormat.Csv, jurisdictions, time.GetUtcNow(), ct);

    /// <summary>The list of 届出 as an Excel workbook.</summary>
    [WolverineGet("/notifications.xlsx"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> NotificationsXlsx(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        NotificationList.Render(session, ReportFormat.Xlsx, jurisdictions, time.GetUtcNow(), ct);

    // ---- amend a file's register items (第17条第1項) ----

    public static Task<AppendResult> Handle(AmendFile command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/files/{fileId}/amendments"), Tags("Files")]
    public static Task<AppendResult> PostAmendFile(Guid fileId, AmendFile command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    // ---- keep a file out of the published register (第17条第2項・第3項) ----

    public static Task<AppendResult> Handle(ExemptFileFromPublication command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/files/{fileId}/publication-exemption"), Tags("Files")]
    public static Task<AppendResult> PostExemptFileFromPublication(Guid fileId, ExemptFileFromPublication command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    // ---- withhold items from the published register (第17条第3項) ----

    public static Task<AppendResult> Handle(WithholdFileItemsFromPublication command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/files/{fileId}/withheld-items"), Tags("Files")]
    public static Task<AppendResult> PostWithholdFileItemsFromPublication(Guid fileId, WithholdFileItemsFromPublication command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    // ---- extend a file's retention period (第17条第1項, 第4条第2項) ----

    public static Task<AppendResult> Handle(ExtendRetentionPeriod command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/files/{fileId}/retention-extensions"), Tags("Files")]
    public static Task<AppendResult> PostExtendRetentionPeriod(Guid fileId, ExtendRetentionPeriod command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    // ---- retire a file (第4条第2項) ----

    public static Task<AppendResult> Handle(RetireFile command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/files/{fileId}/retirement"), Tags("Files")]
    public static Task<AppendResult> PostRetireFile(Guid fileId, RetireFile command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { FileId = fileId });

    // ---- dispose of a file's records past retention (第4条第2項; 流山市) ----

    /// <summary>
    /// 保存期間を経過した保有個人情報の廃棄: every record of the file past retention (Japan date of the injected clock) gets its own
    /// RecordErased and loses its stream keys, in one transaction with the file's FileRecordsDisposed; records a case still
    /// needs are kept and listed with the reason. See <see cref="DisposeFileRecords"/>.
    /// </summary>
    public static async Task<AppendResult> Handle(DisposeFileRecords command, IDocumentSession session, TimeProvider time, Erasure.SubjectKeyStore keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await Erasure.RecordHolds.DisposalDue(session, command.FileId, JapanDate.Of(now), ct);
        var records = (await session.LoadManyAsync<RetainedRecord>(ct, [.. due.Select(d => d.Due.RecordId)])).ToDictionary(r => r.Id);
        var inRun = records.Keys.ToHashSet();
        var held = await Erasure.RecordHolds.HeldRecordsOf(session, [.. records.Values.Select(r => r.DataSubjectId)], ct);
        var personWide = records.Values.Select(r => r.DataSubjectId).Distinct().ToDictionary(s => s, s => keys.Find(s) is not null);
        DisposalOutcome outcome = null!;
        var result = await LedgerAppender.Append<PersonalInformationFile>(session, command, file =>
        {
            outcome = command.Decide(file, [.. due.Select(d => (d.Due, records[d.Due.RecordId]))],
                record => ([.. held[record.DataSubjectId].Where(r => !inRun.Contains(r.Id))], personWide[record.DataSubjectId]), now);
            return [outcome.Run];
        }, ct);
        foreach (var (record, plan, erased) in outcome.Disposed)
        {
            session.Events.Append(record.Id, record.Version + 1, erased);
            Erasure.KeyDestruction.Queue(session, keys, record.DataSubjectId, plan);
        }
        return result;
    }

    /// <summary>
    /// 保存期間を経過した保有個人情報の廃棄 (dispose-records): disposes of every record of the file past its retention period,
    /// each with its own RecordErased and its keys destroyed, in one transaction; 422 <c>file.no-records-due-for-disposal</c>
    /// when none can be. The answer lists the records disposed of and those kept with the rule and reason (a case still needs them).
    /// </summary>
    [WolverinePost("/api/files/{fileId}/disposal"), Tags("Files")]
    public static async Task<DisposalResult> PostDisposeFileRecords(Guid fileId, DisposeFileRecords command, LedgerCommands commands, IQuerySession session, CancellationToken ct)
    {
        var result = await commands.Append(RequestBody.Required(command) with { FileId = fileId }, ct);
        return await DisposalOf(result, session, ct);
    }

    /// <summary>What a disposal run appended (its result) did: the records disposed of and those kept with the reason, read from its FileRecordsDisposed.</summary>
    public static async Task<DisposalResult> DisposalOf(AppendResult result, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(result.StreamId, result.Version, token: ct);
        var run = events.Select(e => e.Data).OfType<FileRecordsDisposed>().Last();
        return new DisposalResult(result, run.Disposed, run.Kept);
    }

    // ---- queries: the file, the records due for disposal ----

    [WolverineGet("/api/files/{fileId}"), Tags("Files")]
    public static async Task<PersonalInformationFile> GetFile(Guid fileId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<PersonalInformationFile>(fileId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<PersonalInformationFile>(), fileId);

    /// <summary>
    /// The records past their file's retention period (保存期間) on today's Japan date (the injected clock), oldest first, each
    /// with its file, acquisition date, the first day past retention and the cases that still need it (Art. 4(2), 9(1)).
    /// Ids and dates only: no personal data. <c>?fileId=</c> limits it to one file.
    /// </summary>
    [WolverineGet("/api/records/disposal-due"), Tags("Records")]
    public static async Task<IReadOnlyList<DisposalDueRow>> DisposalDue(Guid? fileId, IQuerySession session, TimeProvider time, CancellationToken ct) =>
        [.. (await Erasure.RecordHolds.DisposalDue(session, fileId, JapanDate.Of(time.GetUtcNow()), ct)).Select(DisposalDueRow.Of)];

    // ---- queries: the file register (個人情報ファイル簿, 第17条) ----

    /// <summary>The internal register: every file, every item, status, exemption and withholding with their reasons, and the history of changes. format=json|csv|html|xlsx.</summary>
    [WolverineGet("/api/register"), Tags("Register")]
    public static Task<IResult> InternalRegister(string? format, IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormats.Parse(format), jurisdictions, time, ct);

    /// <summary>The published register: files exempt under 17(2) left out, items withheld under 17(3) blank. format=json|csv|html|xlsx.</summary>
    [WolverineGet("/api/register/published"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedRegister(string? format, IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormats.Parse(format), jurisdictions, time, ct);

    /// <summary>One file's internal register entry with its history.</summary>
    [WolverineGet("/api/register/files/{fileId}"), Tags("Register")]
    public static Task<FileRegisterEntry> RegisterEntry(Guid fileId, IQuerySession session, CancellationToken ct) =>
        LedgerReports.RegisterEntry(session, fileId, ct);

    /// <summary>The published register as CSV for Excel (UTF-8 with BOM).</summary>
    [WolverineGet("/register/published.csv"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedCsv(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormat.Csv, jurisdictions, time, ct);

    /// <summary>The published register as a printable page.</summary>
    [WolverineGet("/register/published.html"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedHtml(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormat.Html, jurisdictions, time, ct);

    /// <summary>The published register as an Excel workbook (typed cells, text never read as a formula).</summary>
    [WolverineGet("/register/published.xlsx"), Tags("Register"), AllowAnonymous]
    public static Task<IResult> PublishedXlsx(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: true, ReportFormat.Xlsx, jurisdictions, time, ct);

    /// <summary>The internal register as CSV for Excel (UTF-8 with BOM).</summary>
    [WolverineGet("/register/internal.csv"), Tags("Register")]
    public static Task<IResult> InternalCsv(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormat.Csv, jurisdictions, time, ct);

    /// <summary>The internal register as an Excel workbook.</summary>
    [WolverineGet("/register/internal.xlsx"), Tags("Register")]
    public static Task<IResult> InternalXlsx(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormat.Xlsx, jurisdictions, time, ct);

    /// <summary>The internal register as a printable page.</summary>
    [WolverineGet("/register/internal.html"), Tags("Register")]
    public static Task<IResult> InternalHtml(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        Register(session, published: false, ReportFormat.Html, jurisdictions, time, ct);

    private static async Task<IResult> Register(IQuerySession session, bool published, ReportFormat format, LedgerJurisdictions jurisdictions,
        TimeProvider time, CancellationToken ct) =>
        (await LedgerReports.RenderRegister(session, published, format, time.GetUtcNow(), jurisdictions.ForTenant(session.TenantId), ct)).ToResult(format);

    private static Created<AppendResult> Created(string collection, AppendResult result) =>
        TypedResults.Created($"/api/{collection}/{result.StreamId}", result);
}

/// <summary>The answer to dispose-records: the file stream's result, the records disposed of, and those kept with the reason.</summary>
public sealed record DisposalResult(AppendResult Result, IReadOnlyList<Guid> Disposed, IReadOnlyList<DisposalRefusal> Kept);

/// <summary>One row of the disposal-due list (Japan dates; <c>heldBy</c> names the cases that keep the record from disposal).</summary>
public sealed record DisposalDueRow(Guid RecordId, Guid FileId, string FileName, string Retention, DateOnly AcquiredOn, DateOnly DueOn, IReadOnlyList<RecordHold> HeldBy)
{
    public static DisposalDueRow Of((PersonalInformationFile File, DisposalDue Due) row) =>
        new(row.Due.RecordId, row.File.Id, row.File.Items.Name, row.Due.Retention.ToString(), row.Due.AcquiredOn, row.Due.DueOn, row.Due.HeldBy);
}
