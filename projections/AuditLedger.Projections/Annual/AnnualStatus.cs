namespace AuditLedger.Projections.Annual;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Projections;

/// <summary>A file registered or retired in the year (Art. 17).</summary>
public sealed record FileEntry(Guid FileId, FileKind Kind, DateOnly On, bool Retired);

/// <summary>
/// A request received in the year, as it stood at the end of the year (31 March): decided (with the outcome of the
/// decision, not of a later review), withdrawn, or still open (処理中, carried into the next year).
/// </summary>
public sealed class RequestEntry
{
    public Guid CaseId { get; set; }
    public RequestKind Kind { get; set; }
    public RequesterType RequesterType { get; set; }
    public string JurisdictionId { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public CaseStatus StatusAtYearEnd { get; set; }
    public CaseOutcome? OutcomeAtYearEnd { get; set; }

    /// <summary>The request as a later year starts it: open (it is carried over only when it was).</summary>
    public RequestEntry OpenFromTheStart() => new()
    {
        CaseId = CaseId, Kind = Kind, RequesterType = RequesterType, JurisdictionId = JurisdictionId, ReceivedOn = ReceivedOn,
        StatusAtYearEnd = CaseStatus.Open,
    };
}

/// <summary>
/// A decision made in the year (Art. 24, 34, 41), whenever its request was received, read against the clock it meets:
/// the decision clock (or, for the part decided first under Art. 26, the large-volume clock) as the case's facts set it
/// on that day, extensions and 補正 included.
/// </summary>
public sealed record DecisionEntry(
    Guid CaseId, RequestKind Kind, DateOnly DecidedOn, CaseOutcome Outcome, DecisionScope Scope, DateOnly ReceivedOn,
    string? ClockId, DateOnly? DueOn, bool? InTime, bool Extended);

/// <summary>An extension (Art. 25(2), 35(2), 42(2)) or a special-deadline notice (Art. 26(1), 36(1), 43(1)) made in the year.</summary>
public sealed record ExtensionEntry(Guid CaseId, RequestKind Kind, DateOnly On, bool Special, int Days, DateOnly DueAfter);

public enum ReviewStep
{
    /// <summary>審査請求 (Art. 44).</summary>
    Requested,
    /// <summary>諮問 (Art. 45(1)).</summary>
    Consulted,
    /// <summary>諮問をしない (Art. 45(1)(1)-(4)).</summary>
    ConsultationException,
    /// <summary>答申.</summary>
    BoardReported,
    /// <summary>裁決.</summary>
    Ruled,
}

/// <summary>A step of a review case taken in the year.</summary>
public sealed record ReviewEntry(
    Guid ReviewId, ReviewStep Step, DateOnly On, RequestKind? CaseKind = null, ReviewTarget? Target = null, bool ByThirdParty = false,
    ConsultationException? Exception = null, ReviewOutcome? Outcome = null);

/// <summary>A leak, loss or damage detected in the year (Art. 9, 11), as it stood at the end of the year.</summary>
public sealed class IncidentEntry
{
    public Guid IncidentId { get; set; }
    public IncidentKind Kind { get; set; }
    public DateOnly DetectedOn { get; set; }
    public int Persons { get; set; }
    public int Records { get; set; }
    /// <summary>One of the serious kinds the chair defines, as assessed by the end of the year (null: not yet assessed).</summary>
    public bool? Serious { get; set; }
    public DateOnly? ClosedOn { get; set; }
}

/// <summary>A purpose-external use (Art. 12) or a provision (Art. 12, 13, 15) made in the year, with its ground.</summary>
public sealed record UseEntry(Guid RecordId, RecordAction Action, UseGround Ground, string Article, DateOnly On, RecipientKind? RecipientKind);

/// <summary>
/// The facts of one fiscal year (年度, April-March, Japan dates) the annual enforcement status (Art. 51) is counted from.
/// Each list holds what happened in the year; requests and incidents are those received or detected in the year, as they
/// stood on 31 March. No personal data: ids, kinds, dates and grounds only. The tables are made from it by
/// <see cref="AnnualStatusReport"/>.
/// </summary>
public sealed class AnnualStatus
{
    /// <summary>The fiscal year, by the calendar year it starts in (2025 = 令和7年度).</summary>
    public int Id { get; set; }
    public List<FileEntry> Files { get; set; } = [];
    public List<RequestEntry> Requests { get; set; } = [];
    /// <summary>
    /// Requests received in an earlier year and still open when the year began (前年度からの繰越) that had a step in the year,
    /// as they stood on 31 March. A carried-over request with no step in the year was still open at its end.
    /// </summary>
    public List<RequestEntry> CarriedIn { get; set; } = [];
    public List<DecisionEntry> Decisions { get; set; } = [];
    public List<ExtensionEntry> Extensions { get; set; } = [];
    public List<ReviewEntry> Reviews { get; set; } = [];
    public List<IncidentEntry> Incidents { get; set; } = [];
    public List<UseEntry> Uses { get; set; } = [];

