namespace AuditLedger.Host.Replay.Pages;

using System.Text.Json;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Web;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 過去の時点の再現 (the auditors' replay, <c>/api/replay/…</c>): a record, file, case, review or incident, the file register
/// or the deadline view as the ledger showed it at an instant (recorded time, <see cref="ReplayInstant"/>), and what changed
/// on a stream between two instants (<c>/api/replay/diff</c>), by the same <see cref="LedgerReplay"/> as the API. Instants in
/// 和暦 or ISO (<see cref="Deadlines.JapaneseDateInput"/>). A replay holding personal data needs a stated purpose (閲覧目的), and
/// the read is recorded first (<see cref="PersonalDataAccessLog"/>, Art. 9). The forms POST (a purpose never goes in a URL)
/// and append no ledger command.
/// </summary>
[Authorize(Roles = LedgerRoles.Auditor), AppendsNothing]
public sealed class AuditReplayModel(LedgerReplay replay, PersonalDataAccessLog accessLog) : PageModel
{
    /// <summary>What can be replayed: the stream kinds of <see cref="LedgerReplay.Kinds"/>, the register and the deadline view.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Kinds =
    [
        ("records", "保有個人情報（記録）"),
        ("files", "個人情報ファイル"),
        ("cases", "請求の事案"),
        ("reviews", "審査請求"),
        ("incidents", "漏えい等の事案"),
        ("register", "個人情報ファイル簿（内部管理用）"),
        ("published-register", "個人情報ファイル簿（公表用）"),
        ("deadlines", "期限の一覧（進行中の期限）"),
    ];

    [BindProperty] public string? Kind { get; set; } = "cases";
    [BindProperty] public string? Id { get; set; }
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }

    /// <summary>閲覧目的: required when what is shown holds personal data (recorded with the read).</summary>
    [BindProperty] public string? Purpose { get; set; }

    /// <summary>Which form was sent (replay or diff), so that its errors stand beside its fields.</summary>
    public string? Sent { get; private set; }
    public FormRefusal? Refusal { get; private set; }

    public StreamReplay? Stream { get; private set; }
    public ReportTable? Register { get; private set; }
    public DeadlinesAsOf? Deadlines { get; private set; }
    public StreamDiff? Diff { get; private set; }

    /// <summary>When the shown replay held personal data and its read was recorded.</summary>
    public bool PersonalDataShown { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>One stream, the register or the deadline view as of an instant.</summary>
    public async Task<IActionResult> OnPostReplayAsync(CancellationToken ct)
    {
        Sent = "replay";
        try
        {
            var asOf = replay.Instant(AsOf, "asOf");
            switch (Kind)
            {
                case "register" or "published-register":
                    var entries = await replay.RegisterEntries(asOf, ct);
                    Register = Kind == "register" ? RegisterTable.Internal(entries) : RegisterTable.Published(entries);
                    break;
                case "deadlines":
                    Deadlines = await replay.Deadlines(asOf, DeadlineFilters.Parse(null, null), DeadlineQueries.DueSoonDays, ct);
                    break;
                default:
                    var id = StreamId(Id, "id");
                    var stream = await replay.Stream(id, asOf, Kind, ct);
                    PersonalDataShown = await Recorded(id, stream.Documents, ct);
                    Stream = stream;
                    break;
            }
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            Refusal = refusal;
        }
        return Page();
    }

    /// <summary>What changed on a stream between two instants.</summary>
    public async Task<IActionResult> OnPostDiffAsync(CancellationToken ct)
    {
        Sent = "diff";
        try
        {
            var id = StreamId(Id, "id");
            var diff = await replay.Diff(id, replay.Instant(From, "from"), replay.Instant(To, "to"), ct);
            PersonalDataShown = await Recorded(id, diff, ct);
            Diff = diff;
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            Refusal = refusal;
        }
        return Page();
    }

    /// <summary>Records the read when <paramref name="shown"/> holds personal data (the purpose is required then); whether it did.</summary>
    private async Task<bool> Recorded(Guid id, object shown, CancellationToken ct)
    {
        if (PersonalDataSubjectsIn(shown) == 0) return false;
        var user = Navigation.CurrentUser(HttpContext)!;
        await accessLog.Record(new Reader(user.StaffId, user.Role, Reader.StatedPurpose(Purpose, "purpose")) { Principal = user }, id, shown, "web", ct);
        return true;
    }

    private static int PersonalDataSubjectsIn(object shown) => Domain.Access.PersonalDataSubjects.In(shown).Count;

    private static Guid StreamId(string? value, string field) => Guid.TryParse(value?.Trim(), out var id) ? id
        : throw new InvalidQuery(new FieldError(field, "IDを入力してください（例: 0199a0c4-…-…の36文字）。", "Give the id (36 characters, e.g. 0199a0c4-…)."));

    /// <summary>A replayed document or a changed value as indented JSON, as the API writes it.</summary>
    public static string Json(object? value) => value is null ? "—" : JsonSerializer.Serialize(value, LedgerJson.Indented);

    /// <summary>The refusal's message for a field of the form that was sent.</summary>
    public Domain.Law.FieldError? ErrorFor(string form, string field) => Sent == form ? Refusal?.For(field) : null;
}
