namespace AuditLedger.Host.Records;

using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Provisions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Attributes;
using Wolverine.Http;

/// <summary>The records module (保有個人情報, 第4条～第13条, 第15条, 第40条) in the host: each command's handler, HTTP endpoint and command-line name, in the same order.</summary>
[WolverineHandler]
public static class RecordsHost
{
    public static readonly HostModule Module = new(RecordsModule.Module,
    [
        new("acquire-record", typeof(AcquireRecord), "POST /api/records",
            "保有個人情報の取得 (Art. 2(5), 4(1), 4(2), 5, 17(1)(3), 17(1)(6)) / acquire a record into a registered file", "RecordAcquisition"),
        new("change-record-purpose", typeof(ChangeRecordPurpose), "POST /api/records/{recordId}/purpose-changes",
            "利用目的の変更 (Art. 4(3)) / change a record's purpose", "change-purpose"),
        new("use-record-outside-purpose", typeof(UseRecordOutsidePurpose), "POST /api/records/{recordId}/outside-purpose-uses",
            "目的外利用 (Art. 12(1), 12(2), 12(4), 12(5)) / use a record outside its purpose", "use-outside-purpose", "RecordPurposeExternalUse"),
        new("provide-record", typeof(ProvideRecord), "POST /api/records/{recordId}/provisions",
            "提供 (Art. 12, 12(5), 13, 15(1); My Number Act Art. 19) / provide a record", "RecordProvision"),
        new("correct-record", typeof(CorrectRecord), "POST /api/records/{recordId}/corrections",
            "訂正の実施 (Art. 34(1), 37) / correct a record under a correction decision", "RecordCorrection"),
        new("suspend-record-use", typeof(SuspendRecordUse), "POST /api/records/{recordId}/use-suspensions",
            "利用停止の実施 (Art. 40, 41) / suspend the use of a record", "suspend-use"),
        new("stop-record-provision", typeof(StopRecordProvision), "POST /api/records/{recordId}/provision-stops",
            "提供の停止 (Art. 38(1)(2), 40) / stop providing a record", "stop-provision"),
        new("erase-record", typeof(EraseRecord), "POST /api/records/{recordId}/erasure",
            "消去・廃棄 (Art. 40, 4(2); Nagareyama) / erase a record"),
    ]);

    // ---- acquire a record (第4条, 第5条, 第17条第1項) ----

    /// <summary>The law in force is the tenant's (its session's): its profile's recordPolicies switch on its own rules (e.g. Nagareyama's 本人収集).</summary>
    public static async Task<AppendResult> Handle(AcquireRecord command, IDocumentSession session, TimeProvider time, LedgerJurisdictions jurisdictions, CancellationToken ct)
    {
        var file = await session.LoadAsync<PersonalInformationFile>(command.FileId, ct);
        var id = LedgerAppender.NewStreamId(command.RecordId, time);
        var policies = jurisdictions.ForTenant(session.TenantId).RecordPolicies;
        return LedgerAppender.Start<RetainedRecord>(session, command, id, command.Decide(id, file, time.GetUtcNow(), policies));
    }

    [WolverinePost("/api/records"), Tags("Records")]
    public static async Task<Created<AppendResult>> PostAcquireRecord(AcquireRecord command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/records/{result.StreamId}", result);
    }

    // ---- change a record's purpose (第4条第3項) ----

