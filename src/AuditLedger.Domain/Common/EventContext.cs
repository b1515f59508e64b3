namespace AuditLedger.Domain.Common;

using AuditLedger.Domain.Law;

/// <summary>
/// A member of staff as an event names them: their id (職員番号) and role, and, from the user directory at the time of
/// the event, their display name (氏名) and title (職名). For the authenticated principal, <see cref="Role"/> is the
/// access role of their token (staff, auditor, review-board, administrator). Events stored before the ledger kept a user
/// directory carry only the id and, in <see cref="Role"/>, the title the caller typed; <see cref="Name"/> and
/// <see cref="Title"/> are then null. A staff member's name is that of a public official acting in office, not personal
/// data of a data subject, so it is kept in plain text.
/// </summary>
public sealed record Actor(string StaffId, string Role)
{
    /// <summary>The display name (氏名) from the user directory; null when the actor is not in it (a former colleague named in a late entry) or on older events.</summary>
    public string? Name { get; init; }

    /// <summary>The title (職名), e.g. 議会事務局 総務課 主査: from the directory, or as stated for an actor not in it.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// How the principal was established when not by a token or session: e.g. "scripts/auditledger --as, stated by the
    /// operator 'tanaka' on the server". Null for a token.
    /// </summary>
    public string? Via { get; init; }

    /// <summary>The title as shown: the directory's, else what older events stored as the role.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ShownTitle => Title ?? Role;

    /// <summary>"S-0001 浦安 一郎（議会事務局 総務課 主査）": the id, name and title, for the views.</summary>
    public string Describe() =>
        (string.IsNullOrWhiteSpace(Name) ? StaffId : $"{StaffId} {Name}") + (string.IsNullOrWhiteSpace(ShownTitle) ? "" : $"（{ShownTitle}）");
}

/// <summary>
/// How a command came to be recorded, set by the host on every path (HTTP, command line, import, demo) before the handler
/// runs, never read from input: <paramref name="RecordedBy"/> is the authenticated principal with their name and title from
/// the user directory. <paramref name="StatedActor"/> is the colleague the command names when it may name another (an import
/// line or a late entry), resolved against the directory (name and title) when they are in it.
/// <paramref name="ImportedFrom"/> names the import line ("import-SHA256(file):LINE") when the command came from one.
/// </summary>
public sealed record Recording(Actor RecordedBy, Actor? StatedActor = null, string? ImportedFrom = null)
{
    /// <summary>
    /// The correlation id the host gives the command's events when the caller gave none (the pipeline draws it, so that
    /// <see cref="LedgerCommand.ContextAt"/> and every decision stay deterministic: same command, state and time, same events).
    /// </summary>
    public Guid CorrelationId { get; init; }
}

/// <summary>
/// A late entry: the recorder enters what a named colleague did on paper (the command's <c>staffId</c>), with a statement of
/// where it comes from (e.g. 受付簿 p.12 の転記). Both are kept: the recorder as <see cref="EventContext.RecordedBy"/>, the
/// colleague as <see cref="EventContext.Actor"/>.
/// </summary>
public sealed record LateEntry(string Statement)
{
    public const int StatementMaxLength = 500;
}

/// <summary>
/// What every event carries besides its facts: who acted, when it happened (business time, which
/// statutory clocks count from), when it was recorded (they differ for late entries), the legal
/// ground, and the correlation id that ties the events of one piece of work together.
/// </summary>
/// <remarks>
/// Who: <see cref="Actor"/> is who acted (actedBy); <see cref="RecordedBy"/> the authenticated principal who recorded it.
/// They differ only for an import line or a late entry, which then carries <see cref="ActedByStatement"/>. Events stored
/// before the ledger recorded the authenticated principal have no <see cref="RecordedBy"/> (null): their actor is only what the caller stated.
/// </remarks>
public sealed record EventContext(
    Actor Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    LegalGround Ground,
    Guid CorrelationId)
{
    /// <summary>The authenticated principal who recorded the event (id, access role, name and title from the directory); null on events stored before the ledger recorded it.</summary>
    public Actor? RecordedBy { get; init; }

    /// <summary>
    /// When <see cref="Actor"/> is a colleague other than the recorder: the recorder's statement of where the entry comes from
    /// (a late entry's statement, or the import line). Null when the recorder acted.
    /// </summary>
    public string? ActedByStatement { get; init; }

    /// <summary>
    /// An instant cut to whole microseconds, the precision PostgreSQL stores a timestamp with: <see cref="RecordedAt"/> is
    /// stored as the event's timestamp too, and must be that very instant, not one a fraction of a microsecond apart.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant) =>
        new(instant.Ticks - instant.Ticks % (TimeSpan.TicksPerMillisecond / 1000), instant.Offset);

    /// <summary>Who acted (the same as <see cref="Actor"/>), under the name the views use beside <see cref="RecordedBy"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Actor ActedBy => Actor;

    /// <summary>Who recorded it as shown: the principal, or on older events the actor (the only one stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Actor ShownRecorder => RecordedBy ?? Actor;
}

