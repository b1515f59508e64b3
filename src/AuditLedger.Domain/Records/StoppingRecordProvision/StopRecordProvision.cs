// 第38条第1項第2号、第40条 (Art. 38(1)(2), Art. 40): 利用停止決定に基づく提供の停止 / stopping the provision of a record to one recipient under a decision.
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Executes a decision to stop provision to one recipient (提供の停止, Art. 38(1)(2), 40).</summary>
public sealed record StopRecordProvision : DecisionExecution
{
    public Recipient? Recipient { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Recipient is null) errors.Add(Fields.Required(nameof(Recipient), "提供先", "recipient"));
    }

    public static readonly LedgerRule ProvisionStopNeedsProvision = new(
        "provision-stop.never-provided", Ordinance(40),
        "この提供先への提供は記録されていないか、既に停止されています（第40条）。",
        "No provision to this recipient is on record, or it has already been stopped (Art. 40).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RequireDecision();
        var recipient = Recipient! with { Name = Recipient!.Name.Trim() };
        if (!record.ActiveRecipients.Contains(recipient)) throw new LedgerRuleViolation(ProvisionStopNeedsProvision);
        var context = ContextAt(now, LegalGround.Of(Ordinance(40), "利用停止決定に基づく提供の停止 / stop of provision executing a decision"));
        return [new RecordProvisionStopped(RecordId, DecisionReference.Trim(), recipient, context)];
    }
}
