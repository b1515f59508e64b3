namespace AuditLedger.Host.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Erasure;
using Marten;

/// <summary>One record as a search lists it: no personal data, only the record, its file, when it was acquired and its state.</summary>
public sealed record RecordListing(Guid RecordId, Guid FileId, string FileName, Guid DataSubjectId, DateTimeOffset AcquiredAt, RecordStatus Status, long Version);

/// <summary>A request case in which a person found by name is the requester (請求者): the case, its kind, when received, its state.</summary>
public sealed record RequesterCase(Guid CaseId, RequestKind Kind, DateOnly ReceivedOn, CaseStatus Status);

/// <summary>
/// What a search found: the records (by file, by data subject id, or of the persons found by name), and for a name search
/// the request cases where the person is the requester. Never a name: the caller knows what it searched for.
/// </summary>
public sealed record RecordSearchResult(IReadOnlyList<RecordListing> Records, IReadOnlyList<RequesterCase> RequesterCases, IReadOnlyList<Guid> DataSubjectIds)
{
    /// <summary>For a name search: in which stream each person's name was found (the read of each person is recorded against it).</summary>
    public IReadOnlyList<NameMatch> Matches { get; init; } = [];
}

/// <summary>The body of a search by name: POST only, so that the name is never in a URL or an access log.</summary>
public sealed record NameSearch(string Name);

/// <summary>
/// The searches of retained records (保有個人情報) the API and the staff pages share: by file, by data subject id (本人ID),
/// and by name (氏名検索) through the keyed blind index (<see cref="NameSearchIndex"/>), which finds the persons whose name,
/// as written in any stream, equals the name searched after normalisation; their records are listed, and the request
/// cases where they are the requester. Errors: <see cref="KeyStoreUnavailable"/> when the index cannot be read.
/// </summary>
public static class RecordSearch
{
    /// <summary>The longest name searched, in characters (code points) after normalisation.</summary>
    public const int NameMaxLength = 100;

    /// <summary>Refuses a name that cannot be searched (the same check for the API and the page).</summary>
    /// <exception cref="InvalidCommand">Blank after normalisation, too long, control characters or a lone surrogate.</exception>
    public static void Searchable(string name)
    {
        var invalid = Configuration.StorableText.HasUnpairedSurrogate(name);
        var normal = invalid ? "" : NameSearchIndex.Normalise(name);
        if (invalid || normal.Length == 0 || normal.EnumerateRunes().Count() > NameMaxLength || normal.EnumerateRunes().Any(System.Text.Rune.IsControl))
            throw new InvalidCommand([new FieldError("name",
                $"検索する氏名を{NameMaxLength}文字以内で入力してください（空白だけ、制御文字を含むものは検索できません）。何も検索していません。",
                $"Give the name to search for, at most {NameMaxLength} characters (blank names or control characters cannot be searched). Nothing was searched.")]);
    }

    /// <summary>Every record of a file, or of a person (both given: of that person in that file), oldest first.</summary>
    public static async Task<RecordSearchResult> By(IQuerySession session, Guid? fileId, Guid? dataSubjectId, CancellationToken ct)
    {
        if (fileId is null && dataSubjectId is null) return new([], [], []);
        var query = session.Query<RetainedRecord>().AsQueryable();
        if (fileId is { } file) query = query.Where(r => r.FileId == file);
        if (dataSubjectId is { } subject) query = query.Where(r => r.DataSubjectId == subject);
        var records = await query.OrderBy(r => r.AcquiredAt).Take(500).ToListAsync(ct);
        return new(await Listed(session, records, ct), [], dataSubjectId is { } s ? [s] : []);
    }

    /// <summary>The records of every person whose name matches, and the request cases where that person is the requester.</summary>
    /// <exception cref="InvalidCommand">No name (nothing left after normalisation), one longer than <see cref="NameMaxLength"/>, or holding control characters or a lone surrogate.</exception>
    public static async Task<RecordSearchResult> ByName(IQuerySession session, NameSearchIndex index, string name, CancellationToken ct)
    {
        Searchable(name);
        var matches = await index.Find(session.TenantId, name, ct);
        if (matches.Count == 0) return new([], [], []);
        var subjects = matches.Select(m => m.DataSubjectId).Distinct().ToArray();
        var streams = matches.Select(m => m.StreamId).Distinct().ToArray();
        var records = await session.Query<RetainedRecord>()
            .Where(r => subjects.Contains(r.DataSubjectId) || streams.Contains(r.Id)).OrderBy(r => r.AcquiredAt).ToListAsync(ct);
        var cases = await session.Query<RequestCase>().Where(c => streams.Contains(c.Id)).OrderBy(c => c.ReceivedAt).ToListAsync(ct);
        return new(await Listed(session, records, ct), [.. cases.Select(c => new RequesterCase(c.Id, c.Kind, c.ReceivedOn, c.Status))], subjects)
        {
            Matches = matches,
        };
    }

    /// <summary>
    /// Records the read of each person a name search found (第9条), before the result is shown: one PersonalDataRead per
    /// person, against the stream their name was found in first. Throws (and nothing is shown) when it cannot be recorded.
    /// </summary>
    public static async Task RecordReads(Access.PersonalDataAccessLog accessLog, Access.Reader reader, RecordSearchResult result, string channel, CancellationToken ct)
    {
        foreach (var person in result.Matches.GroupBy(m => m.DataSubjectId))
            await accessLog.RecordPersons(reader, person.First().StreamId, [person.Key], channel, ct);
    }

    private static async Task<IReadOnlyList<RecordListing>> Listed(IQuerySession session, IReadOnlyList<RetainedRecord> records, CancellationToken ct)
    {
        var fileIds = records.Select(r => r.FileId).Distinct().ToArray();
        var files = (await session.LoadManyAsync<PersonalInformationFile>(ct, fileIds)).ToDictionary(f => f.Id);
        return [.. records.Select(r => new RecordListing(r.Id, r.FileId, files.TryGetValue(r.FileId, out var f) ? f.Items.Name : "",
            r.DataSubjectId, r.AcquiredAt, r.Status, r.Version))];
    }
}
