namespace AuditLedger.Host.Requests;

using System.Globalization;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;
using AuditLedger.Projections.Reporting;
using JasperFx.Events;
using Marten;

/// <summary>Which stream a step of the timeline belongs to.</summary>
public enum TimelineStream
{
    /// <summary>The request case itself.</summary>
    Request,
    /// <summary>A review request (審査請求) against it.</summary>
    Review,
    /// <summary>A retained record the request is about.</summary>
    Record,
}

/// <summary>Whether the step was on time, as the case's clocks read on its day.</summary>
public enum TimelineMark
{
    /// <summary>No statutory clock was running (before the request, or after every clock was met).</summary>
    NoClock,
    /// <summary>期限内: the office clocks were running and none was past its date.</summary>
    OnTime,
    /// <summary>The step met a clock by its date (期限内に履行).</summary>
    MetInTime,
    /// <summary>The step met a clock after its date (期限後に履行).</summary>
    MetLate,
    /// <summary>An office clock was past its date and not met (期限超過).</summary>
    Overdue,
    /// <summary>The decision clock was stopped for a 補正.</summary>
    Paused,
}

/// <summary>One clock of the case as read on the day of a step.</summary>
public sealed record TimelineClock(string ClockId, string NameJa, string ArticleJa, ClockParty Party, DateOnly? DueOn, ClockState State, string StateJa, int? DaysLeft);

/// <summary>
/// One event of the case, of a review of it or of a record it is about: when, who (staff id and role), on what legal
/// ground (the article and the statement the event was recorded with), what happened, and the case's clocks that day.
/// Who: <see cref="StaffId"/> and <see cref="StaffRole"/> (the title) name who acted, <see cref="ActedBy"/> in full;
/// <see cref="RecordedBy"/> is who recorded it (the authenticated principal; null on events stored before the ledger recorded it), and
/// <see cref="ActedByStatement"/> says where a late entry or an import line comes from when the two differ.
/// </summary>
public sealed record TimelineStep(
    int Number,
    long Sequence,
    TimelineStream Stream,
    Guid StreamId,
    long Version,
    string EventType,
    string EventJa,
    DateTimeOffset OccurredAt,
    DateOnly Day,
    DateTimeOffset RecordedAt,
    string StaffId,
    string StaffRole,
    string ArticleJa,
    string ArticleEn,
    string Ground,
    string Description,
    TimelineMark Mark,
    string MarkJa,
    IReadOnlyList<TimelineClock> Clocks,
    Actor ActedBy,
    Actor? RecordedBy,
    string? ActedByStatement);

/// <summary>A third party of the case (Art. 27): notified, their opinion, and the Art. 27(3) notice of disclosure.</summary>
public sealed record TimelineThirdParty(Guid ThirdPartyId, bool Mandatory, DateOnly NotifiedOn, string Identity, DateOnly? OpinionOn, bool? Objects,
    DateOnly? ToldOfDisclosureOn, DateOnly? DisclosureDate);

/// <summary>
/// The review board's timeline of one request case (Art. 45, 50): every event of the case, of its reviews and of the
/// records it is about, in the order they happened, from the events alone. Personal data (names, addresses, the
/// content of a correction) is shown only when asked for; otherwise only its kind appears.
/// </summary>
public sealed record CaseTimeline(
    Guid CaseId,
    RequestKind Kind,
    string KindJa,
    string JurisdictionId,
    string JurisdictionJa,
    DateOnly ReceivedOn,
    CaseStatus Status,
    string? OutcomeJa,
    IReadOnlyList<Guid> ReviewIds,
    IReadOnlyList<Guid> RecordIds,
    bool PersonalDataShown,
    IReadOnlyList<TimelineThirdParty> ThirdParties,
    IReadOnlyList<TimelineStep> Steps);

