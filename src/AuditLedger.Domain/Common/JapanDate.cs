namespace AuditLedger.Domain.Common;

/// <summary>
/// The calendar day an instant falls on in Japan (JST, UTC+9, no daylight saving). Statutory periods are counted in
/// these days (民法第140条: periods counted in days start from a day, not an instant).
/// </summary>
public static class JapanDate
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The Japanese calendar day of an instant as yyyy-MM-dd.</summary>
    public static string Iso(DateTimeOffset instant) => Of(instant).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first instant of a Japanese calendar day.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