    /// <summary>
    /// Each request case this year's facts need, replayed with the domain's Evolve up to the last of its events routed
    /// here (its version): the cases received this year, and those received earlier with a step this year (their clocks
    /// on the day of that step). Sorted by id, so that a rebuild writes the same document as the live projection.
    /// </summary>
    public SortedDictionary<Guid, RequestCase> Cases { get; set; } = [];

    /// <summary>
    /// The holiday calendar the decisions' "in time" was counted with. A year counted with another calendar than the one
    /// in force is stale and rebuilt at start-up (CalendarRefresh), so the in-time count follows a corrected calendar.
    /// </summary>
    public string CalendarVersion { get; set; } = "";
}

/// <summary>
/// Keeps one <see cref="AnnualStatus"/> per fiscal year. Most events belong to the year of their own business day. A
/// request case's events also go to the year the case was received in (so that its row shows where it stood on 31
/// March), and a step of a case received in an earlier year comes with the case's earlier events (so that the year
/// replays the case and reads its clocks on that day); an incident's events go to the year of its detection. Where a
/// stream started is read from its first event in the store, which never changes: a rebuild routes every event exactly
/// as the live projection did.
/// </summary>
public sealed class AnnualStatusProjection : MultiStreamProjection<AnnualStatus, int>
{
    private readonly ProfileCatalog _profiles;

    public AnnualStatusProjection(ProfileCatalog profiles)
    {
        _profiles = profiles;
        Name = nameof(AnnualStatus);
        foreach (var type in EventTypes) IncludeType(type);
        CustomGrouping(Route);
        // Each page read rewrites the year's document (every case's state, its personal data sealed again): pages of
        // 10,000 events rather than the daemon's default make a rebuild or a catch-up write it that many times less.
        Options.BatchSize = 10_000;
    }

    /// <summary>
    /// Every event of the requests module (the replay of a case needs them all), and the file, review, incident and record
    /// events counted.
    /// </summary>
    private static readonly Type[] EventTypes =
    [
        .. RequestsModule.Module.EventTypes,
        typeof(FileRegistered), typeof(FileRetired),
        typeof(ReviewRequested), typeof(BoardConsulted), typeof(ConsultationExceptionApplied), typeof(BoardReportReceived), typeof(ReviewRuled),
        typeof(LeakIncidentReported), typeof(LeakIncidentAssessed), typeof(LeakIncidentClosed),
        typeof(RecordUsedOutsidePurpose), typeof(RecordProvided),
    ];

    /// <summary>The events of a request case's stream, by its module: they are routed to the year the case was received in.</summary>
    private static readonly HashSet<Type> RequestCaseEventTypes = [.. RequestsModule.Module.EventTypes];

    /// <summary>The events of an incident's stream, by its module: they are routed to the year the incident was detected in.</summary>
    private static readonly HashSet<Type> IncidentEventTypes = [.. IncidentsModule.Module.EventTypes];

    private static bool IsRequestCaseEvent(object data) => RequestCaseEventTypes.Contains(data.GetType());

    private static bool IsIncidentEvent(object data) => IncidentEventTypes.Contains(data.GetType());

