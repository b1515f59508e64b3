// 第37条 (Art. 37): 保有個人情報の提供先への通知 / telling the recipients of a corrected record of the correction.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Art. 37: tells the recipients of a corrected record of the correction; the recipients come from the record's provisions.</summary>
public sealed record NotifyProvisionRecipients : CaseCommand
{
    public Guid RecordId { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireId(errors, RecordId, nameof(RecordId), "保有個人情報ID", "record id");

    public static readonly LedgerRule RecipientNoticeNeedsCorrection = new(
        "case.recipient-notice-needs-correction", Ordinance(37),
        "提供先への通知は、訂正決定（第34条第1項）に基づき訂正を実施した保有個人情報についてのみ行います（第37条）。",
        "Provision recipients are notified only of a correction made under a correction decision (Art. 34(1), 37) on a record of the case.");

    public static readonly LedgerRule NoProvisionRecipients = new(
        "case.no-provision-recipients", Ordinance(37),
        "この保有個人情報には提供先の記録がないため、第37条の通知の相手方がいません。",
        "The record has no provision recipients on file, so there is nobody to notify under Art. 37.");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.Kind != RequestKind.Correction || c.Outcome != CaseOutcome.Corrected || !c.RecordIds.Contains(RecordId) || inputs.Record is null)
            throw CaseRefusal.Of(RecipientNoticeNeedsCorrection, ArticleRef.Ordinance(37));
        if (inputs.Record.ActiveRecipients.Count == 0) throw CaseRefusal.Of(NoProvisionRecipients, ArticleRef.Ordinance(37));
        return [new ProvisionRecipientsNotified(c.Id, RecordId, [.. inputs.Record.ActiveRecipients],
            Context(now, ArticleRef.Ordinance(37), "提供先への訂正の通知 / recipients told of the correction"))];
    }
}
