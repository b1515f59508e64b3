// 第17条第2項・第3項 (Art. 17(2), 17(3)): 個人情報ファイル簿への不掲載 / keeping a file out of the published register.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Keeps a file out of the published register under Art. 17(2) (or wholly under 17(3)), with the reason.</summary>
public sealed record ExemptFileFromPublication : StreamCommand, IStreamDecision<PersonalInformationFile>
{
    public Guid FileId { get; init; }
    public PublicationExemptionGround Ground { get; init; }
    public string Reason { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Ground, nameof(Ground), "適用除外の根拠", "exemption ground");
        Fields.RequireText(errors, Reason, nameof(Reason), "適用除外の理由", "reason for the exemption");
    }

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now)
    {
        FileRules.MustBeActive(file);
        var article = Ground == PublicationExemptionGround.WholeFileWithheldUnderParagraph3
            ? ArticleRef.Ordinance(17, 3)
            : ArticleRef.Ordinance(17, 2, Ground switch
            {
                PublicationExemptionGround.SubsetOfPublishedFile => 2,
                PublicationExemptionGround.DesignatedEquivalentToSubset => 3,
                _ => 1,
            });
        var context = ContextAt(now, LegalGround.Of(article, "個人情報ファイル簿への不掲載 / kept out of the published register"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new FileExemptedFromPublication(FileId, Ground, Reason.Trim(), context)];
    }
}