public static class CaseTimelines
{
    /// <summary>
    /// Reads the case's stream, the streams of its reviews (found by their ReviewRequested events) and of its records, and
    /// orders their events by the time they happened (ties in the order they were recorded). The clocks at each step are
    /// those of the case replayed with the domain's Evolve over its events up to that step, read with
    /// <see cref="CaseClocks"/> and <see cref="ClockReading"/> on the step's day: the same code as the deadline view.
    /// </summary>
    public static async Task<CaseTimeline> Load(IQuerySession session, ProfileCatalog profiles, Guid caseId, bool showPersonalData, CancellationToken ct)
    {
        var caseEvents = await session.Events.FetchStreamAsync(caseId, token: ct);
        if (caseEvents.Count == 0 || caseEvents[0].Data is not RequestReceived received)
            throw new StreamNotFound(LedgerAppender.StreamKind<RequestCase>(), caseId);
        var reviewIds = (await session.Events.QueryRawEventDataOnly<ReviewRequested>().Where(r => r.CaseId == caseId).ToListAsync(ct))
            .Select(r => r.ReviewId).Distinct().ToList();
        var streams = new List<(TimelineStream Stream, IReadOnlyList<IEvent> Events)> { (TimelineStream.Request, caseEvents) };
        foreach (var id in reviewIds) streams.Add((TimelineStream.Review, await session.Events.FetchStreamAsync(id, token: ct)));
        foreach (var id in received.RecordIds.Distinct()) streams.Add((TimelineStream.Record, await session.Events.FetchStreamAsync(id, token: ct)));

        var ordered = streams.SelectMany(s => s.Events.Where(e => e.Data is ILedgerEvent).Select(e => (s.Stream, Event: e)))
            .OrderBy(x => ((ILedgerEvent)x.Event.Data).Context.OccurredAt).ThenBy(x => x.Event.Sequence).ToList();

        var profile = profiles.Get(received.JurisdictionId);
        var describe = new StepDescriptions(showPersonalData);
        RequestCase? state = null;
        IReadOnlyList<ClockReading> before = [];
        var steps = new List<TimelineStep>();
        foreach (var (stream, e) in ordered)
        {
            var ledgerEvent = (ILedgerEvent)e.Data;
            var day = JapanDate.Of(ledgerEvent.Context.OccurredAt);
            if (stream == TimelineStream.Request) state = RequestCase.Evolve(state, e.Data);
            var readings = state is null ? [] : CaseClocks.Of(state, profile, day).Select(c => ClockReading.On(c, day, DeadlineQueries.DueSoonDays)).ToList();
            var mark = Mark(before, readings);
            before = readings;
            var context = ledgerEvent.Context;
            steps.Add(new TimelineStep(steps.Count + 1, e.Sequence, stream, e.StreamId, e.Version, e.EventTypeName, CaseLabels.Event(e.Data.GetType()), context.OccurredAt, day, context.RecordedAt,
                context.Actor.StaffId, context.Actor.ShownTitle, context.Ground.Article.Japanese, context.Ground.Article.English, context.Ground.Statement,
                describe.Of(e.Data), mark, MarkJa(mark),
                [.. readings.Select(r => new TimelineClock(r.Clock.ClockId, r.Clock.NameJa, r.Clock.ArticleJa, r.Clock.Party, r.Clock.DueOn, r.State,
                    CaseLabels.State(r.State), r.DaysLeft))],
                context.Actor, context.RecordedBy, context.ActedByStatement));
        }

        var final = state!;
        return new CaseTimeline(caseId, final.Kind, CaseLabels.Kind(final.Kind), final.JurisdictionId, CaseLabels.Profile(profile), final.ReceivedOn, final.Status,
            final.Outcome is { } outcome ? CaseLabels.Outcome(outcome) : null, reviewIds, [.. received.RecordIds.Distinct()], showPersonalData,
            ThirdParties(caseEvents, describe), steps);
    }

    /// <summary>
    /// A clock met at this step marks it in time or late; otherwise an office clock past its date marks it overdue, one
    /// stopped for a 補正 paused, one running on time.
    /// </summary>
    private static TimelineMark Mark(IReadOnlyList<ClockReading> before, IReadOnlyList<ClockReading> now)
    {
        var met = now.Where(r => r.State is ClockState.Met or ClockState.MetLate && r.Clock.Party != ClockParty.Interval
            && before.FirstOrDefault(b => b.Clock.ClockId == r.Clock.ClockId)?.State is not (ClockState.Met or ClockState.MetLate)).ToList();
        if (met.Count > 0) return met.Any(r => r.State == ClockState.MetLate) ? TimelineMark.MetLate : TimelineMark.MetInTime;
        var office = now.Where(r => r.Clock.Party == ClockParty.Office).ToList();
        if (office.Any(r => r.State == ClockState.Overdue)) return TimelineMark.Overdue;
        if (office.Any(r => r.State == ClockState.Paused)) return TimelineMark.Paused;
        return office.Any(r => r.State.IsOpen()) ? TimelineMark.OnTime : TimelineMark.NoClock;
    }

