// 第12条第1項・第2項・第4項・第5項 (Art. 12(1), Art. 12(2), Art. 12(4), Art. 12(5)): 利用目的以外の目的のための利用（目的外利用） / using a record outside its purpose, on a ground the law allows (see UseGrounds).
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Records a use outside the purpose (目的外利用, Art. 12), with its ground and the proviso judgement.</summary>
public sealed record UseRecordOutsidePurpose : RecordCommand
{
    public string Purpose { get; init; } = "";
    public UseGround? Ground { get; init; }
    /// <summary>The statute and article, how consent was obtained, or the duty it serves.</summary>
    public string GroundDetail { get; init; } = "";
    /// <summary>Art. 12(2) proviso: staff judged that no unjust infringement of anyone's rights follows.</summary>
    public bool NoUnjustInfringementConfirmed { get; init; }
    /// <summary>Art. 12(4): the section or staff the internal use is restricted to, if the chair so restricted it.</summary>
    public string? RestrictedTo { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Purpose, nameof(Purpose), "利用の目的", "purpose of this use");

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RecordChecks.UseNotSuspended(record);
        var rule = UseGrounds.Check(record.Categories, RecordAction.PurposeExternalUse, Ground, GroundDetail, NoUnjustInfringementConfirmed, null);
        var context = ContextAt(now, LegalGround.Of(rule.Article, GroundDetail.Trim()));
        return [new RecordUsedOutsidePurpose(RecordId, Purpose.Trim(), rule.Ground, GroundDetail.Trim(), NoUnjustInfringementConfirmed,
            string.IsNullOrWhiteSpace(RestrictedTo) ? null : RestrictedTo.Trim(), context)];
    }
}