    public static Task<AppendResult> Handle(ChangeRecordPurpose command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/records/{recordId}/purpose-changes"), Tags("Records")]
    public static Task<AppendResult> PostChangeRecordPurpose(Guid recordId, ChangeRecordPurpose command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    // ---- use a record outside its purpose (第12条) ----

    public static Task<AppendResult> Handle(UseRecordOutsidePurpose command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/records/{recordId}/outside-purpose-uses"), Tags("Records")]
    public static Task<AppendResult> PostUseRecordOutsidePurpose(Guid recordId, UseRecordOutsidePurpose command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    /// <summary>The route's former name, kept for the clients that use it: deprecated, its answers name the successor.</summary>
    [WolverinePost("/api/records/{recordId}/purpose-external-uses"), Tags("Records"), DeprecatedRoute("/api/records/{recordId}/outside-purpose-uses")]
    public static Task<AppendResult> PostUseRecordOutsidePurposeUnderFormerRoute(Guid recordId, UseRecordOutsidePurpose command, LedgerCommands commands) =>
        PostUseRecordOutsidePurpose(recordId, command, commands);

    // ---- provide a record (第12条, 第13条, 第15条) ----

    /// <summary>The tenant's profile may require more of a provision (e.g. Nagareyama's 委託: the contractor's protective measures).</summary>
    public static Task<AppendResult> Handle(ProvideRecord command, IDocumentSession session, TimeProvider time, LedgerJurisdictions jurisdictions, CancellationToken ct)
    {
        var policies = jurisdictions.ForTenant(session.TenantId).RecordPolicies;
        var now = time.GetUtcNow();
        return LedgerAppender.Append<RetainedRecord>(session, command, record => command.Decide(record, now, policies), ct);
    }

    [WolverinePost("/api/records/{recordId}/provisions"), Tags("Records")]
    public static Task<AppendResult> PostProvideRecord(Guid recordId, ProvideRecord command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    // ---- correct a record under a correction decision (第34条第1項, 第37条) ----

    public static Task<AppendResult> Handle(CorrectRecord command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/records/{recordId}/corrections"), Tags("Records")]
    public static Task<AppendResult> PostCorrectRecord(Guid recordId, CorrectRecord command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    // ---- suspend the use of a record (第40条, 第41条) ----

    public static Task<AppendResult> Handle(SuspendRecordUse command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/records/{recordId}/use-suspensions"), Tags("Records")]
    public static Task<AppendResult> PostSuspendRecordUse(Guid recordId, SuspendRecordUse command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    // ---- stop providing a record (第38条第1項第2号, 第40条) ----

    public static Task<AppendResult> Handle(StopRecordProvision command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/records/{recordId}/provision-stops"), Tags("Records")]
    public static Task<AppendResult> PostStopRecordProvision(Guid recordId, StopRecordProvision command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    // ---- erase a record (第40条; 第4条第2項, 流山市：不要となった個人情報の廃棄) ----

    /// <summary>
    /// Erasure by crypto-shredding: appends RecordErased and, in the same transaction, deletes the data keys the domain's
    /// <see cref="ErasureScope"/> names: the record's stream keys alone, or (an Art. 40 decision covering all) every
    /// record of the person erased and every key of the person destroyed. Every value sealed under those keys reads as
    /// erased from then on while the stored events stay unchanged.
    /// </summary>
    public static async Task<AppendResult> Handle(EraseRecord command, IDocumentSession session, TimeProvider time, Erasure.SubjectKeyStore keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        RetainedRecord erased = null!;
        var result = await LedgerAppender.Append<RetainedRecord>(session, command, record =>
        {
            erased = record;
            return command.Decide(record, now);
        }, ct);
        var subject = erased.DataSubjectId;
        var others = (await Erasure.RecordHolds.HeldRecordsOf(session, [subject], ct))[subject].Where(r => r.Id != erased.Id).ToList();
        var holds = await Erasure.RecordHolds.For(session, [.. others.Select(r => r.Id).Prepend(erased.Id)], ct);
        var plan = ErasureScope.Decide(command, erased, others, holds, keys.Find(subject) is not null);
        foreach (var other in others.Where(o => plan.RecordIds.Contains(o.Id)))
            // The key, if any, is recorded once, with the result of the record the command names.
            await LedgerAppender.Append(session, command with { RecordId = other.Id, ExpectedVersion = other.Version, IdempotencyKey = null }, now, ct);
        Erasure.KeyDestruction.Queue(session, keys, subject, plan);
        return result;
    }

    [WolverinePost("/api/records/{recordId}/erasure"), Tags("Records")]
    public static Task<AppendResult> PostEraseRecord(Guid recordId, EraseRecord command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { RecordId = recordId });

    // ---- read a record and its provision recipients (第13条, 第37条) ----

    [WolverineGet("/api/records/{recordId}"), Tags("Records")]
    public static async Task<RetainedRecord> GetRecord(Guid recordId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RetainedRecord>(recordId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<RetainedRecord>(), recordId);

    /// <summary>Records of a file or of a data subject (本人ID), without personal data.</summary>
    [WolverineGet("/api/records"), Tags("Records")]
    public static Task<RecordSearchResult> GetRecords(Guid? fileId, Guid? dataSubjectId, IQuerySession session, CancellationToken ct) =>
        RecordSearch.By(session, fileId, dataSubjectId, ct);

    /// <summary>
    /// 氏名検索: the records of the persons with this name, and the request cases where they are the requester, through the
    /// keyed blind index (the name in the body, never in the URL; nothing of the name is shown back, no ledger command). Who
    /// was found is personal data: the caller states why (X-Access-Purpose) and each person's read is recorded first (第9条).
    /// </summary>
    [WolverinePost("/api/records/name-search"), Tags("Records"), Access.AppendsNothing]
    public static async Task<RecordSearchResult> PostNameSearch(NameSearch search, IQuerySession session, Erasure.NameSearchIndex index,
        Access.PersonalDataAccessLog accessLog, HttpContext http, CancellationToken ct)
    {
        var result = await RecordSearch.ByName(session, index, RequestBody.Required(search).Name ?? "", ct);
        if (result.Matches.Count > 0) await RecordSearch.RecordReads(accessLog, Access.Reader.From(http), result, "POST /api/records/name-search", ct);
        return result;
    }

    /// <summary>The recipients of a record's provisions, with the Art. 13 restrictions requested, active or stopped.</summary>
    [WolverineGet("/api/records/{recordId}/recipients"), Tags("Records")]
    public static Task<ProvisionRecipients> GetRecordRecipients(Guid recordId, IQuerySession session, CancellationToken ct) =>
        LedgerReports.Recipients(session, recordId, ct);
}
