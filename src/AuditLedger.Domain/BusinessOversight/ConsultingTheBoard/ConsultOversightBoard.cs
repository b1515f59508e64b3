// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 審査会の意見を聴く — before a recommendation, and again before publication.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>
/// Asks the review board (審査会) for its opinion: the first time on recommending correction, the second time (after the
/// hearing of a business that did not comply) on publishing the facts. The round follows from the case.
/// </summary>
public sealed record ConsultOversightBoard : OversightCommand
{
    [PersonalText]
    public string Question { get; init; } = "";

    public override OversightStep Step => OversightStep.ConsultBoard;
    protected override string Text => Question;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Question, nameof(Question), "諮る事項", "question put to the board");

    protected override string Ground(OversightCase oversight) => oversight.Consultations == 0
        ? "是正の勧告についての審査会への意見聴取 / board consulted on a recommendation"
        : "公表についての審査会への意見聴取 / board consulted on publication";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new OversightBoardConsulted(CaseId, oversight.Consultations + 1, text, context);
}
