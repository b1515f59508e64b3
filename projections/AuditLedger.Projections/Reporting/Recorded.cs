namespace AuditLedger.Projections.Reporting;

using AuditLedger.Domain.Common;

/// <summary>
/// Who did something and when (business time and recording time), as read models repeat it from an event's context:
/// <see cref="Actor"/> acted; <see cref="RecordedBy"/> (the authenticated principal) recorded it, and differs only for an
/// import line or a late entry, which then carry <see cref="ActedByStatement"/>. Null on events stored before the ledger recorded the principal.
/// </summary>
public sealed record Recorded(Actor Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt)
{
    public Actor? RecordedBy { get; init; }

    public string? ActedByStatement { get; init; }

    /// <summary>
    /// Who recorded it, as a report cell: the principal, with the statement when another colleague acted; "—" on events
    /// stored before the recorder was kept. One rendering for the timeline and the register.
    /// </summary>
    public static string RecorderText(Actor? recordedBy, string? actedByStatement) =>
        recordedBy is not { } recorder ? "—"
        : actedByStatement is { } statement ? $"{recorder.Describe()}\n{statement}"
        : recorder.Describe();

    public static Recorded From(EventContext context) =>
        new(context.Actor, context.OccurredAt, context.RecordedAt) { RecordedBy = context.RecordedBy, ActedByStatement = context.ActedByStatement };
}
