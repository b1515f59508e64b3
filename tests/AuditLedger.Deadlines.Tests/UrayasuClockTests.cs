using static AuditLedger.Deadlines.Tests.Profiles;

namespace AuditLedger.Deadlines.Tests;

// 浦安市議会の個人情報の保護に関する条例（案）. Counting: 民法第140条 (初日不算入: day 1 is the day after the event),
// 第141条 (the period ends at the end of its last day), 第142条 / 地方自治法第4条の2 (a last day on which the office
// is closed — Saturday, Sunday, national holiday, 12/29-1/3 — moves to the next open day).
public class UrayasuClockTests
{
    private const string Disclosure = "disclosure-decision";

    [Fact]
    public void disclosure_decision_counts_thirty_days_from_the_day_after_the_request()
    {
        // Art. 25(1) "開示請求があった日から30日以内", 初日不算入: request Wed 2026-04-01, day 1 = 04-02, day 30 = Fri 05-01.
        var r = Due(Urayasu, Disclosure, "2026-04-01");
        r.DueDate.ShouldBe(D("2026-05-01"));
        r.Rules.Select(x => x.Code).ShouldBe(["start", "length", "period-end", "closed-day"]);
        r.Rules[0].Citation.Ja.ShouldContain("民法第140条");
        r.Rules[1].Citation.Ja.ShouldBe("第25条第1項");
    }

    [Fact]
    public void disclosure_decision_ending_on_a_saturday_moves_to_monday()
    {
        // Art. 25(1): 2026-05-14 + 30 = Sat 06-13; 民法第142条: closed Sat 06-13 and Sun 06-14, so Mon 06-15.
        Due(Urayasu, Disclosure, "2026-05-14").DueDate.ShouldBe(D("2026-06-15"));
    }

    [Fact]
    public void disclosure_decision_ending_on_a_sunday_in_golden_week_moves_past_the_whole_run_of_closed_days()
    {
        // Art. 25(1): 2026-04-03 + 30 = Sun 05-03 (憲法記念日); 05-04, 05-05 holidays, 05-06 振替休日; next open day Thu 05-07.
        var r = Due(Urayasu, Disclosure, "2026-04-03");
        r.DueDate.ShouldBe(D("2026-05-07"));
        r.UnadjustedDate.ShouldBe(D("2026-05-03"));
        r.Rules.ShouldContain(x => x.Code == "closed-day" && x.En.Contains("2026-05-06") && x.Citation.Ja.Contains("民法第142条"));
    }

    [Fact]
    public void disclosure_decision_ending_on_a_national_holiday_moves_to_the_next_day()
    {
        // Art. 25(1): 2026-08-24 + 30 = Wed 09-23 (秋分の日); next open day Thu 09-24.
        Due(Urayasu, Disclosure, "2026-08-24").DueDate.ShouldBe(D("2026-09-24"));
    }

    [Fact]
    public void disclosure_decision_ending_on_the_2019_enthronement_day_moves_past_the_ten_day_holiday()
    {
        // Art. 25(1): 2019-04-01 + 30 = 05-01 (即位の日); 05-02..05-06 closed as well; next open day Tue 05-07.
        Due(Urayasu, Disclosure, "2019-04-01").DueDate.ShouldBe(D("2019-05-07"));
    }

    [Fact]
    public void disclosure_decision_ending_on_the_moved_2020_marine_day_moves_past_the_olympic_long_weekend()
    {
        // Art. 25(1): 2020-06-23 + 30 = Thu 07-23 (海の日, moved); 07-24 スポーツの日, weekend; next open day Mon 07-27.
        Due(Urayasu, Disclosure, "2020-06-23").DueDate.ShouldBe(D("2020-07-27"));
    }

    [Fact]
    public void disclosure_decision_ending_in_the_year_end_closure_moves_to_the_first_open_day_of_january()
    {
        // Art. 25(1): 2026-11-29 + 30 = Tue 12-29; 12-29..01-03 closed (year-end days of the profile); Mon 2027-01-04.
        var r = Due(Urayasu, Disclosure, "2026-11-29");
        r.DueDate.ShouldBe(D("2027-01-04"));
        r.Rules.ShouldContain(x => x.Code == "closed-day" && x.Ja.Contains("年末年始の休日"));
    }

