namespace AuditLedger.Projections.Reporting;

using AuditLedger.Domain.Common;

/// <summary>Who recorded something and when (business time and recording time), as read models repeat it from an event's context.</summary>
public sealed record Recorded(Actor Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt)
{
    public static Recorded From(EventContext context) => new(context.Actor, context.OccurredAt, context.RecordedAt);
}
