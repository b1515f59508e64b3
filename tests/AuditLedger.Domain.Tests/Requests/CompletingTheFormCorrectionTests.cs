using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 19(3), 32(3), 39(3): the requester completed the correction of form; the days it took do not count (Art. 25(1) proviso).
public sealed class CompletingTheFormCorrectionTests
{
    [Fact]
    public void the_clerk_records_the_completed_correction_and_the_decision_falls_due_later_by_the_days_it_took()
    {
        var c = Verified().Then(new RequestFormCorrection { Deficiency = "住所の記載がない" }, Day(2025, 6, 3));
        var completed = c.ShouldDecide<FormCorrectionCompleted>(new CompleteFormCorrection(), Day(2025, 6, 9));

        completed.Context.Ground.Article.Japanese.ShouldBe("第19条第3項");
        c.State.FormCorrectionIsPending.ShouldBeFalse();
        c.State.FormCorrections.ShouldBe([new FormCorrectionSpan(new DateOnly(2025, 6, 3), new DateOnly(2025, 6, 9))]);
        var decision = CaseClocks.Of(c.State, Urayasu).Single(k => k.ClockId == "disclosure-decision");
        decision.DueOn!.Value.ShouldBeGreaterThan(new DateOnly(2025, 7, 2));
    }

    [Fact]
    public void completing_a_correction_of_form_never_asked_for_is_refused_citing_article_19_3_or_39_3()
    {
        Verified().ShouldRefuse(new CompleteFormCorrection(), Day(2025, 6, 3), "case.no-form-correction-pending", "第19条第3項");
        Verified(RequestKind.Suspension).ShouldRefuse(new CompleteFormCorrection(), Day(2025, 6, 3), "case.no-form-correction-pending", "第39条第3項");
    }
}
