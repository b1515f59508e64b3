// 第4条第3項 (Art. 4(3)): 利用目的の変更 / changing a record's purpose within a reasonable relation to the previous one.
namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Changes a record's purpose within a reasonable relation to the old one (Art. 4(3)).</summary>
public sealed record ChangeRecordPurpose : RecordCommand
{
    public string NewPurpose { get; init; } = "";
    /// <summary>Why the new purpose stays within a reasonable relation to the previous one.</summary>
    public string ReasonableRelation { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, NewPurpose, nameof(NewPurpose), "変更後の利用目的", "new purpose");

    public static readonly LedgerRule PurposeChangeNeedsReasonableRelation = new(
        "purpose-change.no-reasonable-relation", Ordinance(4, 3),
        "利用目的の変更は、変更前の利用目的と相当の関連性を有すると合理的に認められる範囲に限られます。その理由を記載してください（第4条第3項）。",
        "A purpose may only change within a reasonable relation to the previous purpose; state why the new purpose is so related (Art. 4(3)).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(ReasonableRelation)) throw new LedgerRuleViolation(PurposeChangeNeedsReasonableRelation);
        var context = ContextAt(now, LegalGround.Of(Ordinance(4, 3), "相当の関連性を有する範囲内の利用目的の変更 / purpose change within reasonable relation"));
        return [new RecordPurposeChanged(RecordId, record.PurposeOfUse, NewPurpose.Trim(), ReasonableRelation.Trim(), context)];
    }
}
