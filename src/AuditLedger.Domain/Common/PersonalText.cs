namespace AuditLedger.Domain.Common;

/// <summary>
/// Free text in an event that can name or describe a person (what a request seeks, the reasons of a decision, an appeal's
/// summary, an incident's summary, cause, harm, measures and conclusion, …): staff type what they must, so the ledger
/// treats it as personal data. It is bound to the persons of its stream (<see cref="DataSubjectIds"/> in
/// <see cref="StreamId"/>) and the store seals it under the keys of all of them for that stream: erasing any one of those
/// persons, or disposing the stream, shreds it. Read after that, it is <see cref="PersonalData.ErasedText"/>
/// (<see cref="Erased"/> true), never an exception; the events' other facts stay readable.
/// Commands carry the text as a plain string (marked <see cref="PersonalTextAttribute"/>); only the domain makes these.
/// </summary>
/// <param name="DataSubjectIds">The persons of the stream the text may be about (opaque ids); empty when the stream names none (then the stream's own key seals it).</param>
/// <param name="StreamId">The record, case, review or incident the text belongs to.</param>
/// <param name="Value">The text, or <see cref="PersonalData.ErasedText"/> once erased.</param>
public sealed record PersonalText(IReadOnlyList<Guid> DataSubjectIds, Guid StreamId, string Value)
{
    /// <summary>True when a key it was sealed under was destroyed: the text is gone for good.</summary>
    public bool Erased { get; init; }

    /// <summary>The text of a command as it enters an event of <paramref name="streamId"/> about <paramref name="subjects"/>; trimmed; null stays null.</summary>
    public static PersonalText? About(Guid streamId, IEnumerable<Guid> subjects, string? text) =>
        text is null ? null : new([.. subjects.Where(s => s != Guid.Empty).Distinct().Order()], streamId, text.Trim());

    /// <summary>What the text reads as after erasure.</summary>
    public static PersonalText ErasedValue(IReadOnlyList<Guid> subjects, Guid streamId) => new(subjects, streamId, PersonalData.ErasedText) { Erased = true };

    /// <summary>The text (or <see cref="PersonalData.ErasedText"/>), so that reports and timelines print it as before.</summary>
    public override string ToString() => Value;

    /// <summary>Value equality on the text and its binding (the record's default would compare the list by reference).</summary>
    public bool Equals(PersonalText? other) =>
        other is not null && StreamId == other.StreamId && Value == other.Value && Erased == other.Erased && DataSubjectIds.SequenceEqual(other.DataSubjectIds);

    public override int GetHashCode() => HashCode.Combine(StreamId, Value, Erased);
}

/// <summary>
/// Marks a command's free-text property that enters its events as <see cref="PersonalText"/>: the idempotency fingerprint
/// leaves it out and compares it with the sealed events instead, so no digest of it outlives an erasure.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalTextAttribute : Attribute;