/// <summary>
/// The one way personal data about a person enters an event: names, addresses, contact details or
/// free text about them, always tied to the opaque id of the person it is about, so that it can be
/// encrypted with that person's key and erased by destroying the key. Never put such data in a plain string field.
/// </summary>
public sealed record PersonalData(Guid DataSubjectId, PersonalDataKind Kind, string Value)
{
    /// <summary>
    /// The stream (record, case, review or incident) whose key for the person seals the value, set by the domain when it
    /// puts the value in an event (<see cref="In"/>): disposing that stream shreds it, and nothing else of the person.
    /// Null in commands, and in values stored before keys were per stream (sealed under the person's one key, v1).
    /// </summary>
    public Guid? StreamId { get; init; }

    /// <summary>The value as it is put into an event of the stream <paramref name="streamId"/>, bound to that stream's key.</summary>
    public PersonalData In(Guid streamId) => this with { StreamId = streamId };

    /// <summary>The values as they are put into an event of the stream <paramref name="streamId"/>.</summary>
    public static IReadOnlyList<PersonalData> In(IReadOnlyList<PersonalData>? values, Guid streamId) => [.. (values ?? []).Select(v => v.In(streamId))];

    /// <summary>What an erased value reads as: the person's key was destroyed (crypto-shredding), the value is gone for good.</summary>
    public const string ErasedText = "［消去済み］";

    /// <summary>
    /// True when the value was erased: the store could not decrypt it because the person's key was destroyed by an
    /// erasure. <see cref="Value"/> is then <see cref="ErasedText"/>. Set only by the store when reading; a command
    /// carrying it is refused.
    /// </summary>
    public bool Erased { get; init; }

    /// <summary>The value as read after the person's key was destroyed: the subject and kind are kept, the content is not.</summary>
    public static PersonalData ErasedValue(Guid dataSubjectId, PersonalDataKind kind, Guid? streamId = null) =>
        new(dataSubjectId, kind, ErasedText) { Erased = true, StreamId = streamId };
}

public enum PersonalDataKind
{
    Name,
    Address,
    ContactDetails,
    DateOfBirth,
    FreeText,
}

/// <summary>The common part of every command: the actor, the business time and the correlation id.</summary>
public abstract record LedgerCommand
{
    /// <summary>
    /// Who acted (職員番号), as the caller states it: optional, since the actor is the authenticated principal. When given it
    /// must be the principal's own id, unless the command is a <see cref="LateEntry"/> or an import line: then it names the
    /// colleague who acted (refused otherwise: <see cref="ActorIsNotThePrincipal"/>, 422).
    /// </summary>
    public string StaffId { get; init; } = "";

    /// <summary>The acting colleague's title (職名) as stated, kept only for a colleague not in the user directory; the principal's title comes from the directory.</summary>
    public string StaffRole { get; init; } = "";

    /// <summary>Marks the command as a late entry of what the colleague named in <see cref="StaffId"/> did on paper, with the recorder's statement.</summary>
    public LateEntry? LateEntry { get; init; }

    /// <summary>
    /// Set by the host (the authenticated principal and, for late entries and imports, the colleague named), never by the
    /// caller: the JSON reader ignores it. A command without it is refused before anything is decided: nobody records as nobody.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Recording? Recording { get; init; }

    /// <summary>When the action happened. Defaults to the moment it is recorded.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Ties the events of one piece of work together; when absent, the host's pipeline gives one (<see cref="Recording.CorrelationId"/>).</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>
    /// A key the client chooses for this one intended change (a GUID, or e.g. "import-FILEHASH:LINE"), so that a retry is safe:
    /// a command whose key was already appended returns the original result and appends nothing, even when the first attempt
    /// committed but its answer was lost. Reusing a key for a different command is refused.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    public const int IdempotencyKeyMaxLength = 200;

