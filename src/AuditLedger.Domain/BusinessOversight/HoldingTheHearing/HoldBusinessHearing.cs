// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 意見の聴取 — hearing a business that did not follow the recommendation.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Hears the business's opinion (意見の聴取) before its non-compliance is published.</summary>
public sealed record HoldBusinessHearing : OversightCommand
{
    [PersonalText]
    public string Statement { get; init; } = "";

    public override OversightStep Step => OversightStep.HoldHearing;
    protected override string Text => Statement;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Statement, nameof(Statement), "聴取した意見", "what the business said");

    protected override string Ground(OversightCase oversight) => "事業者の意見の聴取 / business heard";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new BusinessHearingHeld(CaseId, text, context);
}