    public static string MarkJa(TimelineMark mark) => mark switch
    {
        TimelineMark.OnTime => "期限内",
        TimelineMark.MetInTime => "期限内に履行",
        TimelineMark.MetLate => "期限後に履行",
        TimelineMark.Overdue => "期限超過",
        TimelineMark.Paused => "停止中（補正）",
        _ => "—",
    };

    private static List<TimelineThirdParty> ThirdParties(IReadOnlyList<IEvent> caseEvents, StepDescriptions describe)
    {
        var parties = new List<TimelineThirdParty>();
        foreach (var e in caseEvents)
        {
            var day = JapanDate.Of(((ILedgerEvent)e.Data).Context.OccurredAt);
            switch (e.Data)
            {
                case ThirdPartyNotified n when parties.All(p => p.ThirdPartyId != n.ThirdPartyId):
                    parties.Add(new TimelineThirdParty(n.ThirdPartyId, n.Mandatory, day, describe.Person(n.ThirdParty), null, null, null, null));
                    break;
                case ThirdPartyOpinionReceived o:
                    Update(o.ThirdPartyId, p => p with { OpinionOn = day, Objects = o.ObjectsToDisclosure });
                    break;
                case ObjectorNotifiedOfDisclosure o:
                    Update(o.ThirdPartyId, p => p with { ToldOfDisclosureOn = day, DisclosureDate = o.DisclosureDate });
                    break;
            }
        }
        return parties;

        void Update(Guid id, Func<TimelineThirdParty, TimelineThirdParty> change)
        {
            var index = parties.FindIndex(p => p.ThirdPartyId == id);
            if (index >= 0) parties[index] = change(parties[index]);
        }
    }
}