    [Fact]
    public void disclosure_decision_crossing_february_of_a_leap_year_counts_february_29()
    {
        // Art. 25(1): 2024-01-31 + 30 days (Feb 2024 has 29 days) = Fri 2024-03-01.
        Due(Urayasu, Disclosure, "2024-01-31").DueDate.ShouldBe(D("2024-03-01"));
    }

    [Fact]
    public void disclosure_decision_crossing_february_of_a_common_year_ends_one_day_later_in_march()
    {
        // Art. 25(1): 2026-01-31 + 30 days (Feb 2026 has 28 days) = Mon 2026-03-02. Days, not months: 民法第143条 not used.
        Due(Urayasu, Disclosure, "2026-01-31").DueDate.ShouldBe(D("2026-03-02"));
    }

    [Fact]
    public void days_spent_on_a_correction_of_form_are_not_counted()
    {
        // Art. 25(1) proviso: 補正 requested 06-05, completed 06-07 → 06-06 and 06-07 (2 days) not counted.
        // 2026-06-01 + 30 + 2 = Fri 07-03.
        var r = Due(Urayasu, Disclosure, "2026-06-01", corrections: [("2026-06-05", "2026-06-07")]);
        r.DueDate.ShouldBe(D("2026-07-03"));
        r.PausedDays.ShouldBe(2);
        r.Rules.ShouldContain(x => x.Code == "form-correction-pause" && x.Citation.Ja.Contains("第25条第1項ただし書"));
    }

    [Fact]
    public void a_correction_of_form_completed_the_day_it_was_requested_pauses_nothing()
    {
        // Art. 25(1) proviso: the days spent run from the day after the request through completion: none here.
        Due(Urayasu, Disclosure, "2026-06-01", corrections: [("2026-06-05", "2026-06-05")]).DueDate.ShouldBe(D("2026-07-01"));
    }

    [Fact]
    public void days_with_neither_chair_nor_vice_chair_are_not_counted()
    {
        // Art. 26(2): vacancy 06-10..06-11 (2 days) not counted; 2026-06-01 + 32 = Fri 07-03.
        var r = Due(Urayasu, Disclosure, "2026-06-01", vacancies: [("2026-06-10", "2026-06-11")]);
        r.DueDate.ShouldBe(D("2026-07-03"));
        r.Rules.ShouldContain(x => x.Code == "chair-vacancy-pause" && x.Citation.Ja.Contains("第26条第2項"));
    }

    [Fact]
    public void overlapping_pauses_count_each_day_once()
    {
        // 補正 06-05→06-10 leaves out 06-06..06-10; vacancy 06-08..06-12 overlaps on 06-08..06-10.
        // Union 06-06..06-12 = 7 days; 2026-06-01 + 37 = Wed 07-08.
        var r = Due(Urayasu, Disclosure, "2026-06-01", corrections: [("2026-06-05", "2026-06-10")], vacancies: [("2026-06-08", "2026-06-12")]);
        r.DueDate.ShouldBe(D("2026-07-08"));
        r.PausedDays.ShouldBe(7);
        r.Rules.ShouldContain(x => x.Code == "overlap");
    }

    [Fact]
    public void a_pause_entirely_after_the_due_date_moves_nothing()
    {
        // Art. 26(2) counts only vacancy days inside the running period: due Wed 07-01, vacancy from 07-10.
        var r = Due(Urayasu, Disclosure, "2026-06-01", vacancies: [("2026-07-10", "2026-07-20")]);
        r.DueDate.ShouldBe(D("2026-07-01"));
        r.PausedDays.ShouldBe(0);
    }

    [Fact]
    public void a_pause_before_the_request_moves_nothing()
    {
        Due(Urayasu, Disclosure, "2026-06-01", vacancies: [("2026-05-01", "2026-06-01")]).DueDate.ShouldBe(D("2026-07-01"));
    }

    [Fact]
    public void a_thirty_day_extension_adds_thirty_days_to_the_period()
    {
        // Art. 25(2): 30 + 30 = 60 days; 2026-06-01 + 60 = Fri 07-31.
        var r = Due(Urayasu, Disclosure, "2026-06-01", extension: 30);
        r.DueDate.ShouldBe(D("2026-07-31"));
        r.Rules.ShouldContain(x => x.Code == "extension" && x.Citation.Ja.Contains("第25条第2項"));
    }

