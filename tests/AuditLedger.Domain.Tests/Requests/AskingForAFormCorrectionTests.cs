using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 19(3), 32(3), 39(3): the clerk asks the requester to correct a defect in the form of the request.
public sealed class AskingForAFormCorrectionTests
{
    private static readonly RequestFormCorrection Ask = new() { Deficiency = "請求に係る公文書の名称が特定されていない" };

    [Fact]
    public void the_clerk_asks_for_a_correction_of_form_and_the_decision_clock_pauses_from_that_day()
    {
        var c = Verified();
        var asked = c.ShouldDecide<FormCorrectionRequested>(Ask, Day(2025, 6, 3));

        asked.Context.Ground.Article.Japanese.ShouldBe("第19条第3項");
        c.State.FormCorrectionIsPending.ShouldBeTrue();
        c.State.FormCorrections.ShouldBe([new FormCorrectionSpan(new DateOnly(2025, 6, 3), null)]);
    }

    [Fact]
    public void asking_again_while_a_correction_of_form_is_pending_is_refused_citing_article_19_3_or_32_3()
    {
        Verified().Then(Ask, Day(2025, 6, 3)).ShouldRefuse(Ask, Day(2025, 6, 4), "case.form-correction-pending", "第19条第3項");
        Verified(RequestKind.Correction).Then(Ask, Day(2025, 6, 3)).ShouldRefuse(Ask, Day(2025, 6, 4), "case.form-correction-pending", "第32条第3項");
    }
}
