// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 調査の結果 — whether the handling is 著しく不適正.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Records the investigation's findings: whether the business handles personal information seriously improperly.</summary>
public sealed record RecordOversightFindings : OversightCommand
{
    /// <summary>著しく不適正な取扱い: only then may correction be recommended.</summary>
    public bool SeriouslyImproper { get; init; }
    [PersonalText]
    public string Findings { get; init; } = "";

    public override OversightStep Step => OversightStep.RecordFindings;
    protected override string Text => Findings;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Findings, nameof(Findings), "調査の結果", "findings");

    protected override string Ground(OversightCase oversight) => "調査の結果 / findings of the investigation";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new OversightFindingsRecorded(CaseId, SeriouslyImproper, text, context);
}
