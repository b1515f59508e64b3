// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 審査会の意見 — the board's opinion on the pending consultation.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Receives the review board's opinion on the consultation pending (first or second).</summary>
public sealed record ReceiveOversightBoardOpinion : OversightCommand
{
    [PersonalText]
    public string Opinion { get; init; } = "";

    public override OversightStep Step => OversightStep.ReceiveBoardOpinion;
    protected override string Text => Opinion;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Opinion, nameof(Opinion), "審査会の意見", "the board's opinion");

    protected override string Ground(OversightCase oversight) => "審査会の意見の受領 / board's opinion received";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new OversightBoardOpinionReceived(CaseId, oversight.Consultations, text, context);
}
