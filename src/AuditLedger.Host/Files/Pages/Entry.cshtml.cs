namespace AuditLedger.Host.Files.Pages;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Web;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// One file's register entry (個人情報ファイル簿, 第17条) with its history, and a form for each step its present state allows:
/// 変更 (<see cref="AmendFile"/>, 第17条第1項), 公表の適用除外 (<see cref="ExemptFileFromPublication"/>, 第17条第2項),
/// 記載しない事項 (<see cref="WithholdFileItemsFromPublication"/>, 第17条第3項), 保存期間の延長 (<see cref="ExtendRetentionPeriod"/>),
/// 廃止 (<see cref="RetireFile"/>, 第4条第2項) while the file is held, and 廃棄 (<see cref="DisposeFileRecords"/>, 第4条第2項)
/// while records are past retention. Each form carries the entry's version as the command's expected version, so a change
/// made meanwhile comes back as a conflict; a refusal re-shows what was typed with the rule and its article, nothing appended.
/// Reads: the register projection (<see cref="LedgerReports.RegisterEntry"/>) and the disposal-due query (<see cref="FilesHost.DisposalDue"/>), as the API.
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class EntryModel(IQuerySession session, LedgerCommands commands, TimeProvider time) : PageModel
{
    /// <summary>The forms of this page, by handler name.</summary>
    public static class Forms
    {
        public const string Amend = "Amend";
        public const string Exempt = "Exempt";
        public const string Withhold = "Withhold";
        public const string Extend = "Extend";
        public const string Retire = "Retire";
        public const string Dispose = "Dispose";
    }

    /// <summary>What a successful step says after the redirect (?done=…), with its article.</summary>
    public static readonly IReadOnlyDictionary<string, string> Done = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["register"] = "個人情報ファイル簿に登録しました（第17条第1項）。",
        [Forms.Amend] = "個人情報ファイル簿の記載事項の変更を記録しました（第17条第1項）。",
        [Forms.Exempt] = "公表の適用除外を記録しました。公表用のファイル簿には掲載されません（第17条第2項・第3項）。",
        [Forms.Withhold] = "記載しない事項を記録しました。公表用のファイル簿では空欄になります（第17条第3項）。",
        [Forms.Extend] = "保存期間の延長を記録しました（第17条第1項、第4条第2項）。",
        [Forms.Retire] = "個人情報ファイルの廃止を記録しました（第4条第2項）。",
        [Forms.Dispose] = "保存期間を経過した保有個人情報の廃棄を記録しました（第4条第2項）。",
    };

    /// <summary>The event each change of the register's history is, so that it is named as its module names it (<see cref="CaseLabels.Event"/>).</summary>
    private static readonly IReadOnlyDictionary<RegisterChange, Type> ChangeEvents = new Dictionary<RegisterChange, Type>
    {
        [RegisterChange.Registered] = typeof(FileRegistered),
        [RegisterChange.Amended] = typeof(FileAmended),
        [RegisterChange.ExemptedFromPublication] = typeof(FileExemptedFromPublication),
        [RegisterChange.ItemsWithheld] = typeof(FileItemsWithheldFromPublication),
        [RegisterChange.Retired] = typeof(FileRetired),
        [RegisterChange.RetentionPeriodExtended] = typeof(RetentionPeriodExtended),
    };

    public static string ChangeLabel(RegisterChange change) => CaseLabels.Event(ChangeEvents[change]);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public long? ExpectedVersion { get; set; }

    [BindProperty]
    public RegisterItemsForm Items { get; set; } = new();

    /// <summary>The reason of the submitted form (変更・適用除外・記載しない・延長・廃止の理由).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public PublicationExemptionGround? Ground { get; set; }

    [BindProperty]
    public List<WithholdableItem> Withheld { get; set; } = [];

    [BindProperty]
    public string? ExtendYears { get; set; }

    [BindProperty]
    public bool ExtendPermanent { get; set; }

    [BindProperty]
    public string? Method { get; set; }

    public FileRegisterEntry Entry { get; private set; } = null!;
    public IReadOnlyList<DisposalDueRow> DisposalDue { get; private set; } = [];

    /// <summary>The form that was sent and refused (its refusal is shown above it), or null.</summary>
    public string? Submitted { get; private set; }
    public FormRefusal? Refusal { get; private set; }
    public string? FormError { get; private set; }
    public string? DoneMessage { get; private set; }
    public DisposalResult? Disposal { get; private set; }

    /// <summary>Now, on the service's clock (the disposal-due list is as of today's Japan date).</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public bool Active => Entry.File.Status == FileStatus.Active;

    public RegisterItemsFields AmendFields => new(Items, Submitted == Forms.Amend ? Refusal : null, PurposeChoices, Submitted == Forms.Amend ? FormError : null);
    public IReadOnlyList<string> PurposeChoices { get; private set; } = [];

    /// <summary>A field's id: its command field's name in the refused form (so the error summary's links reach it), prefixed elsewhere.</summary>
    public string IdFor(string form, string field) => Submitted == form ? field : $"{form}-{field}";

    /// <summary>A field's error in <paramref name="form"/>, when that form was refused for it.</summary>
    public string? ErrorFor(string form, string field) =>
        Submitted != form ? null : field == "FormError" ? FormError : Refusal?.For(field)?.Japanese;

    /// <summary>The version the form carries: what the refused form was opened on (a conflict stays one), else the entry's.</summary>
    public long VersionFor(string form) => Submitted == form && ExpectedVersion is { } v ? v : Entry.Version;

    public string? ReasonFor(string form) => Submitted == form ? Reason : null;

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        if (done is not null && Done.TryGetValue(done, out var message)) DoneMessage = message;
        return Page();
    }

    public Task<IActionResult> OnPostAmendAsync(CancellationToken ct)
    {
        var (items, error) = Items.ToItems();
        if (items is null) return Refused(Forms.Amend, null, error, ct);
        return Send(Forms.Amend, new AmendFile { FileId = Id, Items = items, Reason = Reason ?? "", ExpectedVersion = ExpectedVersion }, ct);
    }

    public Task<IActionResult> OnPostExemptAsync(CancellationToken ct) =>
        Send(Forms.Exempt, new ExemptFileFromPublication { FileId = Id, Ground = Ground ?? (PublicationExemptionGround)(-1), Reason = Reason ?? "", ExpectedVersion = ExpectedVersion }, ct);

    public Task<IActionResult> OnPostWithholdAsync(CancellationToken ct) =>
        Send(Forms.Withhold, new WithholdFileItemsFromPublication { FileId = Id, Items = Withheld, Reason = Reason ?? "", ExpectedVersion = ExpectedVersion }, ct);

    public Task<IActionResult> OnPostExtendAsync(CancellationToken ct)
    {
        RetentionPeriod? retention = null;
        var years = ExtendYears?.Normalize(System.Text.NormalizationForm.FormKC).Trim().TrimEnd('年');
        if (!string.IsNullOrEmpty(years))
        {
            if (!int.TryParse(years, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
                return Refused(Forms.Extend, null, "延長後の保存期間の年数は、10 のような整数で入力してください（第17条第1項：議長が定める事項）。", ct);
            retention = new RetentionPeriod(y, ExtendPermanent);
        }
        else if (ExtendPermanent) retention = new RetentionPeriod(Permanent: true);
        return Send(Forms.Extend, new ExtendRetentionPeriod { FileId = Id, Retention = retention, Reason = Reason ?? "", ExpectedVersion = ExpectedVersion }, ct);
    }

    public Task<IActionResult> OnPostRetireAsync(CancellationToken ct) =>
        Send(Forms.Retire, new RetireFile { FileId = Id, Reason = Reason ?? "", ExpectedVersion = ExpectedVersion }, ct);

    public async Task<IActionResult> OnPostDisposeAsync(CancellationToken ct)
    {
        var (result, refusal) = await commands.Send(new DisposeFileRecords { FileId = Id, Method = Method ?? "", ExpectedVersion = ExpectedVersion }, ct);
        if (refusal is not null) return await Refused(Forms.Dispose, refusal, null, ct);
        Disposal = await FilesHost.DisposalOf(result!, session, ct);
        await Load(ct);
        DoneMessage = Done[Forms.Dispose];
        return Page();
    }

    private async Task<IActionResult> Send(string form, LedgerCommand command, CancellationToken ct)
    {
        var (_, refusal) = await commands.Send(command, ct);
        if (refusal is not null) return await Refused(form, refusal, null, ct);
        return Redirect($"/files/{Id}?done={form}");
    }

    /// <summary>The page again with the refused form as typed, its refusal (or the form's own reading error) above it; nothing appended.</summary>
    private async Task<IActionResult> Refused(string form, FormRefusal? refusal, string? formError, CancellationToken ct)
    {
        Submitted = form;
        Refusal = refusal;
        FormError = formError;
        if (!await Load(ct)) return NotFound();
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        FileRegisterEntry entry;
        try
        {
            entry = await LedgerReports.RegisterEntry(session, Id, ct);
        }
        catch (StreamNotFound)
        {
            return false;
        }
        Entry = entry;
        PurposeChoices = RegisterItemsForm.RegisteredPurposes(await LedgerReports.Register(session, ct));
        if (Submitted != Forms.Amend) Items = RegisterItemsForm.From(entry.File.Items);
        if (Submitted != Forms.Withhold) Withheld = [.. entry.File.WithheldItems];
        DisposalDue = await FilesHost.DisposalDue(Id, session, time, ct);
        return true;
    }
}
