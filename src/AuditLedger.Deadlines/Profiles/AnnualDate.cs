namespace AuditLedger.Deadlines.Profiles;

/// <summary>A month and day recurring every year (e.g. 12-29 for the year-end closure).</summary>
public readonly record struct AnnualDate(int Month, int Day)
{
    public override string ToString() => $"{Month:00}-{Day:00}";
}