    [Fact]
    public void an_extension_beyond_thirty_days_is_refused()
    {
        // Art. 25(2) "30日以内に限り延長".
        var e = Should.Throw<DeadlineException>(() => Due(Urayasu, Disclosure, "2026-06-01", extension: 31));
        e.Code.ShouldBe(DeadlineErrorCodes.ExtensionTooLong);
        e.MessageJa.ShouldContain("第25条第2項");
        e.MessageEn.ShouldContain("Art. 25(2)");
    }

    [Fact]
    public void a_negative_extension_is_refused() =>
        Should.Throw<DeadlineException>(() => Due(Urayasu, Disclosure, "2026-06-01", extension: -1))
            .Code.ShouldBe(DeadlineErrorCodes.ExtensionNegative);

    [Fact]
    public void a_correction_of_form_completed_before_it_was_requested_is_refused() =>
        Should.Throw<DeadlineException>(() => Due(Urayasu, Disclosure, "2026-06-01", corrections: [("2026-06-10", "2026-06-05")]))
            .Code.ShouldBe(DeadlineErrorCodes.RangeEndBeforeStart);

    [Fact]
    public void correction_decision_ending_on_new_years_eve_with_extension_ending_on_a_saturday_moves_to_monday()
    {
        // Art. 35(1): 2026-12-01 + 30 = Thu 12-31 (year-end closure) → Mon 2027-01-04.
        Due(Urayasu, "correction-decision", "2026-12-01").DueDate.ShouldBe(D("2027-01-04"));
        // Art. 35(2): + 30 → 2026-12-01 + 60 = Sat 2027-01-30 → Mon 2027-02-01. The closed year-end days in the
        // middle of the period count: only the last day is moved (民法第142条).
        Due(Urayasu, "correction-decision", "2026-12-01", extension: 30).DueDate.ShouldBe(D("2027-02-01"));
    }

    [Fact]
    public void correction_decision_leaves_out_correction_of_form_and_vacancy_days()
    {
        // Art. 35(1) proviso (補正 06-05→06-07: 2 days) and Art. 36(2) (vacancy 06-20..06-20: 1 day): 2026-06-01 + 33 = Sat 07-04 → Mon 07-06.
        var r = Due(Urayasu, "correction-decision", "2026-06-01", corrections: [("2026-06-05", "2026-06-07")], vacancies: [("2026-06-20", "2026-06-20")]);
        r.DueDate.ShouldBe(D("2026-07-06"));
        r.Rules.ShouldContain(x => x.Citation.Ja.Contains("第36条第2項"));
    }

    [Fact]
    public void suspension_decision_counts_thirty_days_and_may_be_extended_by_thirty()
    {
        // Art. 42(1): 2024-01-31 + 30 = Fri 2024-03-01 (leap February). Art. 42(2): + 30 → 2024-03-31 Sun → Mon 04-01.
        Due(Urayasu, "suspension-decision", "2024-01-31").DueDate.ShouldBe(D("2024-03-01"));
        Due(Urayasu, "suspension-decision", "2024-01-31", extension: 30).DueDate.ShouldBe(D("2024-04-01"));
        // Art. 43(2): a 3-day vacancy: 2024-01-31 + 33 = Mon 2024-03-04.
        Due(Urayasu, "suspension-decision", "2024-01-31", vacancies: [("2024-02-05", "2024-02-07")]).DueDate.ShouldBe(D("2024-03-04"));
    }

    [Fact]
    public void large_volume_substantial_part_is_due_sixty_days_after_the_request()
    {
        // Art. 26(1) "開示請求があった日から60日以内", 初日不算入: 2026-06-01 + 60 = Fri 07-31.
        Due(Urayasu, "large-volume-portion", "2026-06-01").DueDate.ShouldBe(D("2026-07-31"));
    }

