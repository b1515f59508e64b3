namespace AuditLedger.Host.Records.Pages;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Access;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>The 目的外利用 form (第12条): why, on which ground of the Art. 12 table, in concrete terms, the proviso judgement, the Art. 12(4) restriction.</summary>
public sealed class UseForm
{
    public string Purpose { get; set; } = "";
    public UseGround? Ground { get; set; }
    public string GroundDetail { get; set; } = "";
    public bool NoUnjustInfringementConfirmed { get; set; }
    public string? RestrictedTo { get; set; }
}

/// <summary>The 提供 form (第12条, 第13条): the recipient, why, the ground, the Art. 13 measures requested, the proviso judgement.</summary>
public sealed class ProvideForm
{
    public string RecipientName { get; set; } = "";
    public RecipientKind? RecipientKind { get; set; }
    public string Purpose { get; set; } = "";
    public UseGround? Ground { get; set; }
    public string GroundDetail { get; set; } = "";
    public List<string> Measures { get; set; } = [];
    public string? OtherMeasures { get; set; }
    public bool NoUnjustInfringementConfirmed { get; set; }
}

/// <summary>The forms executing a decision: 訂正 (第34条第1項), 利用停止 (第40条), 消去 (第40条), 廃棄 (第4条第2項), 提供の停止 (第38条第1項第2号).</summary>
public sealed class DecisionForm
{
    public string DecisionReference { get; set; } = "";
    /// <summary>訂正: the kind of the corrected personal data.</summary>
    public PersonalDataKind? Kind { get; set; }
    /// <summary>訂正: the corrected content.</summary>
    public string? Value { get; set; }
    /// <summary>消去・廃棄: how it was erased.</summary>
    public string Method { get; set; } = "";
    /// <summary>消去: the Art. 40 decision covers every held record of the person.</summary>
    public bool EraseAllHeldRecordsOfThePerson { get; set; }
    /// <summary>提供の停止: the recipient, by its place in the record's active recipients.</summary>
    public int? Recipient { get; set; }
}

/// <summary>One event of the record's history as the timeline shows it: no personal data (that needs a stated purpose).</summary>
public sealed record TimelineEntry(long Version, string Label, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Actor Actor, string Article, IReadOnlyList<string> Details);

/// <summary>A value of personal data the record's events carry, shown after a stated purpose (the read recorded first).</summary>
public sealed record ShownPersonalData(long Version, string Event, PersonalData Data);

