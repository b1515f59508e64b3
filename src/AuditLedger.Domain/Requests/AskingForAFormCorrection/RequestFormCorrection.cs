// 第19条第3項、第32条第3項、第39条第3項 (Art. 19(3), 32(3), 39(3)): 補正の求め / asking the requester to correct a defect in the form of the request.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>補正を求める (Art. 19(3), 32(3), 39(3)).</summary>
public sealed record RequestFormCorrection : CaseCommand
{
    [PersonalText]
    public string Deficiency { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Deficiency, nameof(Deficiency), "形式上の不備の内容", "deficiency in form", 2000);

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        CaseChecks.RefuseAfterDecision(c, articles);
        CaseChecks.RefusePendingFormCorrection(c, articles);
        return [new FormCorrectionRequested(c.Id, PersonalText.About(c.Id, c.PersonIds, Deficiency)!, Context(now, articles.FormCorrection, "補正の求め / correction of form requested"))];
    }
}
