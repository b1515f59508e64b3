// 第34条第1項、第37条 (Art. 34(1), Art. 37): 訂正決定に基づく訂正の実施 / correcting a record under a correction decision; the recipients to be told are its active provisions.
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Executes a correction decision (Art. 33, 34); the recipients who must be told (Art. 37) are taken from the record's provisions.</summary>
public sealed record CorrectRecord : DecisionExecution
{
    /// <summary>The corrected content, as personal data of the record's data subject.</summary>
    public IReadOnlyList<PersonalData> Correction { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Correction is not { Count: > 0 }) errors.Add(Fields.Required(nameof(Correction), "訂正の内容", "corrected content"));
        Fields.CheckPersonalData(errors, Correction, nameof(Correction));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RequireDecision();
        var context = ContextAt(now, LegalGround.Of(Ordinance(34, 1), "訂正決定に基づく訂正の実施 / correction executing a decision"));
        return [new RecordCorrected(RecordId, DecisionReference.Trim(), PersonalData.In(Correction, RecordId), [.. record.ActiveRecipients], context)];
    }
}