    private static async Task Route(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<int> grouping)
    {
        var started = await StartYears(session, events);
        var routed = new Dictionary<int, Dictionary<Guid, IEvent>>();
        var earlier = new List<(Guid CaseId, int Year, long Version)>();
        foreach (var e in events)
        {
            if (e.Data is not ILedgerEvent ledgerEvent) continue;
            var year = FiscalYear.Of(ledgerEvent.Context.OccurredAt);
            if (IsRequestCaseEvent(e.Data))
            {
                var receivedIn = started[e.StreamId];
                Add(receivedIn, e);
                if (year != receivedIn)
                {
                    Add(year, e);
                    earlier.Add((e.StreamId, year, e.Version));
                }
            }
            else if (IsIncidentEvent(e.Data)) Add(started[e.StreamId], e);
            else Add(year, e);
        }

        // A step in a later year than the case's receipt: that year replays the case from its first event.
        foreach (var steps in earlier.GroupBy(s => s.CaseId))
        {
            var stream = await session.Events.FetchStreamAsync(steps.Key, steps.Max(s => s.Version));
            foreach (var (_, year, version) in steps)
                foreach (var e in stream.Where(p => p.Version < version)) Add(year, e);
        }

        foreach (var (year, byId) in routed) grouping.AddEvents(year, byId.Values.OrderBy(e => e.Sequence));

        void Add(int year, IEvent e)
        {
            if (!routed.TryGetValue(year, out var byId)) routed[year] = byId = [];
            byId.TryAdd(e.Id, e);
        }
    }

    /// <summary>The fiscal year each request case and incident of the batch started in, from its first event.</summary>
    private static async Task<Dictionary<Guid, int>> StartYears(IQuerySession session, IReadOnlyList<IEvent> events)
    {
        var years = new Dictionary<Guid, int>();
        foreach (var e in events)
            if (e.Data is RequestReceived or LeakIncidentReported && e.Version == 1) years[e.StreamId] = FiscalYear.Of(((ILedgerEvent)e.Data).Context.OccurredAt);
        var missing = events.Where(e => (IsRequestCaseEvent(e.Data) || IsIncidentEvent(e.Data)) && !years.ContainsKey(e.StreamId))
            .Select(e => e.StreamId).Distinct().ToArray();
        if (missing.Length == 0) return years;
        var firsts = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(missing) && e.Version == 1).ToListAsync();
        foreach (var first in firsts) years[first.StreamId] = FiscalYear.Of(((ILedgerEvent)first.Data).Context.OccurredAt);
        return years;
    }

    public override AnnualStatus? Evolve(AnnualStatus? snapshot, int id, IEvent e)
    {
        // The version is that of the calendar the document was begun with, kept on later events: a document begun under
        // another calendar stays marked stale (its earlier decisions were counted with it) until it is rebuilt.
        var status = snapshot ?? new AnnualStatus { Id = id, CalendarVersion = _profiles.Calendar.Version };
        if (e.Data is not ILedgerEvent ledgerEvent) return status;
        var day = JapanDate.Of(ledgerEvent.Context.OccurredAt);
        if (IsRequestCaseEvent(e.Data))
        {
            OnCase(status, e, day);
            return status;
        }
        if (IsIncidentEvent(e.Data))
        {
            OnIncident(status, e.Data, day);
            return status;
        }
        if (FiscalYear.Of(day) != id) return status;
        switch (e.Data)
        {
            case FileRegistered f:
                status.Files.Add(new FileEntry(f.FileId, f.Kind, day, Retired: false));
                break;
            case FileRetired f:
                status.Files.Add(new FileEntry(f.FileId, status.Files.FirstOrDefault(x => x.FileId == f.FileId)?.Kind ?? FileKind.ComputerProcessed, day, Retired: true));
                break;
            case ReviewRequested r:
                status.Reviews.Add(new ReviewEntry(r.ReviewId, ReviewStep.Requested, day, r.CaseKind, r.Target, r.ByThirdParty));
                break;
            case BoardConsulted r:
                status.Reviews.Add(new ReviewEntry(r.ReviewId, ReviewStep.Consulted, day));
                break;
            case ConsultationExceptionApplied r:
                status.Reviews.Add(new ReviewEntry(r.ReviewId, ReviewStep.ConsultationException, day, Exception: r.Exception));
                break;
            case BoardReportReceived r:
                status.Reviews.Add(new ReviewEntry(r.ReviewId, ReviewStep.BoardReported, day));
                break;
            case ReviewRuled r:
                status.Reviews.Add(new ReviewEntry(r.ReviewId, ReviewStep.Ruled, day, Outcome: r.Outcome));
                break;
            case RecordUsedOutsidePurpose u:
                status.Uses.Add(new UseEntry(u.RecordId, RecordAction.PurposeExternalUse, u.Ground, u.Context.Ground.Article.Japanese, day, null));
                break;
            case RecordProvided p:
                status.Uses.Add(new UseEntry(p.RecordId, RecordAction.Provision, p.Ground, p.Context.Ground.Article.Japanese, day, p.Recipient.Kind));
                break;
        }
        return status;
    }

