using AuditLedger.Deadlines.Calendars;
using AuditLedger.Deadlines.Profiles;
using NodaTime;

namespace AuditLedger.Deadlines;

/// <summary>
/// Computes statutory deadlines from a jurisdiction profile and the facts of a case. Pure: no clock, no I/O.
/// The arithmetic is Civil Code 第6章 (民法第138条-第143条) as each profile instructs; see COUNTING_RULES.md.
/// </summary>
public static class DeadlineEngine
{
    private static readonly Citation CivilCode141 = new("民法第141条（期間は、その末日の終了をもって満了する）", "Civil Code Art. 141 (a period ends at the end of its last day)");

    private static readonly Citation EquinoxCitation = new(
        "国民の祝日に関する法律第2条（春分の日：春分日、秋分の日：秋分日）; 春分日・秋分日は国立天文台の暦要項（毎年2月官報）による。未公表年は近似式（『新こよみ便利帳』、1980-2099年）",
        "National Holidays Act Art. 2 (vernal/autumnal equinox day); the days are those the National Astronomical Observatory's 暦要項 states each February; unpublished years by the approximation formula (新こよみ便利帳, 1980-2099)");

    public static DeadlineResult Compute(JurisdictionProfile profile, string clockId, DeadlineFacts facts)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(facts);
        var clock = profile.Clocks.GetValueOrDefault(clockId ?? "")
            ?? throw new DeadlineException(DeadlineErrorCodes.UnknownClock,
                $"管轄 {profile.Id} に期限 '{clockId}' の定めはありません（定めのある期限: {string.Join(", ", profile.Clocks.Keys)}）",
                $"jurisdiction {profile.Id} provides no clock '{clockId}' (it provides: {string.Join(", ", profile.Clocks.Keys)})");
        var calendar = profile.Calendar;
        Validate(clock, facts);
        calendar.EnsureCovered(facts.Start);

        var rules = new List<AppliedRule>();
        var start = facts.Start;
        // 民法第140条 (初日不算入): "…があった日から N日" — day 1 is the day after the event (ExcludeFirstDay);
        // a text saying "翌日から起算して" says the same in words (FromNextDay); "…の日と…の日との間に N日を置く"
        // (第27条第3項) excludes both end days, so day 1 is also the day after (ClearInterval). Only a text that
        // counts the event day itself (IncludeFirstDay) starts on it.
        var firstCounted = clock.StartRule == StartRule.IncludeFirstDay ? start : start.PlusDays(1);
        rules.Add(new AppliedRule("start", StartJa(clock, start, firstCounted), StartEn(clock, start, firstCounted), clock.StartRuleCitation));
        rules.Add(new AppliedRule("length",
            $"{clock.Name.Ja}: 期間は{clock.LengthDays}日",
            $"{clock.Name.En}: the period is {clock.LengthDays} days",
            clock.Citation));

        // Which days do not count. A 補正 pause leaves out the days from the day after the correction was requested
        // up to and including the day it was completed (「当該補正に要した日数」, Art. 25(1)/35(1)/42(1) ただし書).
        // A vacancy leaves out its first through last day (「当該期間の日数」, Art. 26(2)/36(2)/43(2)).
        // Only days inside the running period matter, and a day covered twice is one day (the walk below sees each day once).
        var formRanges = clock.FormCorrectionPause.Applies
            ? facts.FormCorrections.Select(f => new DayRange(f.Requested.PlusDays(1), f.Completed)).Where(r => r.Last >= r.First).ToList()
            : [];
        var vacancyRanges = clock.ChairVacancyPause.Applies ? facts.ChairVacancies.ToList() : [];

        // 第25条第2項・第35条第2項・第42条第2項: the extension lengthens "同項に規定する期間" — the same period, counted
        // the same way from the same start, with the same pauses; the closed-day rule then applies once, at its end.
        var extension = facts.ExtensionDays;
        var total = clock.LengthDays + extension;
        var day = firstCounted.PlusDays(-1);
        var counted = 0;
        int formDays = 0, vacancyDays = 0, bothDays = 0;
        while (counted < total)
        {
            day = day.PlusDays(1);
            if (day > calendar.CoverageLast) calendar.EnsureCovered(day);
            var inForm = formRanges.Any(r => day >= r.First && day <= r.Last);
            var inVacancy = vacancyRanges.Any(r => day >= r.First && day <= r.Last);
            if (inForm) formDays++;
            if (inVacancy) vacancyDays++;
            if (inForm && inVacancy) bothDays++;
            if (!inForm && !inVacancy) counted++;
        }
        var lastCounted = day;
        var paused = formDays + vacancyDays - bothDays;

        AddPauseRules(rules, clock, facts, formDays, vacancyDays, bothDays);

        if (extension > 0)
            rules.Add(new AppliedRule("extension",
                $"期間を{extension}日延長（上限{clock.MaxExtensionDays}日）: 算入する日数は計{total}日",
                $"period extended by {extension} days (at most {clock.MaxExtensionDays}): {total} days counted in all",
                clock.ExtensionCitation!));

