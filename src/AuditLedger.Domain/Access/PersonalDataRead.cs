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

/// <summary>Finds whose personal data an object (an event, a list of events) carries.</summary>
public static class PersonalDataSubjects
{
    public static IReadOnlyList<Guid> In(object? value)
    {
        var subjects = new HashSet<Guid>();
        Walk(value, subjects, 0);
        return [.. subjects];
    }

    private static void Walk(object? value, HashSet<Guid> subjects, int depth)
    {
        if (value is null || depth > 8) return;
        switch (value)
        {
            case PersonalData data:
                subjects.Add(data.DataSubjectId);
                return;
            case PersonalText text:
                subjects.UnionWith(text.DataSubjectIds);
                return;
            case string or Guid or DateTimeOffset or DateOnly or Enum or ValueType:
                return;
            case IDictionary dictionary:
                foreach (var item in dictionary.Values) Walk(item, subjects, depth + 1);
                return;
            case IEnumerable items:
                foreach (var item in items) Walk(item, subjects, depth + 1);
                return;
        }
        var type = value.GetType();
        if (type.Namespace?.StartsWith("AuditLedger", StringComparison.Ordinal) != true) return;
        foreach (var property in type.GetProperties())
            if (property.GetIndexParameters().Length == 0) Walk(property.GetValue(value), subjects, depth + 1);
    }
}
