// 第19条第3項、第32条第3項、第39条第3項 (Art. 19(3), 32(3), 39(3)): 補正の完了 / the correction of form is complete, and the clock counts again.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>The requester completed the correction of form.</summary>
public sealed record CompleteFormCorrection : CaseCommand
{
    public static readonly LedgerRule NoFormCorrectionPending = new(
        "case.no-form-correction-pending", Ordinance(19, 3),
        "求めている補正がありません。補正の完了は、補正を求めた後にのみ記録できます（第19条第3項、第32条第3項、第39条第3項）。",
        "No correction of form is pending; its completion can only follow a request for it (Art. 19(3), 32(3), 39(3)).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (!c.FormCorrectionIsPending) throw CaseRefusal.Of(NoFormCorrectionPending, articles.FormCorrection);
        return [new FormCorrectionCompleted(c.Id, Context(now, articles.FormCorrection, "補正の完了 / correction of form completed"))];
    }
}
