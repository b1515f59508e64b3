namespace AuditLedger.Host.Erasure;

using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using AuditLedger.Domain.Common;

/// <summary>
/// Which data keys serializing an object will ask the <see cref="SubjectKeyStore"/> for: the (person, stream) of each
/// <see cref="PersonalData"/> (<see cref="SealedPersonalDataConverter"/>: its stream, or <see cref="SubjectKeyStore.PersonWide"/>)
/// and of each person of each <see cref="PersonalText"/> (<see cref="SealedPersonalTextConverter"/>: the stream's own key,
/// subject id empty, when it names none); erased values need none. A batch asks for them all at once
/// (<see cref="SubjectKeyStore.GetOrCreateMany"/>) before its events are serialized, so that serializing finds each in memory.
/// </summary>
public static class SealedKeys
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Adds the keys <paramref name="value"/>'s personal values are sealed under to <paramref name="into"/>.</summary>
    public static void Collect(object? value, ISet<(Guid Subject, Guid Stream)> into) => Collect(value, into, 0);

    private static void Collect(object? value, ISet<(Guid Subject, Guid Stream)> into, int depth)
    {
        // Events are records a few levels deep; the bound only guards against a cycle no event has.
        if (depth > 32) return;
        switch (value)
        {
            case null or string or ValueType: return;
            case PersonalData data:
                if (!data.Erased) into.Add((data.DataSubjectId, data.StreamId ?? SubjectKeyStore.PersonWide));
                return;
            case PersonalText text:
                if (text.Erased) return;
                if (text.DataSubjectIds.Count == 0) into.Add((Guid.Empty, text.StreamId));
                foreach (var subject in text.DataSubjectIds) into.Add((subject, text.StreamId));
                return;
            case IEnumerable items:
                foreach (var item in items) Collect(item, into, depth + 1);
                return;
        }
        var type = value.GetType();
        // Only the ledger's own types hold personal values; framework objects are not walked.
        if (type.Namespace?.StartsWith("AuditLedger", StringComparison.Ordinal) != true) return;
        foreach (var property in Properties.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !p.IsDefined(typeof(JsonIgnoreAttribute)))]))
            Collect(property.GetValue(value), into, depth + 1);
    }
}
