// 第17条第3項 (Art. 17(3)): 個人情報ファイル簿への一部不記載 / withholding items from the published register.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Withholds items (4) in part, (5) or (7) from the published register under Art. 17(3), with the reason.</summary>
public sealed record WithholdFileItemsFromPublication : StreamCommand, IStreamDecision<PersonalInformationFile>
{
    /// <summary>Art. 17(3) lets only part of the recorded items, item (5) and item (7) be left out of the published register.</summary>
    public static readonly LedgerRule WithholdingOnlyForListedItems = new(
        "file.withholding-not-allowed", ArticleRef.Ordinance(17, 3),
        "個人情報ファイル簿に記載しないことができるのは、記録項目の一部、第5号（収集方法）又は第7号（経常的提供先）の事項に限られます（第17条第3項）。",
        "Only part of the recorded items, the collection method (item 5) or the regular recipients (item 7) may be withheld from the register (Art. 17(3)).");

    public Guid FileId { get; init; }
    public IReadOnlyList<WithholdableItem> Items { get; init; } = [];
    public string Reason { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Items is not { Count: > 0 }) errors.Add(Fields.Required(nameof(Items), "記載しない事項", "items to withhold"));
        Fields.RequireText(errors, Reason, nameof(Reason), "記載しない理由", "reason for withholding");
    }

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now)
    {
        FileRules.MustBeActive(file);
        if (Items.Any(i => !Enum.IsDefined(i))) throw new LedgerRuleViolation(WithholdingOnlyForListedItems);
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(17, 3), "個人情報ファイル簿への一部不記載 / items withheld from the published register"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new FileItemsWithheldFromPublication(FileId, [.. Items.Distinct()], Reason.Trim(), context)];
    }
}
