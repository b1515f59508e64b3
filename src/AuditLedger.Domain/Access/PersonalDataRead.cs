namespace AuditLedger.Domain.Access;

using System.Collections;
using AuditLedger.Domain.Common;

/// <summary>
/// Someone was shown personal data (Art. 9 安全管理措置, Art. 10 従事者の義務): who (reader id and role), whose (the data
/// subjects), from which stream, through which channel, and why. Recorded before the data is shown; if it cannot be
/// recorded, the data is not shown.
/// </summary>
public sealed record PersonalDataRead(
    Guid ReadId, string ReaderId, string ReaderRole, string Purpose, Guid StreamId, IReadOnlyList<Guid> DataSubjectIds, string Channel,
    EventContext Context) : ILedgerEvent;

/// <summary>Finds the personal data an object (an event, a list of events) carries, and whose it is.</summary>
public static class PersonalDataSubjects
{
    public static IReadOnlyList<Guid> In(object? value)
    {
        var subjects = new HashSet<Guid>();
        Walk(value, d => subjects.Add(d.DataSubjectId), t => subjects.UnionWith(t.DataSubjectIds), 0);
        return [.. subjects];
    }

    /// <summary>Every <see cref="PersonalData"/> value the object carries, in the order met (the name index reads the names among them).</summary>
    public static IReadOnlyList<PersonalData> Values(object? value)
    {
        var found = new List<PersonalData>();
        Walk(value, found.Add, _ => { }, 0);
        return found;
    }

    private static void Walk(object? value, Action<PersonalData> data, Action<PersonalText> text, int depth)
    {
        if (value is null || depth > 8) return;
        switch (value)
        {
            case PersonalData d:
                data(d);
                return;
            case PersonalText t:
                text(t);
                return;
            case string or Guid or DateTimeOffset or DateOnly or Enum or ValueType:
                return;
            case IDictionary dictionary:
                foreach (var item in dictionary.Values) Walk(item, data, text, depth + 1);
                return;
            case IEnumerable items:
                foreach (var item in items) Walk(item, data, text, depth + 1);
                return;
        }
        var type = value.GetType();
        if (type.Namespace?.StartsWith("AuditLedger", StringComparison.Ordinal) != true) return;
        foreach (var property in type.GetProperties())
            if (property.GetIndexParameters().Length == 0) Walk(property.GetValue(value), data, text, depth + 1);
    }
}
