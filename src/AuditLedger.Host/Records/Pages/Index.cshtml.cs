namespace AuditLedger.Host.Records.Pages;

using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Erasure;
using AuditLedger.Host.Web;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 保有個人情報の検索 (/records): by name (氏名検索, POST only, with a stated purpose; each person found is recorded as a
/// read, 第9条), by file, or by data subject id (GET). Lists record, file, acquired date and state, never a name; a name
/// search also lists the request cases where the person is the requester. Same queries as the API (<see cref="RecordSearch"/>).
/// </summary>
[Authorize(Roles = LedgerRoles.Staff)]
public sealed class IndexModel(IQuerySession session, NameSearchIndex index, PersonalDataAccessLog accessLog) : PageModel
{
    /// <summary>The file searched (GET).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? FileId { get; set; }

    /// <summary>The data subject id searched (GET), as typed: a malformed id is shown as that field's error.</summary>
    [BindProperty(SupportsGet = true)]
    public string? DataSubjectId { get; set; }

    /// <summary>The name searched (POST only: never in a URL).</summary>
    [BindProperty]
    public string Name { get; set; } = "";

    /// <summary>閲覧目的: why the staff searches for this person (required; recorded with the read).</summary>
    [BindProperty]
    public string Purpose { get; set; } = "";

    public IReadOnlyList<PersonalInformationFile> Files { get; private set; } = [];

    public RecordSearchResult? Result { get; private set; }

    /// <summary>What was searched: 氏名, ファイル or 本人ID (for the results' heading).</summary>
    public string? SearchedBy { get; private set; }

    /// <summary>Field errors by field name (Name, Purpose, DataSubjectId).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadFiles(ct);
        if (!string.IsNullOrWhiteSpace(DataSubjectId))
        {
            if (!Guid.TryParse(DataSubjectId.Trim(), out var subject))
            {
                Errors[nameof(DataSubjectId)] = "本人IDの形式が正しくありません（例: 0190a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b）。";
                return Page();
            }
            Result = await RecordSearch.By(session, FileId, subject, ct);
            SearchedBy = FileId is null ? "本人ID" : "本人ID・ファイル";
        }
        else if (FileId is not null)
        {
            Result = await RecordSearch.By(session, FileId, null, ct);
            SearchedBy = "ファイル";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Name ??= "";   // an empty field binds as null
        await LoadFiles(ct);
        try
        {
            RecordSearch.Searchable(Name);
        }
        catch (InvalidCommand e)
        {
            Errors[nameof(Name)] = e.Errors[0].Japanese;
        }
        var user = Navigation.CurrentUser(HttpContext)!;
        Reader? reader = null;
        try
        {
            reader = new Reader(user.StaffId, user.Role, Reader.StatedPurpose(Purpose, nameof(Purpose))) { Principal = user };
        }
        catch (InvalidCommand e)
        {
            Errors[nameof(Purpose)] = e.Errors[0].Japanese;
        }
        if (Errors.Count > 0 || reader is null) return Page();
        var result = await RecordSearch.ByName(session, index, Name, ct);
        // Who was found is shown only once each person's read is recorded (第9条); if it cannot be, nothing is shown.
        await RecordSearch.RecordReads(accessLog, reader, result, "web /records 氏名検索", ct);
        Result = result;
        SearchedBy = "氏名";
        return Page();
    }

    private async Task LoadFiles(CancellationToken ct) =>
        Files = await session.Query<PersonalInformationFile>().OrderBy(f => f.RegisteredAt).ToListAsync(ct);
}
