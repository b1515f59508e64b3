namespace AuditLedger.Host.Requests;

using System.Linq.Expressions;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Projections.Deadlines;
using System.Globalization;
using Marten;
using Npgsql;
using NpgsqlTypes;

/// <summary>Which clocks a deadline query returns.</summary>
public enum DeadlineFilter
{
    /// <summary>Every clock that still asks something of someone.</summary>
    Open,
    /// <summary>Office clocks past their due date and not met (期限超過).</summary>
    Overdue,
    /// <summary>Open clocks due from today to the end of this week (Sunday).</summary>
    DueThisWeek,
    /// <summary>Open clocks due within the given number of days (today included).</summary>
    DueWithin,
}

/// <summary>One clock of one case as it stands today.</summary>
public sealed record DeadlineRow(
    Guid CaseId,
    RequestKind Kind,
    string JurisdictionId,
    string ClockId,
    string NameJa,
    string NameEn,
    string ArticleJa,
    string ArticleEn,
    ClockParty Party,
    DateOnly StartedOn,
    DateOnly? DueOn,
    int? DaysLeft,
    ClockState State,
    int PausedDays,
    int ExtensionDays,
    DateOnly? MetOn,
    string? Problem)
{
    /// <summary>
    /// The years whose 春分の日・秋分の日 are not yet published and on whose forecast the due date rests; empty when the date
    /// rests on published holidays only. Such a date may move when the 暦要項 of the year is published (each February).
    /// </summary>
    public IReadOnlyList<int> EquinoxForecastYears { get; init; } = [];

    /// <summary>The holiday calendar the date was counted with: the one in force (HolidayCalendar.Version).</summary>
    public string CalendarVersion { get; init; } = "";
}

/// <summary>A case's clocks today, with the history of how each date moved and the rules each applied.</summary>
public sealed record CaseDeadlineReport(Guid CaseId, RequestKind Kind, string JurisdictionId, CaseStatus Status, DateOnly Today,
    IReadOnlyList<DeadlineRow> Clocks, IReadOnlyList<ClockChange> History, IReadOnlyDictionary<string, IReadOnlyList<Deadlines.AppliedRule>> Rules)
{
    /// <summary>The holiday calendar in force, which every clock above was counted with (HolidayCalendar.Version).</summary>
    public string CalendarVersion { get; init; } = "";

    /// <summary>
    /// The calendar the stored history was counted with, when it is not the one in force (the view awaits its rebuild at
    /// start-up; its clocks above are recounted with the calendar in force, its history is not); null when current.
    /// </summary>
    public string? HistoryCalendarVersion { get; init; }
}

/// <summary>
/// "What is due, by when, and what is late": reads the deadline view (a projection) against today's date in Japan.
/// A clock paused for a correction of form is counted up to today, so its provisional date moves on each day of the pause.
/// </summary>
public sealed class DeadlineQueries(IQuerySession session, LedgerJurisdictions jurisdictions, TimeProvider time)
{
    /// <summary>How many days ahead a running clock counts as due soon (期限間近).</summary>
    public const int DueSoonDays = 7;

    public DateOnly Today => JapanDate.Of(time.GetUtcNow());

    /// <summary>
    /// The clocks a filter asks for today, from the slim rows (<see cref="CaseOpenClocks"/>: one constant statement,
    /// <see cref="OpenRowsSql"/>, over an indexed column). A case whose rows cannot be read as stored (a pause running past
    /// its last step, or counted with a calendar no longer in force) is read from its full view instead, recounted as
    /// <see cref="Report"/> does.
    /// </summary>
    public async Task<IReadOnlyList<DeadlineRow>> Find(DeadlineFilter filter, int withinDays, CancellationToken ct)
    {
        CheckWithin(withinDays);
        var today = Today;
        var cases = await OpenRows(today, ct);
        // The rows hold the unmet clocks only, which is enough to tell a running pause: only the decision clock is counted to
        // a day, and once met or stopped it shows in no filter, however it was counted.
        var recount = cases.Where(c => !ReadableAsStored(c.Clocks, c.LastStepOn, c.CalendarVersion, today)).Select(c => c.Id).ToList();
        var views = recount.Count == 0 ? [] : (await session.LoadManyAsync<CaseDeadlines>(ct, recount)).ToDictionary(v => v.Id);
        var rows = cases.SelectMany(c => views.TryGetValue(c.Id, out var view)
            ? Rows(view, today)
            : Rows(c.Id, c.Kind, c.JurisdictionId, c.Clocks, today));
        return Select(rows, filter, withinDays, today);
    }

