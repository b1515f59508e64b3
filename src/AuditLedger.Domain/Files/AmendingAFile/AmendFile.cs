// 第17条第1項 (Art. 17(1)): 個人情報ファイル簿の記載事項の変更 / amending the items of a file's register entry.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Amends the register items of an active file; the reason is kept.</summary>
public sealed record AmendFile : StreamCommand, IStreamDecision<PersonalInformationFile>
{
    public Guid FileId { get; init; }
    public RegisterItems? Items { get; init; }
    public string Reason { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Items is null) errors.Add(Fields.Required(nameof(Items), "個人情報ファイル簿の記載事項", "register items (Art. 17(1))"));
        Fields.RequireText(errors, Reason, nameof(Reason), "変更の理由", "reason for the amendment");
    }

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now)
    {
        FileRules.MustBeActive(file);
        RegisterItemRules.Check(Items!);
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(17, 1), "個人情報ファイル簿の記載事項の変更 / amendment of the register"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new FileAmended(FileId, RegisterFile.Normalised(Items!), Reason.Trim(), context)];
    }
}
