namespace AuditLedger.Host.Replay;

using System.Globalization;
using System.Text.RegularExpressions;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Reports;

/// <summary>
/// The instant a replay answers for, in <b>recorded time</b>: the ledger shows an event from the moment it recorded it
/// (Marten's event timestamp, taken from the service's clock on append, the same clock as each event's
/// <c>Context.RecordedAt</c>). "As of X" therefore means "what the ledger showed at X": an action dated earlier but
/// entered later (a late entry) is not in it, which is what an auditor needs to see. Business time (when the action
/// happened, <c>Context.OccurredAt</c>) is kept on every event and shown in each replayed document; it is not a second
/// replay axis, because folding only the events dated before X, in any order, is not a state the ledger ever held.
/// </summary>
public static partial class ReplayInstant
{
    /// <summary>
    /// Reads an instant with the ledger's one date reader (<see cref="Deadlines.JapaneseDateInput"/>): ISO 8601 with an
    /// offset (<c>2025-10-01T00:00:00+09:00</c>, <c>2025-09-30T15:00:00Z</c>), a time without one read in Japan
    /// (<c>2025-10-01T09:00</c> is 09:00 JST), full-width digits, or a day (<c>2025-10-01</c>, <c>令和7年10月1日</c>,
    /// <c>R7.10.1</c>) meaning the end of that day in Japan, or now when the day is today and its end is still to come;
    /// or <c>now</c>. An instant after <paramref name="now"/> (a later day included) is refused: the ledger cannot show
    /// what it has not recorded yet. Errors: <see cref="InvalidQuery"/> with Japanese and English text.
    /// </summary>
    public static DateTimeOffset Parse(string? value, string field, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(field, $"{field} に日時を指定してください（例: 2025-10-01T00:00:00+09:00 または 2025-10-01）。",
                $"Give {field} as an instant with its offset (e.g. 2025-10-01T00:00:00+09:00) or a day (2025-10-01, the end of that day in Japan).");
        // In a URL query a '+' not written as %2B arrives as a space: "…T00:00:00 09:00" is read as "+09:00".
        var text = SpacedOffset().Replace(value.Trim(), "+$1");
        DateTimeOffset instant;
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
            instant = now;
        else
        {
            try
            {
                var parsed = Deadlines.JapaneseDateInput.Parse(text);
                if (parsed.Time is null)
                {
                    var endOfDay = JapanDate.StartOf(parsed.Date.AddDays(1)).AddMicroseconds(-1);
                    // Today (in Japan) reads as now: its end is still to come, and what the ledger shows today is what it shows now.
                    instant = parsed.Date == JapanDate.Of(now) && endOfDay > now ? now : endOfDay;
                }
                else instant = parsed.Instant;
            }
            catch (Deadlines.DateInputException e)
            {
                throw Invalid(field, e.Japanese, e.English);
            }
        }
        if (instant > now)
            throw Invalid(field, $"{field}（{instant:O}）は現在（{now:O}）より後です。台帳は記録していないことを示せません。",
                $"{field} ({instant:O}) is after now ({now:O}): the ledger cannot show what it has not recorded yet.");
        return instant;
    }

    private static InvalidQuery Invalid(string field, string ja, string en) => new(new FieldError(field, ja, en));

    [GeneratedRegex(@"(?<=\d:\d{2}(?::\d{2}(?:\.\d+)?)?)\s(\d{2}:?\d{2})$")]
    private static partial Regex SpacedOffset();

}

/// <summary>A stream the ledger holds, but had not recorded yet at the instant asked (HTTP 404, command line exit 4).</summary>
public sealed class NotRecordedYet(string streamKind, Guid id, DateTimeOffset asOf, DateTimeOffset firstRecordedAt)
    : Exception($"The {streamKind} {id} was first recorded at {firstRecordedAt:O}, after {asOf:O}: the ledger did not show it yet.")
{
    public Guid Id { get; } = id;
}
