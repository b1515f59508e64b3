namespace AuditLedger.Projections.Reporting;

using AuditLedger.Domain.Common;

/// <summary>
/// Who did something and when (business time and recording time), as read models repeat it from an event's context:
/// <see cref="Actor"/> acted; <see cref="RecordedBy"/> (the authenticated principal) recorded it, and differs only for an
/// import line or a late entry, which then carry <see cref="ActedByStatement"/>. Null on events stored before issue 9.
/// </summary>
public sealed record Recorded(Actor Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt)
{
    public Actor? RecordedBy { get; init; }

    public string? ActedByStatement { get; init; }

    public static Recorded From(EventContext context) =>
        new(context.Actor, context.OccurredAt, context.RecordedAt) { RecordedBy = context.RecordedBy, ActedByStatement = context.ActedByStatement };
}