    private void OnCase(AnnualStatus status, IEvent e, DateOnly day)
    {
        var known = status.Cases.GetValueOrDefault(e.StreamId);
        // Already replayed here (a case's earlier events come again with each later-year step), or not from its start.
        if (known is not null ? e.Version <= known.Version : e.Data is not RequestReceived) return;
        var openBefore = known?.Status == CaseStatus.Open;
        var state = RequestCase.Evolve(known, e.Data)!;
        state.Version = e.Version;
        status.Cases[e.StreamId] = state;
        if (FiscalYear.Of(day) != status.Id) return;

        var entry = status.Requests.FirstOrDefault(r => r.CaseId == e.StreamId) ?? status.CarriedIn.FirstOrDefault(r => r.CaseId == e.StreamId);
        if (entry is null && openBefore && state.ReceivedOn < FiscalYear.FirstDay(status.Id))
        {
            // The first step this year of a request received earlier and open when the year began: carried over.
            entry = new RequestEntry
            {
                CaseId = state.Id, Kind = state.Kind, RequesterType = state.RequesterType, JurisdictionId = state.JurisdictionId,
                ReceivedOn = state.ReceivedOn, StatusAtYearEnd = CaseStatus.Open,
            };
            status.CarriedIn.Add(entry);
        }
        switch (e.Data)
        {
            case RequestReceived r:
                status.Requests.Add(new RequestEntry
                {
                    CaseId = r.CaseId, Kind = r.Kind, RequesterType = r.RequesterType, JurisdictionId = r.JurisdictionId, ReceivedOn = day,
                    StatusAtYearEnd = CaseStatus.Open,
                });
                break;
            case RequestDecided d:
                status.Decisions.Add(Decision(state, d, day));
                if (entry is not null && d.Scope != DecisionScope.SubstantialPortion)
                {
                    entry.StatusAtYearEnd = CaseStatus.Decided;
                    entry.OutcomeAtYearEnd = state.Outcome;
                }
                break;
            case RequestWithdrawn when entry is not null:
                entry.StatusAtYearEnd = CaseStatus.Withdrawn;
                break;
            case DecisionPeriodExtended x:
                status.Extensions.Add(new ExtensionEntry(x.CaseId, state.Kind, day, Special: false, x.Days, x.NewDueDate));
                break;
            case SpecialDeadlineNotified x:
                status.Extensions.Add(new ExtensionEntry(x.CaseId, state.Kind, day, Special: true, 0, x.StatedDueDate));
                break;
        }
    }

    /// <summary>The decision read against the office clock it meets on its day (the decision clock first).</summary>
    private DecisionEntry Decision(RequestCase state, RequestDecided d, DateOnly day)
    {
        var decisionClock = CaseArticles.For(state.Kind).DecisionClock;
        var met = CaseClocks.Of(state, _profiles.Get(state.JurisdictionId), day)
            .Where(c => c.Party == ClockParty.Office && c.MetOn == day)
            .OrderBy(c => c.ClockId == decisionClock ? 0 : 1)
            .Select(c => ClockReading.On(c, day, 0))
            .FirstOrDefault();
        bool? inTime = met?.State switch
        {
            ClockState.Met => true,
            ClockState.MetLate => false,
            _ => null,
        };
        return new DecisionEntry(d.CaseId, state.Kind, day, d.Outcome, d.Scope, state.ReceivedOn, met?.Clock.ClockId, met?.Clock.DueOn, inTime,
            state.ExtensionDays > 0 || state.SpecialDueDate is not null);
    }

    private static void OnIncident(AnnualStatus status, object data, DateOnly day)
    {
        if (data is LeakIncidentReported detected)
        {
            status.Incidents.Add(new IncidentEntry
            {
                IncidentId = detected.IncidentId, Kind = detected.Kind, DetectedOn = day,
                Persons = detected.AffectedPersonIds.Count, Records = detected.AffectedRecordIds.Count,
            });
            return;
        }
        // Later steps count as they stood on 31 March of the year of detection.
        if (day > FiscalYear.LastDay(status.Id)) return;
        switch (data)
        {
            case LeakIncidentAssessed a when Find(a.IncidentId) is { } incident:
                incident.Serious = a.Serious;
                break;
            case LeakIncidentClosed c when Find(c.IncidentId) is { } incident:
                incident.ClosedOn = day;
                break;
        }

        IncidentEntry? Find(Guid id) => status.Incidents.FirstOrDefault(i => i.IncidentId == id);
    }
}
