// 第17条第1項 (Art. 17(1)): 個人情報ファイル簿への掲載 / registering a personal information file with every item of the register.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Registers a personal information file with every item of Art. 17(1) (個人情報ファイル簿への掲載).</summary>
public sealed record RegisterFile : LedgerCommand
{
    /// <summary>Optional id chosen by the caller; generated when absent.</summary>
    public Guid? FileId { get; init; }
    public FileKind Kind { get; init; }
    public RegisterItems? Items { get; init; }

    public override Guid StreamId => FileId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "ファイルの種類", "kind of file");
        if (Items is null) errors.Add(Fields.Required(nameof(Items), "個人情報ファイル簿の記載事項", "register items (Art. 17(1))"));
    }

    public IReadOnlyList<ILedgerEvent> Decide(Guid fileId, DateTimeOffset now)
    {
        RegisterItemRules.Check(Items!);
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(17, 1), "個人情報ファイル簿への掲載 / entry in the file register"));
        return [new FileRegistered(fileId, Kind, Normalised(Items!), context)];
    }

    internal static RegisterItems Normalised(RegisterItems items) => items with
    {
        PurposesOfUse = [.. items.PurposesOfUse.Select(p => p.Trim()).Where(p => p.Length > 0)],
        RecordedItems = [.. items.RecordedItems.Select(i => i.Trim()).Where(i => i.Length > 0)],
        RegularRecipients = [.. (items.RegularRecipients ?? []).Select(i => i.Trim()).Where(i => i.Length > 0)],
    };
}