    /// <summary>
    /// The statement the deadline list runs, in the store's schema: the slim rows of the cases that still ask something on
    /// day $1 (<see cref="DateOnly.DayNumber"/>), only the fields the list shows, each read straight from the document
    /// (<c>-&gt;</c>, <c>-&gt;&gt;</c>), of the session's tenant only ($2: the table is conjoined, every body's rows in it). Plain SQL rather than a LINQ select: Marten builds a projected object per row in the
    /// database (jsonb_build_object, jsonb_strip_nulls, a date cast), which costs the server about ten times the reading.
    /// Marten's table for <see cref="CaseOpenClocks"/> is mt_doc_ and its lower-cased name.
    /// </summary>
    public static string OpenRowsSql(string schema) => $"""
        select id, data ->> 'Kind', data ->> 'JurisdictionId', data ->> 'CalendarVersion', data ->> 'LastStepOn', data -> 'Clocks'
        from {schema}.mt_doc_{nameof(CaseOpenClocks).ToLowerInvariant()} where open_through_day >= $1 and tenant_id = $2
        """;

    private static readonly string OpenRowsStatement = OpenRowsSql(LedgerConfiguration.SchemaName);

    /// <summary>One case's slim rows as the deadline list reads them.</summary>
    private sealed record OpenRow(Guid Id, RequestKind Kind, string JurisdictionId, string CalendarVersion, DateOnly LastStepOn, IReadOnlyList<CaseClock> Clocks);

