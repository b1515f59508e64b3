// 第4条第2項 (Art. 4(2)): 保有の必要がなくなった個人情報ファイルの廃止 / retiring a file that is no longer needed.
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Retires a file that is no longer held; records can no longer be acquired into it.</summary>
public sealed record RetireFile : StreamCommand, IStreamDecision<PersonalInformationFile>
{
    public Guid FileId { get; init; }
    public string Reason { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Reason, nameof(Reason), "廃止の理由", "reason for retiring the file");

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now)
    {
        FileRules.MustBeActive(file);
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(4, 2), "保有の必要がなくなった個人情報ファイルの廃止 / file no longer needed"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new FileRetired(FileId, Reason.Trim(), context)];
    }
}
