// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 公表 — after the hearing and the board's second opinion.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Publishes the fact that the business did not follow the recommendation (公表), once heard and after the board's second opinion.</summary>
public sealed record PublishOversightFacts : OversightCommand
{
    [PersonalText]
    public string Publication { get; init; } = "";

    public override OversightStep Step => OversightStep.PublishFacts;
    protected override string Text => Publication;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Publication, nameof(Publication), "公表する事実", "facts published");

    protected override string Ground(OversightCase oversight) => "事実の公表 / facts published";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new OversightFactsPublished(CaseId, text, context);
}