    /// <summary>The id of the stream this command is about (the file, record or incident).</summary>
    public abstract Guid StreamId { get; }

    /// <summary>Checks the input is complete and well-formed; throws <see cref="InvalidCommand"/> when not.</summary>
    public void Validate()
    {
        var errors = new List<FieldError>();
        Fields.OptionalText(errors, StaffId, nameof(StaffId), "職員番号", "staff id", 64);
        Fields.OptionalText(errors, StaffRole, nameof(StaffRole), "職名", "staff role", 200);
        if (LateEntry is { } late)
        {
            if (string.IsNullOrWhiteSpace(StaffId))
                errors.Add(new FieldError(nameof(StaffId), "後日入力では、行った職員の職員番号（staffId）を入力してください。",
                    "A late entry names the colleague who acted: give their staff id in staffId."));
            Fields.RequireText(errors, late.Statement, $"{nameof(LateEntry)}.{nameof(LateEntry.Statement)}", "後日入力の経緯（どの紙の記録から転記したか）",
                "late entry's statement (which paper record it is entered from)", LateEntry.StatementMaxLength);
        }
        if (IdempotencyKey is not null)
            Fields.RequireText(errors, IdempotencyKey, nameof(IdempotencyKey), "冪等キー", "idempotency key", IdempotencyKeyMaxLength);
        ValidateFields(errors);
        if (errors.Count > 0) throw new InvalidCommand(errors);
    }

    protected virtual void ValidateFields(List<FieldError> errors) { }

    // Art. 9, 10: who acted (the actor is the authenticated principal).
    // Art. 9 requires the measures necessary for the safe management of retained personal information; knowing which
    // member of staff handled it is the first of them (an access record proves nothing if anyone can be named in it).
    // Art. 10 (従事者の義務) and the penalties of Art. 53-55 bind the individual who handled the information, so the ledger
    // must name that person as authenticated, not as typed.

    public static readonly LedgerRule ActorIsNotThePrincipal = new(
        "actor.not-the-principal", ArticleRef.Ordinance(9),
        "本文の職員番号（staffId）が、認証された利用者と異なります。他の職員として記録することはできません（第9条：安全管理措置、第10条：従事者の義務）。自分の操作は staffId を省略するか自分の職員番号で送ってください。紙で行われた他の職員の処理を後から入力する場合は、lateEntry に経緯（どの記録から転記したか）を記載してください。記録は追加されていません。",
        "The body's staffId names a different member of staff from the authenticated user; no one may record as someone else (Art. 9: security control measures; Art. 10: duties of staff). For your own action leave staffId out or send your own id. To enter later what a colleague did on paper, add lateEntry with a statement of the paper record it comes from: both of you are then kept. Nothing was appended.");

    /// <summary>
    /// The context of the events this command appends, built from the command, its <see cref="Recording"/> and the current
    /// time. The actor is the principal; a command naming another staff member is refused
    /// (<see cref="ActorIsNotThePrincipal"/>) unless it is a late entry or an import line, which keep both.
    /// </summary>
    /// <exception cref="PrincipalMissing">No principal was set: a host path that forgot it, refused rather than recorded as nobody.</exception>
    public EventContext ContextAt(DateTimeOffset now, LegalGround ground)
    {
        var recording = Recording ?? throw new PrincipalMissing(GetType().Name);
        now = EventContext.ToStoredPrecision(now);
        var occurredAt = OccurredAt ?? now;
        if (occurredAt > now) throw new LedgerRuleViolation(Chronology.OccurredInFuture, $"occurredAt {occurredAt:O} is after {now:O}.");
        var stated = StaffId.Trim();
        var principal = recording.RecordedBy;
        Actor actor = principal;
        string? statement = null;
        if (stated.Length > 0 && stated != principal.StaffId)
        {
            if (LateEntry is { } late)
                statement = $"後日入力 / late entry: {late.Statement.Trim()}";
            else if (recording.ImportedFrom is { } line)
                statement = $"一括取込 / import: {line}";
            else
                throw new LedgerRuleViolation(ActorIsNotThePrincipal,
                    $"The body names staff id '{stated}', but the request is authenticated as '{principal.StaffId}'.");
            actor = recording.StatedActor is { } known && known.StaffId == stated
                ? known
                : new Actor(stated, "") { Title = string.IsNullOrWhiteSpace(StaffRole) ? null : StaffRole.Trim() };
        }
        return new EventContext(actor, occurredAt, now, ground, CorrelationId ?? recording.CorrelationId) { RecordedBy = principal, ActedByStatement = statement };
    }
}

