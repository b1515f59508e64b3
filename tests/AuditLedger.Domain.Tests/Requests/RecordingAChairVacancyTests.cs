using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 26(2), 36(2), 43(2): the clerk records the days on which neither chair nor vice-chair held office; they do not count.
public sealed class RecordingAChairVacancyTests
{
    [Fact]
    public void the_clerk_records_three_days_without_chair_and_vice_chair_and_the_decision_falls_due_later()
    {
        var c = Verified();
        var recorded = c.ShouldDecide<ChairVacancyRecorded>(new RecordChairVacancy { FirstDay = new DateOnly(2025, 6, 10), LastDay = new DateOnly(2025, 6, 12) }, Day(2025, 6, 13));

        recorded.Context.Ground.Article.Japanese.ShouldBe("第26条第2項");
        c.State.ChairVacancies.ShouldBe([new DaySpan(new DateOnly(2025, 6, 10), new DateOnly(2025, 6, 12))]);
        CaseClocks.Of(c.State, Urayasu).Single(k => k.ClockId == "disclosure-decision").DueOn!.Value.ShouldBeGreaterThan(new DateOnly(2025, 7, 2));
    }

    [Fact]
    public void a_vacancy_recorded_after_the_decision_is_refused_citing_article_41_for_a_suspension()
    {
        Decided(CaseOutcome.UseSuspended, RequestKind.Suspension).ShouldRefuse(
            new RecordChairVacancy { FirstDay = new DateOnly(2025, 6, 10), LastDay = new DateOnly(2025, 6, 12) }, DecidedAt, "case.already-decided", "第41条");
    }
}
