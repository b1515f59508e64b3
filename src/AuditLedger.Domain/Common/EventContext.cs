namespace AuditLedger.Domain.Common;

using AuditLedger.Domain.Law;

/// <summary>Who did it: a staff member's id (not their name) and their role (e.g. 議会事務局 総務課 主査).</summary>
public sealed record Actor(string StaffId, string Role);

/// <summary>
/// What every event carries besides its facts: who acted, when it happened (business time, which
/// statutory clocks count from), when it was recorded (they differ for late entries), the legal
/// ground, and the correlation id that ties the events of one piece of work together.
/// </summary>
public sealed record EventContext(
    Actor Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    LegalGround Ground,
    Guid CorrelationId);

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
    /// <summary>The staff member's id (職員番号), not their name.</summary>
    public string StaffId { get; init; } = "";

    /// <summary>The actor's role, e.g. 議会事務局 総務課 主査.</summary>
    public string StaffRole { get; init; } = "";

    /// <summary>When the action happened. Defaults to the moment it is recorded.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Ties the events of one piece of work together; generated when absent.</summary>
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
        Fields.RequireText(errors, StaffId, nameof(StaffId), "職員番号", "staff id", 64);
        Fields.RequireText(errors, StaffRole, nameof(StaffRole), "職名", "staff role", 200);
        if (IdempotencyKey is not null)
            Fields.RequireText(errors, IdempotencyKey, nameof(IdempotencyKey), "冪等キー", "idempotency key", IdempotencyKeyMaxLength);
        ValidateFields(errors);
        if (errors.Count > 0) throw new InvalidCommand(errors);
    }

    protected virtual void ValidateFields(List<FieldError> errors) { }

    /// <summary>The context of the events this command appends, built from the command and the current time.</summary>
    public EventContext ContextAt(DateTimeOffset now, LegalGround ground)
    {
        var occurredAt = OccurredAt ?? now;
        if (occurredAt > now) throw new LedgerRuleViolation(Rules.OccurredInFuture, $"occurredAt {occurredAt:O} is after {now:O}.");
        return new EventContext(new Actor(StaffId.Trim(), StaffRole.Trim()), occurredAt, now, ground, CorrelationId ?? Guid.NewGuid());
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

/// <summary>Every event of the ledger: a fact in the past tense with its context.</summary>
public interface ILedgerEvent
{
    EventContext Context { get; }
}
