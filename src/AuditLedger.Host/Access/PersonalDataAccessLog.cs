namespace AuditLedger.Host.Access;

using AuditLedger.Host.Tenancy;
using System.Security.Claims;
using System.Text;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using Marten;

/// <summary>Who is reading, and why.</summary>
public sealed record Reader(string Id, string Role, string Purpose)
{
    /// <summary>The reader as the user directory has them (name and title), when read over HTTP by an authenticated user.</summary>
    public Actor? Principal { get; init; }

    /// <summary>The authenticated caller and the purpose stated in the X-Access-Purpose header (required to read personal data).</summary>
    /// <exception cref="InvalidCommand">No purpose that says anything (see <see cref="StatedPurpose"/>): HTTP 400.</exception>
    public static Reader From(HttpContext http)
    {
        var header = http.Request.Headers[LedgerSecurity.PurposeHeader].ToString();
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(header);
        }
        catch (UriFormatException)
        {
            decoded = header;
        }
        var purpose = StatedPurpose(decoded, LedgerSecurity.PurposeHeader);
        var user = http.User;
        return new Reader(user.Identity?.Name ?? "anonymous", string.Join(",", user.FindAll("role").Select(c => c.Value)), purpose)
        {
            Principal = http.Items[LedgerPrincipals.HttpItem] as Actor,
        };
    }

    public const int PurposeMaxLength = 500;

    /// <summary>
    /// The purpose of a read of personal data (Art. 9: the read is recorded with why it was made), as the one check every
    /// channel applies (the X-Access-Purpose header after percent-decoding, the command line's --purpose): in NFC, trimmed,
    /// at most <see cref="PurposeMaxLength"/> characters (code points), no control characters, and saying something: a
    /// purpose of only spaces (ASCII or 全角), zero-width or other invisible format characters is no purpose.
    /// </summary>
    /// <exception cref="InvalidCommand">The purpose is missing, blank, invisible, too long or holds control characters.</exception>
    public static string StatedPurpose(string? stated, string field)
    {
        var purpose = (stated ?? "").Normalize(System.Text.NormalizationForm.FormC).Trim();
        var visible = purpose.EnumerateRunes().Count(r => !Rune.IsWhiteSpace(r) && !Rune.IsControl(r)
            && Rune.GetUnicodeCategory(r) != System.Globalization.UnicodeCategory.Format);
        if (visible == 0 || purpose.EnumerateRunes().Any(Rune.IsControl) || Fields.CharacterCount(purpose) > PurposeMaxLength)
            throw new InvalidCommand([new FieldError(field,
                $"個人情報を閲覧する目的を{PurposeMaxLength}文字以内で記載してください（空白や見えない文字だけ、制御文字を含むものは目的になりません）。閲覧は目的とともに記録されます（第9条）。何も表示していません。",
                $"State why you read this personal data in at most {PurposeMaxLength} characters (spaces or invisible characters alone, or control characters, are no purpose); the read is recorded with it (Art. 9). Nothing was shown.")]);
        return purpose;
    }
}

/// <summary>
/// Records every read of personal data as an event (Art. 9, 10) before the data is returned, in its own transaction:
/// if the record cannot be written the read fails, so no personal data is ever shown unrecorded.
/// </summary>
public sealed class PersonalDataAccessLog(IDocumentStore store, TimeProvider time)
{
    /// <summary>Records the read when what is about to be shown holds personal data; the caller must then have stated a purpose.</summary>
    public Task Record(HttpContext http, Guid streamId, object shown, string channel, CancellationToken ct) =>
        Record(() => Reader.From(http), streamId, shown, channel, ct);

    public Task Record(Reader reader, Guid streamId, object shown, string channel, CancellationToken ct) =>
        Record(() => reader, streamId, shown, channel, ct);

    /// <summary>
    /// Records that the persons were shown from the stream without their data being in what is shown: a search that found
    /// them by name (氏名検索) shows who they are by listing their records. One event per call, as for any read.
    /// </summary>
    public Task RecordPersons(Reader reader, Guid streamId, IReadOnlyList<Guid> subjects, string channel, CancellationToken ct) =>
        subjects.Count == 0 ? Task.CompletedTask : Record(reader, streamId, subjects, channel, ct);

    /// <param name="reader">Who reads and why; asked for only when what is shown holds personal data (it may refuse then).</param>
    public async Task Record(Func<Reader> reader, Guid streamId, object shown, string channel, CancellationToken ct)
    {
        var subjects = PersonalDataSubjects.In(shown);
        if (subjects.Count == 0) return;
        await Record(reader(), streamId, subjects, channel, ct);
    }

    private async Task Record(Reader reader, Guid streamId, IReadOnlyList<Guid> subjects, string channel, CancellationToken ct)
    {
        var now = EventContext.ToStoredPrecision(time.GetUtcNow());
        var id = Guid.CreateVersion7(now);
        var actor = reader.Principal ?? new Actor(reader.Id, reader.Role);
        var context = new EventContext(actor, now, now,
            LegalGround.Of(ArticleRef.Ordinance(9), "個人情報の閲覧の記録（安全管理措置）/ read of personal data recorded"), Guid.NewGuid()) { RecordedBy = actor };
        try
        {
            await using var session = store.TenantLightweightSession();
            session.Events.StartStream(id, new PersonalDataRead(id, reader.Id, reader.Role, reader.Purpose, streamId, subjects, channel, context));
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ReadNotRecorded(e);
        }
    }
}

/// <summary>A read of personal data that could not be recorded, and so was not shown (HTTP 503).</summary>
public sealed class ReadNotRecorded(Exception cause)
    : Exception("The read of personal data could not be recorded, so nothing was shown. Try again; if it persists, the ledger's database needs attention.", cause);
