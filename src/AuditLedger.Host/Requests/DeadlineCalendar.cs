namespace AuditLedger.Host.Requests;

using AuditLedger.Deadlines;
using AuditLedger.Projections.Reporting;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Wolverine.Http;

/// <summary>
/// The office's deadlines as an iCalendar feed (RFC 5545, with Ical.Net) that an office calendar subscribes to: one all-day
/// VEVENT on the due date of each open clock of the deadline list (<see cref="DeadlineQueries"/>, the same rows as
/// <c>/api/deadlines</c>). Summary: the kind of request, the case's short reference (the first 8 digits of its id) and the
/// clock; description: the article, who must meet it and its state when the feed was read. Ids, dates and articles only:
/// never a name, an address or other personal data. The UID is stable per case and clock, so a moved date (a pause, an
/// extension) updates the same event. A calendar sends no header: the token may come as <c>?access_token=</c> (GET only,
/// see Access/LedgerSecurity).
/// </summary>
public static class DeadlineCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string Route = "/api/calendar/deadlines.ics";
    public const string Name = "期限一覧（個人情報保護条例）";

    /// <summary>A clock's event id: the same for a case and clock whatever its date.</summary>
    public static string Uid(Guid caseId, string clockId) => $"{caseId:D}-{clockId}@auditledger";

    /// <summary>The short reference by which a case is named outside the ledger (no personal data).</summary>
    public static string Reference(Guid caseId) => Web.StreamReference.Short(caseId);

    /// <summary>The feed's text: an event for each row that has a due date.</summary>
    public static string Write(IReadOnlyList<DeadlineRow> rows, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//AuditLedger//deadlines//JA" };
        calendar.AddProperty("X-WR-CALNAME", Name);
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Tokyo");
        var stamp = new CalDateTime(now.UtcDateTime);
        foreach (var row in rows)
        {
            if (row.DueOn is not { } due) continue;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = Uid(row.CaseId, row.ClockId),
                Summary = $"{CaseLabels.Kind(row.Kind)} {Reference(row.CaseId)}: {row.NameJa}",
                Description = string.Join("\n",
                [
                    $"根拠: {row.ArticleJa}",
                    $"期限日: {JapaneseDateInput.Wareki(due)} {due:yyyy-MM-dd}",
                    $"期限を守る者: {CaseLabels.Of(row.Party)}",
                    $"状態（{JapaneseDateInput.Wareki(Domain.Common.JapanDate.Of(now))}現在）: {CaseLabels.State(row.State)}",
                    $"事案ID: {row.CaseId}",
                ]),
                Start = new CalDateTime(due),
                End = new CalDateTime(due.AddDays(1)),
                DtStamp = stamp,
                Categories = ["期限"],
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

/// <summary>The feed over HTTP: the same access as the deadline list it is made of (bearer token, or access_token on GET).</summary>
public static class DeadlineCalendarEndpoints
{
    /// <summary>The open clocks' due dates as an iCalendar feed (text/calendar) to subscribe to in the office calendar.</summary>
    [WolverineGet(DeadlineCalendar.Route), Tags("Deadlines"), Access.CalendarFeed]
    public static async Task<IResult> Feed(DeadlineQueries queries, TimeProvider time, CancellationToken ct)
    {
        var rows = await queries.Find(DeadlineFilter.Open, DeadlineQueries.DueSoonDays, ct);
        return Results.Text(DeadlineCalendar.Write(rows, time.GetUtcNow()), DeadlineCalendar.ContentType);
    }
}
