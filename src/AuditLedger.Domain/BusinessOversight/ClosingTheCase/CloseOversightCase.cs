// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): closing a business-oversight case.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Closes the case (no impropriety, correction made, or facts published); not while the board's opinion is awaited.</summary>
public sealed record CloseOversightCase : OversightCommand
{
    [PersonalText]
    public string Conclusion { get; init; } = "";

    public override OversightStep Step => OversightStep.Close;
    protected override string Text => Conclusion;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Conclusion, nameof(Conclusion), "終結の所見", "conclusion");

    protected override string Ground(OversightCase oversight) => "事業者調査事案の終結 / case closed";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new OversightCaseClosed(CaseId, text, context);
}