/// <summary>
/// 保有個人情報 (/records/{id}): the record's facts, its history, its personal data after a stated purpose (閲覧目的, the read
/// recorded first: 第9条), and one form per action its present state allows: 目的外利用 (第12条), 提供 (第12条・第13条), 訂正
/// (第34条第1項), 利用停止 (第40条), 提供の停止 (第38条第1項第2号), 消去 (第40条), 廃棄 (第4条第2項). Each form carries the
/// version it was read at; a refusal re-shows the form with the rule, its article and what to do, and nothing is appended.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class RecordModel(IQuerySession session, LedgerCommands commands, PersonalDataAccessLog accessLog) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>The version the form was read at (the command's expected version).</summary>
    [BindProperty]
    public long? ExpectedVersion { get; set; }

    [BindProperty]
    public UseForm Use { get; set; } = new();

    [BindProperty]
    public ProvideForm Provide { get; set; } = new();

    [BindProperty]
    public DecisionForm Decision { get; set; } = new();

    /// <summary>閲覧目的 for showing the personal data.</summary>
    [BindProperty]
    public string ReadPurpose { get; set; } = "";

    /// <summary>What was done, after a successful form (shown as a notice): the handler's name.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public RetainedRecord Record { get; private set; } = null!;
    public PersonalInformationFile? RecordFile { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>The personal data, once a purpose was stated and the read recorded; null before.</summary>
    public IReadOnlyList<ShownPersonalData>? Shown { get; private set; }
    public string? ReadPurposeError { get; private set; }

    /// <summary>The refusal of the form named by <see cref="Refused"/> (use, provide, correct, suspend, stop, erase, dispose).</summary>
    public FormRefusal? Refusal { get; private set; }
    public string? Refused { get; private set; }

    private StreamHistory _history = null!;

    /// <summary>The version the forms carry: the one posted when a form was refused (so a stale form stays stale), else the current one.</summary>
    public long FormVersion => Refusal is not null && ExpectedVersion is { } posted ? posted : Record.Version;

    public bool CanUse => Record.Status == RecordStatus.Held;
    public bool CanProvide => Record.Status == RecordStatus.Held;
    public bool CanCorrect => Record.Status != RecordStatus.Erased;
    public bool CanSuspend => Record.Status == RecordStatus.Held;
    public bool CanStopProvision => Record.Status != RecordStatus.Erased && Record.ActiveRecipients.Count > 0;
    public bool CanErase => Record.Status != RecordStatus.Erased;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Load(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        var user = Navigation.CurrentUser(HttpContext)!;
        string purpose;
        try
        {
            purpose = Reader.StatedPurpose(ReadPurpose, nameof(ReadPurpose));
        }
        catch (InvalidCommand e)
        {
            ReadPurposeError = e.Errors[0].Japanese;
            return Page();
        }
        // Recorded first: if the read cannot be recorded, nothing is shown (第9条).
        await accessLog.Record(new Reader(user.StaffId, user.Role, purpose) { Principal = user }, Id, _history.Events, "web /records/{id}", ct);
        Shown = [.. _history.Events.SelectMany(e => PersonalDataOf(e.Data).Select(d => new ShownPersonalData(e.Version, RecordTerms.Event(e.Data), d)))];
        return Page();
    }

    public Task<IActionResult> OnPostUseAsync(CancellationToken ct) => Send("use", new UseRecordOutsidePurpose
    {
        RecordId = Id,
        ExpectedVersion = ExpectedVersion,
        Purpose = Use.Purpose ?? "",
        Ground = Use.Ground,
        GroundDetail = Use.GroundDetail ?? "",
        NoUnjustInfringementConfirmed = Use.NoUnjustInfringementConfirmed,
        RestrictedTo = Use.RestrictedTo,
    }, ct);

    public Task<IActionResult> OnPostProvideAsync(CancellationToken ct) => Send("provide", new ProvideRecord
    {
        RecordId = Id,
        ExpectedVersion = ExpectedVersion,
        Recipient = Provide.RecipientKind is { } kind || !string.IsNullOrWhiteSpace(Provide.RecipientName)
            ? new Recipient((Provide.RecipientName ?? "").Trim(), Provide.RecipientKind ?? RecipientKind.Other) : null,
        Purpose = Provide.Purpose ?? "",
        Ground = Provide.Ground,
        GroundDetail = Provide.GroundDetail ?? "",
        SafeguardsRequested = [.. Provide.Measures.Where(RecordTerms.Article13Measures.Contains),
            .. (Provide.OtherMeasures ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        NoUnjustInfringementConfirmed = Provide.NoUnjustInfringementConfirmed,
    }, ct);

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        // The corrected content is about the record's own person: the person comes from the record, never from the form.
        var subject = (await session.LoadAsync<RetainedRecord>(Id, ct))?.DataSubjectId ?? Guid.Empty;
        return await Send("correct", new CorrectRecord
        {
            RecordId = Id,
            ExpectedVersion = ExpectedVersion,
            DecisionReference = Decision.DecisionReference ?? "",
            Correction = Decision.Kind is { } kind && !string.IsNullOrWhiteSpace(Decision.Value) ? [new PersonalData(subject, kind, Decision.Value.Trim())] : [],
        }, ct);
    }

    public Task<IActionResult> OnPostSuspendAsync(CancellationToken ct) => Send("suspend", new SuspendRecordUse
    {
        RecordId = Id,
        ExpectedVersion = ExpectedVersion,
        DecisionReference = Decision.DecisionReference ?? "",
    }, ct);

    public async Task<IActionResult> OnPostStopAsync(CancellationToken ct)
    {
        var recipients = (await session.LoadAsync<RetainedRecord>(Id, ct))?.ActiveRecipients ?? [];
        return await Send("stop", new StopRecordProvision
        {
            RecordId = Id,
            ExpectedVersion = ExpectedVersion,
            DecisionReference = Decision.DecisionReference ?? "",
            Recipient = Decision.Recipient is { } i && i >= 0 && i < recipients.Count ? recipients[i] : null,
        }, ct);
    }

    public Task<IActionResult> OnPostEraseAsync(CancellationToken ct) => Send("erase", new EraseRecord
    {
        RecordId = Id,
        ExpectedVersion = ExpectedVersion,
        Reason = ErasureReason.ErasureDecision,
        DecisionReference = Decision.DecisionReference ?? "",
        Method = Decision.Method ?? "",
        EraseAllHeldRecordsOfThePerson = Decision.EraseAllHeldRecordsOfThePerson,
    }, ct);

    public Task<IActionResult> OnPostDisposeAsync(CancellationToken ct) => Send("dispose", new EraseRecord
    {
        RecordId = Id,
        ExpectedVersion = ExpectedVersion,
        Reason = ErasureReason.NoLongerNeeded,
        DecisionReference = Decision.DecisionReference ?? "",
        Method = Decision.Method ?? "",
    }, ct);

    private async Task<IActionResult> Send(string form, LedgerCommand command, CancellationToken ct)
    {
        var (_, refusal) = await commands.Send(command, ct);
        if (refusal is null) return Redirect($"/records/{Id}?done={form}");
        if (!await Load(ct)) return NotFound();
        (Refusal, Refused) = (refusal, form);
        return Page();
    }

    /// <summary>The message for a field of the refused form, when the refusal names it.</summary>
    public FieldError? ErrorFor(string form, string field) => Refused == form ? Refusal?.For(field) : null;

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Record = await RecordsHost.GetRecord(Id, session, ct);
        }
        catch (StreamNotFound)
        {
            return false;
        }
        RecordFile = await session.LoadAsync<PersonalInformationFile>(Record.FileId, ct);
        _history = await StreamHistoryQuery.Load(session, Id, ct);
        Timeline = [.. _history.Events.Where(e => e.Data is ILedgerEvent).Select(e =>
        {
            var context = ((ILedgerEvent)e.Data).Context;
            return new TimelineEntry(e.Version, RecordTerms.Event(e.Data), context.OccurredAt, e.RecordedAt, context.Actor, context.Ground.Article.Japanese, Details(e.Data));
        })];
        return true;
    }

    private static IReadOnlyList<PersonalData> PersonalDataOf(object data) => data switch
    {
        RecordAcquired e => e.PersonalData,
        RecordCorrected e => e.Correction,
        _ => [],
    };

    /// <summary>What the timeline says of an event, besides who, when and the article: never its personal data.</summary>
    private static IReadOnlyList<string> Details(object data) => data switch
    {
        RecordAcquired e => [$"利用目的: {e.PurposeOfUse}"],
        RecordPurposeChanged e => [$"変更後の利用目的: {e.NewPurpose}", $"相当の関連性: {e.ReasonableRelation}"],
        RecordUsedOutsidePurpose e =>
        [
            $"利用の目的: {e.Purpose}", $"根拠: {RecordTerms.Ground(e.Ground)}", $"根拠の内容: {e.GroundDetail}",
            .. e.RestrictedTo is null ? Array.Empty<string>() : [$"利用の制限（第12条第4項）: {e.RestrictedTo}"],
        ],
        RecordProvided e =>
        [
            $"提供先: {e.Recipient.Name}（{RecordTerms.RecipientKind(e.Recipient.Kind)}）", $"提供の目的: {e.Purpose}", $"根拠: {RecordTerms.Ground(e.Ground)}",
            $"根拠の内容: {e.GroundDetail}", $"求めた措置（第13条）: {(e.SafeguardsRequested.Count == 0 ? "なし" : string.Join("、", e.SafeguardsRequested))}",
        ],
        RecordCorrected e => [$"決定: {e.DecisionReference}", $"訂正の通知先（第37条）: {e.RecipientsToNotify.Count}件"],
        RecordUseSuspended e => [$"決定: {e.DecisionReference}"],
        RecordProvisionStopped e => [$"決定: {e.DecisionReference}", $"提供先: {e.Recipient.Name}"],
        RecordErased e => [$"方法: {e.Method}", .. e.DecisionReference is null ? Array.Empty<string>() : [$"決定: {e.DecisionReference}"]],
        _ => [],
    };
}