    private async Task<List<OpenRow>> OpenRows(DateOnly day, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(OpenRowsStatement) { Parameters = { new() { Value = day.DayNumber, NpgsqlDbType = NpgsqlDbType.Integer }, new() { Value = session.TenantId, NpgsqlDbType = NpgsqlDbType.Varchar } } };
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        var rows = new List<OpenRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new OpenRow(reader.GetGuid(0), Enum.Parse<RequestKind>(reader.GetString(1)), reader.GetString(2),
                // A document written before versions were kept has none: read as stale, so from the full view.
                await reader.IsDBNullAsync(3, ct) ? "" : reader.GetString(3),
                DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                session.DocumentStore.Options.Serializer().FromJson<List<CaseClock>>(reader, 5)));
        return rows;
    }

    public async Task<CaseDeadlineReport> ForCase(Guid caseId, CancellationToken ct)
    {
        var view = await session.LoadAsync<CaseDeadlines>(caseId, ct)
            ?? throw new StreamNotFound(LedgerAppender.StreamKind<RequestCase>(), caseId);
        return Report(view, Today);
    }

    /// <summary>
    /// The clocks of the given views that a filter asks for, read on <paramref name="day"/>: what the deadline view
    /// shows that day. The live query reads today's views; the auditors' replay reads the views folded as of a past instant.
    /// </summary>
    public IReadOnlyList<DeadlineRow> Select(IEnumerable<CaseDeadlines> views, DeadlineFilter filter, int withinDays, DateOnly day)
    {
        CheckWithin(withinDays);
        var stillAsks = StillAsksSomething(day).Compile();
        return Select(views.Where(stillAsks).SelectMany(v => Rows(v, day)), filter, withinDays, day);
    }

    /// <summary>The rows a filter asks for among the clocks read on <paramref name="day"/>, soonest due first.</summary>
    private static IReadOnlyList<DeadlineRow> Select(IEnumerable<DeadlineRow> rows, DeadlineFilter filter, int withinDays, DateOnly day)
    {
        var endOfWeek = day.AddDays((7 - (int)day.DayOfWeek) % 7);
        var last = filter switch
        {
            DeadlineFilter.DueThisWeek => endOfWeek,
            DeadlineFilter.DueWithin => day.AddDays(withinDays),
            _ => DateOnly.MaxValue,
        };
        return [.. rows
            .Where(r => filter == DeadlineFilter.Overdue ? r.State == ClockState.Overdue : r.State.IsOpen() && (r.DueOn is null || r.DueOn <= last))
            .OrderBy(r => r.DueOn ?? DateOnly.MaxValue).ThenBy(r => r.CaseId).ThenBy(r => r.ClockId)];
    }

    /// <summary>One case's clocks read on <paramref name="day"/>, with how each date moved and the rules applied.</summary>
    public CaseDeadlineReport Report(CaseDeadlines view, DateOnly day) =>
        new(view.Id, view.Kind, view.JurisdictionId, view.Status, day, Rows(view, day), view.History,
            CurrentClocks(view, day).ToDictionary(c => c.ClockId, c => c.Rules))
        {
            CalendarVersion = CalendarInForce,
            HistoryCalendarVersion = view.CalendarVersion == CalendarInForce ? null : view.CalendarVersion,
        };

    /// <summary>The version of the holiday calendar in force.</summary>
    public string CalendarInForce => jurisdictions.Calendar.Version;

    /// <summary>A view that still asks something of someone on the day: an office clock unmet, or a window still open.</summary>
    private static Expression<Func<CaseDeadlines, bool>> StillAsksSomething(DateOnly day)
    {
        var dayNumber = day.DayNumber;
        return v => v.HasUnmetOfficeClock || v.LatestUnmetDueDay >= dayNumber;
    }

    private static void CheckWithin(int withinDays)
    {
        if (withinDays is < 0 or > 3660)
            throw new InvalidCommand([new FieldError("within", "日数は0から3660までで指定してください。", "Give the number of days as 0 to 3660.")]);
    }

    private IReadOnlyList<DeadlineRow> Rows(CaseDeadlines view, DateOnly today) =>
        Rows(view.Id, view.Kind, view.JurisdictionId, CurrentClocks(view, today), today);

    /// <summary>The rows of one case's clocks read on <paramref name="today"/>, whether from its full view or its slim rows.</summary>
    private IReadOnlyList<DeadlineRow> Rows(Guid caseId, RequestKind kind, string jurisdictionId, IEnumerable<CaseClock> clocks, DateOnly today) =>
        [.. clocks.Select(c => ClockReading.On(c, today, DueSoonDays)).Select(r => new DeadlineRow(
            caseId, kind, jurisdictionId, r.Clock.ClockId, r.Clock.NameJa, r.Clock.NameEn, r.Clock.ArticleJa, r.Clock.ArticleEn,
            r.Clock.Party, r.Clock.StartedOn, r.Clock.DueOn, r.DaysLeft, r.State, r.Clock.PausedDays, r.Clock.ExtensionDays, r.Clock.MetOn, r.Clock.Problem)
        {
            EquinoxForecastYears = r.Clock.EquinoxForecastYears,
            CalendarVersion = CalendarInForce,
        })];

    /// <summary>
    /// The stored clocks, except that a pause still running is counted up to today, and that a view counted with another
    /// holiday calendar than the one in force (awaiting its rebuild, see CalendarRefresh) is recounted from its facts.
    /// </summary>
    private IReadOnlyList<CaseClock> CurrentClocks(CaseDeadlines view, DateOnly today)
    {
        if (ReadableAsStored(view.Clocks, view.Case.LastStepOn, view.CalendarVersion, today)) return view.Clocks;
        var paused = PausedPast(view.Clocks, view.Case.LastStepOn, today);
        return CaseClocks.Of(view.Case, jurisdictions.Catalog.Get(view.JurisdictionId), paused ? today : null);
    }

    /// <summary>Whether stored clocks read on <paramref name="today"/> as they are: no pause running past the last step, the calendar in force.</summary>
    private bool ReadableAsStored(IEnumerable<CaseClock> clocks, DateOnly lastStepOn, string calendarVersion, DateOnly today) =>
        !PausedPast(clocks, lastStepOn, today) && calendarVersion == CalendarInForce;

    /// <summary>A clock paused for a 補正 read after the case's last step: its provisional date is counted up to today.</summary>
    private static bool PausedPast(IEnumerable<CaseClock> clocks, DateOnly lastStepOn, DateOnly today) =>
        clocks.Any(c => c.Paused) && today > lastStepOn;
}

/// <summary>The filter names the service and the command line accept.</summary>
public static class DeadlineFilters
{
    public static DeadlineFilter Parse(string? name, int? within) => (name?.Trim().ToLowerInvariant()) switch
    {
        null or "" => within is null ? DeadlineFilter.Open : DeadlineFilter.DueWithin,
        "open" => DeadlineFilter.Open,
        "overdue" => DeadlineFilter.Overdue,
        "this-week" => DeadlineFilter.DueThisWeek,
        "within" => DeadlineFilter.DueWithin,
        _ => throw new InvalidCommand([new FieldError("filter", "filter は open, overdue, this-week, within のいずれかです。",
            "The filter is one of: open, overdue, this-week, within.")]),
    };
}
