// 流山市個人情報保護制度（概要。条番号なし）「実施機関が個人情報を取り扱う場合の主なルール：…必要以上の収集や無断収集を防ぐために」: 個人情報を取り扱う事務の市長への届出 / notifying the mayor, in advance, of the 事務 a file serves (where the jurisdiction's profile requires it). (no article numbers)
namespace AuditLedger.Domain.Files;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;

/// <summary>
/// 届出: the body tells the mayor, before records are acquired, of a 事務 that handles personal information. The 届出 attaches
/// to the file the 事務 keeps: its purposes, recorded items (the categories of data), scope and collection method (the sources)
/// are the file's register items, copied into the event as notified; the command adds the 事務's name. No personal data.
/// </summary>
public sealed record NotifyFileToMayor : StreamCommand, IStreamDecision<PersonalInformationFile>
{
    public Guid FileId { get; init; }
    /// <summary>事務の名称: the name of the 事務 notified (e.g. 住民基本台帳事務).</summary>
    public string AffairName { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, AffairName, nameof(AffairName), "事務の名称", "name of the 事務", 300);

    public static readonly LedgerRule NotificationNotInForce = new(
        "file.notification-not-provided", RecordPolicyChecks.NotificationArticle,
        "この管轄の規程には事務の届出の定めがありません（管轄のプロファイルに recordPolicies.notificationBeforeAcquisition がありません）。",
        "This jurisdiction's rules provide no notification of a 事務 (its profile has no recordPolicies.notificationBeforeAcquisition).");

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now) => Decide(file, now, RecordPolicies.None);

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now, RecordPolicies policies)
    {
        if (policies.NotificationBeforeAcquisition is not { } rule) throw new LedgerRuleViolation(NotificationNotInForce);
        FileRules.MustBeActive(file);
        var context = ContextAt(now, LegalGround.Of(RecordPolicyChecks.Citing(rule), "個人情報を取り扱う事務の市長への届出 / notification of the 事務 to the mayor"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new FileNotifiedToMayor(FileId, AffairName.Trim(), file.Items, context)];
    }
}
