namespace AuditLedger.Domain.Tests.Support;

/// <summary>Fixed moments (JST) the tests decide at. The tests never read the system clock.</summary>
public static class Clock
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static readonly DateTimeOffset FileRegisteredAt = new(2025, 4, 1, 9, 0, 0, Jst);
    public static readonly DateTimeOffset RecordAcquiredAt = new(2025, 4, 10, 10, 0, 0, Jst);
    public static readonly DateTimeOffset IncidentDetectedAt = new(2025, 5, 20, 15, 0, 0, Jst);
    /// <summary>When the actions under test happened.</summary>
    public static readonly DateTimeOffset ActionAt = new(2025, 6, 2, 10, 0, 0, Jst);
    /// <summary>The moment every command is decided (recorded) at.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 2, 11, 30, 0, Jst);
}
