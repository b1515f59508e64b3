// 第17条第1項・第4条第2項 (Art. 17(1), 4(2)): 保存期間の延長 / extending a file's retention period (保存期間 is an item the chair prescribes for the register; records are not held beyond what the purpose needs).
namespace AuditLedger.Domain.Files;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>
/// Extends the retention period (保存期間) of an active file, with the reason. The register states the period as an item the
/// chair prescribes (Art. 17(1)); keeping records longer must be decided and recorded, since records are not held beyond what
/// the purpose needs (Art. 4(2)). The new period must be longer than the current one: more years, or permanent (永年). A file
/// that stated no period may be given any valid one. Shortening a period is an amendment of the register (<see cref="AmendFile"/>).
/// </summary>
public sealed record ExtendRetentionPeriod : StreamCommand, IStreamDecision<PersonalInformationFile>
{
    /// <summary>An extension makes the period longer: permanent is longer than any number of years, and nothing is longer than permanent.</summary>
    public static readonly LedgerRule RetentionNotExtended = new(
        "file.retention-not-extended", Ordinance(17, 1),
        "延長後の保存期間は、現在の保存期間より長くなければなりません（年数を増やすか、永年とする）。同じ期間又は短い期間は延長になりません（第17条第1項：議長が定める事項、第4条第2項）。保存期間を短くするときは、個人情報ファイル簿の変更（amend-file）として理由とともに記録してください。",
        "The extended retention period must be longer than the current one (more years, or permanent); the same or a shorter period is not an extension (Art. 17(1): items the chair prescribes; Art. 4(2)). To shorten it, amend the file's register (amend-file) with the reason.");

    public Guid FileId { get; init; }
    /// <summary>The new period: <c>{"years": 10}</c> or <c>{"permanent": true}</c>.</summary>
    public RetentionPeriod? Retention { get; init; }
    public string Reason { get; init; } = "";

    public override Guid StreamId => FileId;

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Retention is null) errors.Add(Fields.Required(nameof(Retention), "延長後の保存期間", "extended retention period"));
        Fields.RequireText(errors, Reason, nameof(Reason), "延長の理由", "reason for the extension");
    }

    public IReadOnlyList<ILedgerEvent> Decide(PersonalInformationFile file, DateTimeOffset now)
    {
        FileRules.MustBeActive(file);
        RegisterItemRules.CheckRetention(Retention!);
        var current = file.Items.Retention;
        if (!Extends(Retention!, current))
            throw new LedgerRuleViolation(RetentionNotExtended, $"Current: {current}, given: {Retention}.");
        var context = ContextAt(now, LegalGround.Of(Ordinance(17, 1), "保存期間の延長 / extension of the retention period"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new RetentionPeriodExtended(FileId, current, Retention!, Reason.Trim(), context)];
    }

    /// <summary>Whether <paramref name="extended"/> keeps records longer than <paramref name="current"/> (none stated: any period does).</summary>
    private static bool Extends(RetentionPeriod extended, RetentionPeriod? current) => current switch
    {
        null => true,
        { Permanent: true } => false,
        _ => extended.Permanent || extended.Years > current.Years,
    };
}
