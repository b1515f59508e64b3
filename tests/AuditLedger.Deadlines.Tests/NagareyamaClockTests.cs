using static AuditLedger.Deadlines.Tests.Profiles;

namespace AuditLedger.Deadlines.Tests;

// 流山市「個人情報保護制度の概要」: disclosure "請求書を提出した日の翌日から起算して14日以内";
// correction "請求書を提出した日から30日以内" (read with 民法第140条: 初日不算入). Closed last day: 民法第142条.
public class NagareyamaClockTests
{
    [Fact]
    public void disclosure_decision_counts_fourteen_days_from_the_day_after_submission()
    {
        // Submitted Mon 2026-06-01; day 1 = 06-02; day 14 = Mon 06-15.
        var r = Due(Nagareyama, "disclosure-decision", "2026-06-01");
        r.DueDate.ShouldBe(D("2026-06-15"));
        r.Rules[0].Citation.Ja.ShouldContain("翌日から起算して14日以内");
    }

    [Fact]
    public void disclosure_decision_ending_on_a_substitute_holiday_moves_to_the_next_day()
    {
        // Submitted 2026-04-22; day 14 = Wed 05-06 (振替休日); next open day Thu 05-07.
        Due(Nagareyama, "disclosure-decision", "2026-04-22").DueDate.ShouldBe(D("2026-05-07"));
    }

    [Fact]
    public void disclosure_decision_ending_on_the_moved_2021_marine_day_moves_past_the_long_weekend()
    {
        // Submitted 2021-07-08; day 14 = Thu 07-22 (海の日, moved), 07-23 スポーツの日, weekend; Mon 07-26.
        Due(Nagareyama, "disclosure-decision", "2021-07-08").DueDate.ShouldBe(D("2021-07-26"));
    }

    [Fact]
    public void disclosure_decision_ending_in_the_year_end_closure_moves_into_january()
    {
        // Submitted 2026-12-15; day 14 = Tue 12-29 (year-end closure) → Mon 2027-01-04.
        Due(Nagareyama, "disclosure-decision", "2026-12-15").DueDate.ShouldBe(D("2027-01-04"));
    }

    [Fact]
    public void disclosure_decision_has_no_extension_in_the_overview() =>
        Should.Throw<DeadlineException>(() => Due(Nagareyama, "disclosure-decision", "2026-06-01", extension: 14))
            .Code.ShouldBe(DeadlineErrorCodes.ExtensionNotProvided);

    [Fact]
    public void disclosure_decision_is_not_paused_by_a_correction_of_form_because_the_overview_provides_none()
    {
        var r = Due(Nagareyama, "disclosure-decision", "2026-06-01", corrections: [("2026-06-03", "2026-06-08")]);
        r.DueDate.ShouldBe(D("2026-06-15"));
        r.Rules.ShouldContain(x => x.Code == "form-correction-not-paused");
    }

    [Fact]
    public void correction_decision_counts_thirty_days_from_the_day_after_submission()
    {
        // "請求書を提出した日から30日以内", 初日不算入: 2026-06-01 + 30 = Wed 07-01.
        Due(Nagareyama, "correction-decision", "2026-06-01").DueDate.ShouldBe(D("2026-07-01"));
    }

    [Fact]
    public void correction_decision_ending_on_a_sunday_after_a_common_year_february_moves_to_monday()
    {
        // 2025-01-31 + 30 = Sun 2025-03-02 → Mon 03-03.
        Due(Nagareyama, "correction-decision", "2025-01-31").DueDate.ShouldBe(D("2025-03-03"));
    }

    [Theory]
    [InlineData("suspension-decision")]
    [InlineData("large-volume-portion")]
    [InlineData("correction-request")]
    [InlineData("suspension-request")]
    [InlineData("disclosure-method-request")]
    [InlineData("third-party-objection")]
    public void clocks_the_overview_does_not_state_are_refused_as_unknown_for_nagareyama(string clock)
    {
        var e = Should.Throw<DeadlineException>(() => Due(Nagareyama, clock, "2026-06-01"));
        e.Code.ShouldBe(DeadlineErrorCodes.UnknownClock);
        e.MessageEn.ShouldContain("nagareyama-city");
    }
}
