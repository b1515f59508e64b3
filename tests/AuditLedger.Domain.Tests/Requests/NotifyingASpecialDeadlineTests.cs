using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 26(1), 36(1), 43(1): the clerk notifies, within the ordinary period, that the special deadline applies and by when.
public sealed class NotifyingASpecialDeadlineTests
{
    private static readonly NotifySpecialDeadline Notice = new() { Reason = "対象文書が著しく大量である", StatedDueDate = new DateOnly(2025, 9, 30) };

    [Fact]
    public void the_clerk_notifies_the_special_deadline_and_the_decision_falls_due_on_the_stated_date()
    {
        var c = Verified();
        var notified = c.ShouldDecide<SpecialDeadlineNotified>(Notice, Day(2025, 6, 16));

        notified.StatedDueDate.ShouldBe(new DateOnly(2025, 9, 30));
        notified.Context.Ground.Article.Japanese.ShouldBe("第26条第1項");
        c.State.SpecialDueDate.ShouldBe(new DateOnly(2025, 9, 30));
        CaseClocks.Of(c.State, Urayasu).Single(k => k.ClockId == "disclosure-decision").DueOn.ShouldBe(new DateOnly(2025, 9, 30));
    }

    [Fact]
    public void a_special_deadline_where_the_jurisdiction_provides_none_is_refused_citing_article_26_1()
    {
        Received(profile: Nagareyama).ShouldRefuse(Notice with { StatedDueDate = new DateOnly(2025, 9, 1) }, Day(2025, 6, 5),
            "case.special-deadline-not-provided", "第26条第1項");
    }

    [Fact]
    public void a_special_deadline_notified_after_the_ordinary_period_is_refused_citing_article_26_1()
    {
        var c = Verified();
        c.ShouldRefuse(Notice, Day(2025, 7, 3), "case.special-deadline-notice-late", "第26条第1項");
        c.ShouldDecide<SpecialDeadlineNotified>(Notice, Day(2025, 7, 2));
    }

    [Fact]
    public void a_stated_date_not_after_the_running_deadline_is_refused_citing_article_26_1_2()
    {
        Verified().ShouldRefuse(Notice with { StatedDueDate = new DateOnly(2025, 7, 2) }, Day(2025, 6, 16), "case.special-deadline-before-ordinary", "第26条第1項第2号");
    }
}
