// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 是正の勧告 — after the board's opinion, to a seriously improper business.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Recommends correction (是正勧告) to a business found seriously improper, after hearing the review board.</summary>
public sealed record RecommendCorrection : OversightCommand
{
    [PersonalText]
    public string Recommendation { get; init; } = "";

    public override OversightStep Step => OversightStep.RecommendCorrection;
    protected override string Text => Recommendation;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Recommendation, nameof(Recommendation), "勧告の内容", "recommendation");

    protected override string Ground(OversightCase oversight) => "是正の勧告 / correction recommended";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new CorrectionRecommended(CaseId, text, context);
}