    [Fact]
    public void large_volume_period_is_not_paused_because_article_26_provides_no_pause_for_it()
    {
        // Interpretation (COUNTING_RULES.md): Art. 26(1) has no 補正 exclusion and 26(2) speaks of the Art. 25 period.
        var r = Due(Urayasu, "large-volume-portion", "2026-06-01", corrections: [("2026-06-05", "2026-06-10")], vacancies: [("2026-06-20", "2026-06-25")]);
        r.DueDate.ShouldBe(D("2026-07-31"));
        r.Rules.ShouldContain(x => x.Code == "form-correction-not-paused");
        r.Rules.ShouldContain(x => x.Code == "chair-vacancy-not-paused");
    }

    [Fact]
    public void large_volume_period_cannot_be_extended() =>
        Should.Throw<DeadlineException>(() => Due(Urayasu, "large-volume-portion", "2026-06-01", extension: 10))
            .Code.ShouldBe(DeadlineErrorCodes.ExtensionNotProvided);

    [Fact]
    public void correction_request_window_is_ninety_days_from_the_day_the_disclosure_was_received()
    {
        // Art. 31(3): 2026-04-01 + 90 = Tue 06-30.
        Due(Urayasu, "correction-request", "2026-04-01").DueDate.ShouldBe(D("2026-06-30"));
        // Ending on 海の日 Mon 2026-07-20: 地方自治法第4条の2第4項 / 休日条例: the next day, Tue 07-21.
        var r = Due(Urayasu, "correction-request", "2026-04-21");
        r.DueDate.ShouldBe(D("2026-07-21"));
        r.Rules.ShouldContain(x => x.Code == "closed-day" && x.Citation.Ja.Contains("地方自治法第4条の2第4項"));
    }

    [Fact]
    public void suspension_request_window_ending_on_january_third_moves_to_the_first_open_day()
    {
        // Art. 38(3): 2026-10-05 + 90 = Sun 2027-01-03 (year-end closure and Sunday) → Mon 2027-01-04.
        Due(Urayasu, "suspension-request", "2026-10-05").DueDate.ShouldBe(D("2027-01-04"));
    }

    [Fact]
    public void request_windows_cannot_be_extended() =>
        Should.Throw<DeadlineException>(() => Due(Urayasu, "suspension-request", "2026-10-05", extension: 1))
            .Code.ShouldBe(DeadlineErrorCodes.ExtensionNotProvided);

    [Fact]
    public void disclosure_method_request_is_due_thirty_days_after_the_decision_notice_was_received()
    {
        // Art. 28(4): notice 2026-01-31 + 30 = Mon 2026-03-02 (common-year February); 2024-01-31 + 30 = Fri 2024-03-01 (leap).
        Due(Urayasu, "disclosure-method-request", "2026-01-31").DueDate.ShouldBe(D("2026-03-02"));
        Due(Urayasu, "disclosure-method-request", "2024-01-31").DueDate.ShouldBe(D("2024-03-01"));
    }

    [Fact]
    public void third_party_objection_leaves_two_clear_weeks_between_decision_and_disclosure()
    {
        // Art. 27(3): decision Mon 2026-06-01; 14 clear days 06-02..06-15; earliest disclosure Tue 06-16.
        var r = Due(Urayasu, "third-party-objection", "2026-06-01");
        r.DueDate.ShouldBe(D("2026-06-16"));
        r.Rules.ShouldContain(x => x.Code == "interval-end");
    }

    [Fact]
    public void third_party_objection_earliest_day_on_a_saturday_moves_to_the_next_open_day()
    {
        // Art. 27(3): decision Fri 2026-06-05; clear days 06-06..06-19; 06-20 is a Saturday, so the office's first
        // open day, Mon 06-22, is the earliest day disclosure can be carried out (COUNTING_RULES.md).
        Due(Urayasu, "third-party-objection", "2026-06-05").DueDate.ShouldBe(D("2026-06-22"));
    }

    [Fact]
    public void third_party_objection_interval_cannot_be_extended() =>
        Should.Throw<DeadlineException>(() => Due(Urayasu, "third-party-objection", "2026-06-01", extension: 5))
            .Code.ShouldBe(DeadlineErrorCodes.ExtensionNotProvided);

    [Fact]
    public void urayasu_provides_all_eight_clocks() =>
        Urayasu.Clocks.Keys.Order().ShouldBe(AuditLedger.Deadlines.Profiles.ClockIds.All.Order());
}