        // 民法第141条: the period ends at the end of its last day, so the last counted day is the due date. For the
        // 第27条第3項 interval the last counted day is the last clear day; disclosure may happen the day after.
        LocalDate unadjusted;
        if (clock.StartRule == StartRule.ClearInterval)
        {
            unadjusted = lastCounted.PlusDays(1);
            rules.Add(new AppliedRule("interval-end",
                $"間に置く{clock.LengthDays}日の最終日は {Iso(lastCounted)}。実施できる最も早い日は翌日 {Iso(unadjusted)}",
                $"the last of the {clock.LengthDays} clear days is {Iso(lastCounted)}; the earliest permitted day is the next day, {Iso(unadjusted)}",
                clock.StartRuleCitation));
        }
        else
        {
            unadjusted = lastCounted;
            rules.Add(new AppliedRule("period-end",
                $"期間の末日は {Iso(lastCounted)}（その日の終了をもって満了）",
                $"the last day of the period is {Iso(lastCounted)} (the period ends at the end of that day)",
                CivilCode141));
        }

        var due = ApplyClosedDayRule(profile, clock, calendar, unadjusted, rules);
        // The calendar is consulted only for the days from the last counted day to the due date (the closed-day rule);
        // where one of them lies in a year whose equinox days are not yet published, the date rests on a forecast.
        var forecastYears = Enumerable.Range(unadjusted.Year, due.Year - unadjusted.Year + 1).Where(y => !calendar.EquinoxesPublished(y)).ToList();
        if (forecastYears.Count > 0)
            rules.Add(new AppliedRule("equinox-forecast",
                $"{string.Join("・", forecastYears.Select(y => $"{y}年"))}の春分の日・秋分の日は未公表（毎年2月に翌年分が官報の暦要項で公表される）のため、近似式による予測日で休日を判定した。公表後に異なれば期限も変わりうる",
                $"the vernal and autumnal equinox days of {string.Join(", ", forecastYears)} are not yet published (the 暦要項 in the official gazette publishes the next year's each February), so the approximation formula's forecast was used; the date may change once they are published",
                EquinoxCitation));
        return new DeadlineResult(profile.Id, clock.Id, due, unadjusted, paused, rules)
        {
            CalendarVersion = calendar.Version,
            EquinoxForecastYears = forecastYears,
        };
    }

    private static LocalDate ApplyClosedDayRule(JurisdictionProfile profile, ClockDefinition clock, HolidayCalendar calendar, LocalDate date, List<AppliedRule> rules)
    {
        if (clock.OnClosedDay == ClosedDayTreatment.NoAdjustment)
        {
            rules.Add(new AppliedRule("closed-day", $"{Iso(date)} が休日でも調整しない", $"no adjustment for closed days: {Iso(date)} stands", clock.ClosedDayCitation));
            return date;
        }
        // 民法第142条 / 地方自治法第4条の2第4項: when the last day is a day the office is closed, the period ends on the
        // next day; if that day is closed too, on the next open day after it (a run of closed days such as 12/29-1/3).
        var reasonsJa = new List<string>();
        var reasonsEn = new List<string>();
        var d = date;
        while (profile.OfficeClosed.ClosedReason(d, calendar) is { } reason)
        {
            reasonsJa.Add($"{Iso(d)}（{reason.Ja}）");
            reasonsEn.Add($"{Iso(d)} ({reason.En})");
            d = d.PlusDays(1);
        }
        if (d == date)
        {
            rules.Add(new AppliedRule("closed-day",
                $"{Iso(date)} は開庁日のため調整なし",
                $"{Iso(date)} is an open day: no adjustment",
                clock.ClosedDayCitation));
        }
        else
        {
            rules.Add(new AppliedRule("closed-day",
                $"休日 {string.Join("、", reasonsJa)} に当たるため、翌開庁日 {Iso(d)} とする",
                $"closed day {string.Join(", ", reasonsEn)}, so it moves to the next open day, {Iso(d)}",
                clock.ClosedDayCitation));
            rules.Add(new AppliedRule("office-closed",
                "休日の根拠", "why those days are closed", profile.OfficeClosed.Citation));
        }
        return d;
    }

    private static void AddPauseRules(List<AppliedRule> rules, ClockDefinition clock, DeadlineFacts facts, int formDays, int vacancyDays, int bothDays)
    {
        if (facts.FormCorrections.Count > 0)
        {
            if (clock.FormCorrectionPause.Applies)
                rules.Add(new AppliedRule("form-correction-pause",
                    $"補正に要した日数（補正を求めた日の翌日から補正が完了した日まで）のうち期間内の{formDays}日を算入しない: {string.Join("、", facts.FormCorrections.Select(f => $"{Iso(f.Requested)}→{Iso(f.Completed)}"))}",
                    $"{formDays} day(s) inside the period spent on correction of form (from the day after it was requested through the day it was completed) are not counted: {string.Join(", ", facts.FormCorrections.Select(f => $"{Iso(f.Requested)}->{Iso(f.Completed)}"))}",
                    clock.FormCorrectionPause.Citation!));
            else
                rules.Add(new AppliedRule("form-correction-not-paused",
                    "この期限には補正日数を算入しない旨の定めがないため、補正の日数も算入する",
                    "this clock has no rule leaving out correction-of-form days, so they are counted",
                    clock.FormCorrectionPause.Citation ?? clock.Citation));
        }
        if (facts.ChairVacancies.Count > 0)
        {
            if (clock.ChairVacancyPause.Applies)
                rules.Add(new AppliedRule("chair-vacancy-pause",
                    $"議長及び副議長がともに欠けている期間のうち期間内の{vacancyDays}日を算入しない: {string.Join("、", facts.ChairVacancies.Select(v => $"{Iso(v.First)}〜{Iso(v.Last)}"))}",
                    $"{vacancyDays} day(s) inside the period with neither chair nor vice-chair are not counted: {string.Join(", ", facts.ChairVacancies.Select(v => $"{Iso(v.First)}..{Iso(v.Last)}"))}",
                    clock.ChairVacancyPause.Citation!));
            else
                rules.Add(new AppliedRule("chair-vacancy-not-paused",
                    "この期限には議長・副議長の欠員期間を算入しない旨の定めがないため、その日数も算入する",
                    "this clock has no rule leaving out chair-vacancy days, so they are counted",
                    clock.ChairVacancyPause.Citation ?? clock.Citation));
        }
        if (bothDays > 0)
            rules.Add(new AppliedRule("overlap",
                $"補正と欠員が重なる{bothDays}日は1日として1回だけ除く",
                $"{bothDays} day(s) covered by both a correction of form and a vacancy are left out once",
                clock.Citation));
    }

    private static void Validate(ClockDefinition clock, DeadlineFacts facts)
    {
        foreach (var f in facts.FormCorrections)
            if (f.Completed < f.Requested)
                throw new DeadlineException(DeadlineErrorCodes.RangeEndBeforeStart,
                    $"補正の完了日 {Iso(f.Completed)} が補正を求めた日 {Iso(f.Requested)} より前です（補正に要した日数を数えられません）",
                    $"correction of form completed {Iso(f.Completed)} before it was requested {Iso(f.Requested)}; the days spent on it cannot be counted");
        foreach (var v in facts.ChairVacancies)
            if (v.Last < v.First)
                throw new DeadlineException(DeadlineErrorCodes.RangeEndBeforeStart,
                    $"欠員期間の最終日 {Iso(v.Last)} が初日 {Iso(v.First)} より前です",
                    $"vacancy ends {Iso(v.Last)} before it begins {Iso(v.First)}");
        var ext = facts.ExtensionDays;
        if (ext < 0)
            throw new DeadlineException(DeadlineErrorCodes.ExtensionNegative,
                $"延長日数 {ext} は負です。延長は期間を延ばすものに限られます（{clock.ExtensionCitation?.Ja ?? clock.Citation.Ja}）",
                $"extension of {ext} days is negative; an extension can only lengthen the period ({clock.ExtensionCitation?.En ?? clock.Citation.En})");
        if (ext > 0 && clock.MaxExtensionDays == 0)
            throw new DeadlineException(DeadlineErrorCodes.ExtensionNotProvided,
                $"期限 {clock.Id}（{clock.Citation.Ja}）には延長の定めがありません",
                $"clock {clock.Id} ({clock.Citation.En}) has no provision for extension");
        if (ext > clock.MaxExtensionDays)
            throw new DeadlineException(DeadlineErrorCodes.ExtensionTooLong,
                $"延長は{clock.MaxExtensionDays}日以内に限られます（{clock.ExtensionCitation!.Ja}）。{ext}日は認められません",
                $"an extension may not exceed {clock.MaxExtensionDays} days ({clock.ExtensionCitation!.En}); {ext} days is not allowed");
    }

    private static string StartJa(ClockDefinition clock, LocalDate start, LocalDate first) => clock.StartRule switch
    {
        StartRule.ExcludeFirstDay => $"起点日 {Iso(start)} は算入せず（初日不算入）、翌日 {Iso(first)} を1日目として数える",
        StartRule.FromNextDay => $"起点日 {Iso(start)} の翌日 {Iso(first)} から起算する",
        StartRule.IncludeFirstDay => $"起点日 {Iso(start)} を1日目として数える（初日算入）",
        StartRule.ClearInterval => $"起点日 {Iso(start)} と実施日の間に{clock.LengthDays}日を置く（両端の日を含まない）。{Iso(first)} を1日目として数える",
        _ => throw new InvalidOperationException(),
    };

    private static string StartEn(ClockDefinition clock, LocalDate start, LocalDate first) => clock.StartRule switch
    {
        StartRule.ExcludeFirstDay => $"the start day {Iso(start)} is not counted; day 1 is {Iso(first)}",
        StartRule.FromNextDay => $"counted from the day after {Iso(start)}: day 1 is {Iso(first)}",
        StartRule.IncludeFirstDay => $"the start day {Iso(start)} is day 1",
        StartRule.ClearInterval => $"{clock.LengthDays} clear days must lie between {Iso(start)} and the permitted day (neither end counts); day 1 is {Iso(first)}",
        _ => throw new InvalidOperationException(),
    };

    private static string Iso(LocalDate d) => HolidayCalendar.Iso(d);
}
