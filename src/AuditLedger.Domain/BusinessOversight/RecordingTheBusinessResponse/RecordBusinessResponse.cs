// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 勧告に従ったか — the business's response to the recommendation.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Records whether the business followed the recommendation of correction.</summary>
public sealed record RecordBusinessResponse : OversightCommand
{
    /// <summary>True when it followed the recommendation (no hearing nor publication then).</summary>
    public bool Complied { get; init; }
    [PersonalText]
    public string Response { get; init; } = "";

    public override OversightStep Step => OversightStep.RecordResponse;
    protected override string Text => Response;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Response, nameof(Response), "事業者の対応", "the business's response");

    protected override string Ground(OversightCase oversight) => Complied
        ? "勧告に従った / recommendation followed"
        : "勧告に従わない / recommendation not followed";

    protected override ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context) =>
        new BusinessResponseRecorded(CaseId, Complied, text, context);
}