/// <summary>What each event says, in Japanese, with personal data shown or only named by kind.</summary>
internal sealed class StepDescriptions(bool showPersonalData)
{
    public string Of(object data) => data switch
    {
        RequestReceived e => $"{CaseLabels.Kind(e.Kind)}を受付（請求者の区分: {CaseLabels.Requester(e.RequesterType)}；請求者: {Person(e.Requester)}；求める保有個人情報: {Text(e.InformationSought)}；対象の記録 {e.RecordIds.Count}件）",
        RequesterIdentityVerified e => $"本人確認（{e.IdentityDocument}{(e.AgencyDocument is { } agency ? $"；代理権: {agency}" : "")}）",
        FormCorrectionRequested e => $"補正を求めた（{Text(e.Deficiency)}）",
        FormCorrectionCompleted => "補正が完了した",
        DecisionPeriodExtended e => $"決定期限を{e.Days}日延長し、書面で通知（理由: {e.Reason}；延長後の期限 {Day(e.NewDueDate)}）",
        SpecialDeadlineNotified e => $"期限の特例を通知（理由: {e.Reason}；決定する期限 {Day(e.StatedDueDate)}）",
        ChairVacancyRecorded e => $"議長及び副議長がともに不在の期間（{Day(e.FirstDay)}～{Day(e.LastDay)}）",
        ThirdPartyNotified e => $"第三者（{Short(e.ThirdPartyId)}；{Person(e.ThirdParty)}）に意見書を提出する機会を付与（{(e.Mandatory ? "第27条第2項：必要的" : "第27条第1項：任意的")}）",
        ThirdPartyOpinionReceived e => $"第三者（{Short(e.ThirdPartyId)}）から意見書を受領（{(e.ObjectsToDisclosure ? "開示に反対（反対意見書）" : "開示に反対しない")}）",
        RequestDecided e => $"{CaseLabels.Outcome(e.Outcome)}の決定（{CaseLabels.Scope(e.Scope)}；{e.DecisionReference}；理由: {Text(e.Reasons)}）",
        DecisionNoticeDelivered => "決定の通知が請求者に到達した",
        ObjectorNotifiedOfDisclosure e => $"反対意見書を提出した第三者（{Short(e.ThirdPartyId)}）に開示決定、その理由及び開示の実施日（{Day(e.DisclosureDate)}）を通知",
        DisclosureMethodRequested e => $"開示の実施の方法の申出（{Method(e.Method)}{(e.LateReason is { } late ? $"；期間経過後の申出の理由: {Text(late)}" : "")}）",
        DisclosureImplemented e => $"開示を実施（{Method(e.Method)}）",
        CopyCostCharged e => $"写しの交付に要する費用 {e.AmountYen}円（白黒{e.MonochromePages}枚、カラー{e.ColourPages}枚）",
        ProvisionRecipientsNotified e => $"記録（{Short(e.RecordId)}）の提供先{e.Recipients.Count}件に訂正を通知（{string.Join("、", e.Recipients.Select(r => r.Name))}）",
        RequestWithdrawn e => $"請求の取下げ（{Text(e.Reason)}）",
        ReviewRulingApplied e => $"審査請求（{Short(e.ReviewId)}）の裁決（{CaseLabels.Ruling(e.Outcome)}）を事案に反映{(e.DisclosureOverObjection ? "（反対意見書を提出した第三者がいる開示：第46条）" : "")}",
        ReviewRequested e => $"審査請求（{CaseLabels.Target(e.Target)}に対するもの{(e.ByThirdParty ? "、第三者から" : "")}；審査請求人: {Person(e.Appellant)}；趣旨: {Text(e.Summary)}）",
        BoardConsulted e => $"審査会に諮問（{e.ConsultationReference}）",
        ConsultationExceptionApplied e => $"審査会に諮問しない（{CaseLabels.Exception(e.Exception)}）",
        ConsultationPartiesNotified e => $"諮問をした旨を通知（{string.Join("、", e.Parties.Select(Party))}）",
        BoardReportReceived e => $"審査会から答申（{Text(e.Conclusion)}）",
        ReviewRuled e => $"裁決: {CaseLabels.Ruling(e.Outcome)}（{Text(e.Reasons)}）",
        RecordAcquired e => $"保有個人情報を取得（利用目的: {e.PurposeOfUse}；本人: {Person(e.PersonalData)}）",
        RecordPurposeChanged e => $"利用目的を変更（{e.PreviousPurpose} → {e.NewPurpose}）",
        RecordUsedOutsidePurpose e => $"目的外利用（{CaseLabels.Ground(e.Ground)}；{e.Purpose}）",
        RecordProvided e => $"提供（提供先: {e.Recipient.Name}；{CaseLabels.Ground(e.Ground)}；{e.Purpose}）",
        RecordCorrected e => $"訂正を実施（{e.DecisionReference}；訂正内容: {Person(e.Correction)}）",
        RecordUseSuspended e => $"利用を停止（{e.DecisionReference}）",
        RecordProvisionStopped e => $"提供を停止（提供先: {e.Recipient.Name}；{e.DecisionReference}）",
        RecordErased e => $"消去・廃棄（{e.Method}{(e.DecisionReference is { } reference ? $"；{reference}" : "")}）",
        // The timeline reads request, review and record streams only, and each of their modules' events has its line above.
        _ => throw new InvalidOperationException(
            $"{NoDescription} {data.GetType().FullName}: the case timeline reads request, review and record streams, and each of their events needs its line in StepDescriptions.Of."),
    };

    /// <summary>How the refusal of an event without a description begins (a completeness test looks for it).</summary>
    public const string NoDescription = "The case timeline has no description for";

    /// <summary>Free text about the case's persons (<see cref="PersonalText"/>) when personal data is shown, else ［記述：非表示］; ［消去済み］ once erased.</summary>
    public string Text(PersonalText text) => showPersonalData || text.Erased ? text.Value : "［記述：非表示］";

    /// <summary>Personal data as values when shown, else only the kinds of data held (e.g. ［氏名・住所：非表示］).</summary>
    public string Person(IReadOnlyList<PersonalData> data)
    {
        if (data.Count == 0) return "—";
        return showPersonalData
            ? string.Join("、", data.Select(d => $"{CaseLabels.Of(d.Kind)} {d.Value}"))
            : $"［{string.Join("・", data.Select(d => CaseLabels.Of(d.Kind)).Distinct())}：非表示］";
    }

    private static string Method(DisclosureMethod method) => CaseLabels.Of(method);

    private static string Party(ConsultationParty party) => CaseLabels.Of(party);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first block of an id, enough to tell the parties of one case apart on paper.</summary>
    private static string Short(Guid id) => Web.StreamReference.Short(id);
}
