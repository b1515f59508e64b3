namespace AuditLedger.Domain.Common;

using AuditLedger.Domain.Law;

public static class Chronology
{
    /// <summary>Refuses an action dated before the start of the stream it is recorded on.</summary>
    public static void NotBefore(EventContext context, DateTimeOffset streamStart, string what)
    {
        if (context.OccurredAt < streamStart)
            throw new LedgerRuleViolation(Rules.OccurredBeforeStart,
                $"The action is dated {context.OccurredAt:O}, before the {what} at {streamStart:O}.");
    }
}