/// <summary>A command on a stream that exists: it carries the version it was decided on.</summary>
public abstract record StreamCommand : LedgerCommand
{
    /// <summary>
    /// The stream version the caller saw. The write is refused as a conflict when the stream has
    /// moved on since, so two people never overwrite each other's view silently.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    protected override void ValidateFields(List<FieldError> errors)
    {
        if (StreamId == Guid.Empty) errors.Add(Fields.Required("Id", "対象ID", "id of the file, record or incident"));
        if (ExpectedVersion is null or < 1)
            errors.Add(new FieldError(nameof(ExpectedVersion), "対象の現在のバージョン（1以上）を指定してください。", "Give the stream version you saw (1 or more); read the stream to learn it."));
        ValidateCommandFields(errors);
    }

    protected virtual void ValidateCommandFields(List<FieldError> errors) { }
}

/// <summary>
/// Builders of field errors with Japanese and English text. Lengths are counted in characters as a person counts them:
/// Unicode code points (scalar values), so 𠮷 or 👩 is one character, not two UTF-16 units; this is also what PostgreSQL's
/// <c>char_length</c> counts. (A sequence such as 👩‍👩‍👧 or か + ゛ counts each of its code points; text arrives in NFC, so
/// が is one.)
/// </summary>
public static class Fields
{
    /// <summary>The number of characters (Unicode code points) in <paramref name="value"/>.</summary>
    public static int CharacterCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes()) count++;
        return count;
    }

    public static FieldError Required(string field, string ja, string en) =>
        new(field, $"{ja}を入力してください。", $"The {en} is required.");

    public static void RequireText(List<FieldError> errors, string? value, string field, string ja, string en, int maxLength = 4000)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(Required(field, ja, en));
        else if (value.Length > maxLength && CharacterCount(value) > maxLength)
            errors.Add(new FieldError(field, $"{ja}は{maxLength}文字以内で入力してください。", $"The {en} must be at most {maxLength} characters."));
    }

    /// <summary>Text that may be left out, but not longer than <paramref name="maxLength"/> characters when given.</summary>
    public static void OptionalText(List<FieldError> errors, string? value, string field, string ja, string en, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            errors.Add(new FieldError(field, $"{ja}は{maxLength}文字以内で入力してください。", $"The {en} must be at most {maxLength} characters."));
    }

    public static void RequireId(List<FieldError> errors, Guid value, string field, string ja, string en)
    {
        if (value == Guid.Empty) errors.Add(Required(field, ja, en));
    }

    public static void RequireDefined<TEnum>(List<FieldError> errors, TEnum value, string field, string ja, string en) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            errors.Add(new FieldError(field, $"{ja}の値が不正です（{string.Join(", ", Enum.GetNames<TEnum>())}）。",
                $"The {en} must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}."));
    }

    public static void CheckPersonalData(List<FieldError> errors, IReadOnlyList<PersonalData>? data, string field)
    {
        foreach (var (item, index) in (data ?? []).Select((d, i) => (d, i)))
        {
            RequireId(errors, item.DataSubjectId, $"{field}[{index}].{nameof(item.DataSubjectId)}", "本人ID", "data subject id");
            RequireDefined(errors, item.Kind, $"{field}[{index}].{nameof(item.Kind)}", "個人情報の種類", "kind of personal data");
            RequireText(errors, item.Value, $"{field}[{index}].{nameof(item.Value)}", "個人情報の内容", "personal data value", 2000);
            if (item.Erased)
                errors.Add(new FieldError($"{field}[{index}].{nameof(item.Erased)}", "消去済みの個人情報は記録できません。", "Personal data marked as erased cannot be recorded; send the value itself."));
        }
    }
}

/// <summary>
/// A command reached a handler without the principal the host sets (<see cref="LedgerCommand.Recording"/>): a fault of that
/// path, refused so that nothing is ever recorded as done by nobody.
/// </summary>
public sealed class PrincipalMissing(string command)
    : InvalidOperationException($"The {command} command carries no authenticated principal; nothing is recorded as done by nobody. Send it with a token (HTTP), AUDITLEDGER_TOKEN or --as (command line).");

/// <summary>Every event of the ledger: a fact in the past tense with its context.</summary>
public interface ILedgerEvent
{
    EventContext Context { get; }
}
