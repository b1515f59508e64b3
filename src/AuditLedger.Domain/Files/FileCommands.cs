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

/// <summary>Art. 17(1): each item of the register must be filled in.</summary>
public static class RegisterItemRules
{
    public static void Check(RegisterItems items)
    {
        Require(items.Name, 1, "個人情報ファイルの名称", "name of the file");
        Require(items.Organisation, 2, "事務をつかさどる組織の名称", "organisation in charge");
        if (items.PurposesOfUse is null || !items.PurposesOfUse.Any(p => !string.IsNullOrWhiteSpace(p)))
            throw new LedgerRuleViolation(Rules.RegisterItemMissing(3, "利用目的", "purpose of use"));
        if (items.RecordedItems is null || !items.RecordedItems.Any(i => !string.IsNullOrWhiteSpace(i)))
            throw new LedgerRuleViolation(Rules.RegisterItemMissing(4, "記録項目", "recorded items"));
        Require(items.RecordScope, 4, "記録範囲", "scope of persons recorded");
        Require(items.CollectionMethod, 5, "記録情報の収集方法", "collection method");
        Require(items.RequestOfficeName, 8, "請求を受理する組織の名称", "office receiving requests");
        Require(items.RequestOfficeLocation, 8, "請求を受理する組織の所在地", "location of the office receiving requests");
        if (items.Retention is { Valid: false } retention)
            throw new LedgerRuleViolation(Rules.RetentionPeriodInvalid, $"Given: years {retention.Years?.ToString() ?? "none"}, permanent {retention.Permanent}.");
    }

    private static void Require(string? value, int item, string ja, string en)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new LedgerRuleViolation(Rules.RegisterItemMissing(item, ja, en));
    }
}

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

/// <summary>Withholds items (4) in part, (5) or (7) from the published register under Art. 17(3), with the reason.</summary>
public sealed record WithholdFileItemsFromPublication : StreamCommand, IStreamDecision<PersonalInformationFile>
{
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
        if (Items.Any(i => !Enum.IsDefined(i))) throw new LedgerRuleViolation(Rules.WithholdingOnlyForListedItems);
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(17, 3), "個人情報ファイル簿への一部不記載 / items withheld from the published register"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new FileItemsWithheldFromPublication(FileId, [.. Items.Distinct()], Reason.Trim(), context)];
    }
}

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

public static class FileRules
{
    public static void MustBeActive(PersonalInformationFile file)
    {
        if (file.Status == FileStatus.Retired) throw new LedgerRuleViolation(Rules.FileAlreadyRetired);
    }
}
