namespace AuditLedger.Domain.Files;

using System.Text.Json.Serialization;
using AuditLedger.Domain.Common;

/// <summary>
/// The items of a file register row, Art. 17(1)(1)-(9) (個人情報ファイル簿の記載事項). A file may register several purposes of
/// use (item (3), 利用目的), in order; a record acquired into the file is held for one of them, chosen by its number
/// (1 = the first) or its text (<see cref="Records.AcquireRecord"/>).
/// </summary>
public sealed record RegisterItems(
    string Name,                                  // (1) 個人情報ファイルの名称
    string Organisation,                          // (2) 事務をつかさどる組織の名称
    IReadOnlyList<string> PurposesOfUse,          // (3) 利用目的 (one or more)
    IReadOnlyList<string> RecordedItems,          // (4) 記録項目
    string RecordScope,                           // (4) 記録範囲
    string CollectionMethod,                      // (5) 記録情報の収集方法
    bool ContainsSpecialCareInformation,          // (6) 要配慮個人情報が含まれるときは、その旨
    IReadOnlyList<string> RegularRecipients,      // (7) 経常的提供先
    string RequestOfficeName,                     // (8) 請求を受理する組織の名称
    string RequestOfficeLocation,                 // (8) 及び所在地
    string? SpecialProcedureNote)                 // (9) 第31条第1項ただし書又は第38条第1項ただし書に該当するときは、その旨
{
    /// <summary>
    /// Item (3) as stored before a file could register several purposes (one text, <c>PurposeOfUse</c> in the store,
    /// <c>purposeOfUse</c> over HTTP): read as a list of one, so that old events and documents keep their purpose. Never
    /// written; new input gives <see cref="PurposesOfUse"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurposeOfUse
    {
        get => null;
        init
        {
            if (value is not null && (PurposesOfUse is null || PurposesOfUse.Count == 0)) PurposesOfUse = [value];
        }
    }

    /// <summary>
    /// 保存期間: how long the file's records are kept (an item "議長が定める事項" of Art. 17(1)); null when the file does not
    /// state one (its records are then never listed as due for disposal).
    /// </summary>
    public RetentionPeriod? Retention { get; init; }
}

/// <summary>
/// 保存期間 of a file's records: whole years, or permanent (永年). A record is kept until the end of the fiscal year in which
/// its period ends, counted from 1 April of the fiscal year after its acquisition (翌年度の4月1日起算, as retention periods of
/// municipal records are counted); from the next day it is past retention and is to be disposed of (Art. 4(2): not held
/// beyond what the purpose needs; Nagareyama, 個人情報の漏えいや紛失…を防ぐために: 必要のなくなった個人情報は、確実かつ速やかに廃棄します).
/// JSON: <c>{"years": 5}</c> or <c>{"permanent": true}</c>.
/// </summary>
public sealed record RetentionPeriod(int? Years = null, bool Permanent = false)
{
    public const int MaxYears = 100;

    /// <summary>Whether it states exactly one of: 1 to <see cref="MaxYears"/> years, or permanent.</summary>
    public bool Valid => Permanent ? Years is null : Years is >= 1 and <= MaxYears;

    /// <summary>The first Japan date on which a record acquired on <paramref name="acquiredOn"/> is past retention; null when permanent.</summary>
    public DateOnly? DisposalDueOn(DateOnly acquiredOn) =>
        Permanent || Years is not { } years ? null : FiscalYear.FirstDay(FiscalYear.Of(acquiredOn) + 1 + years);

    /// <summary>As the register writes it: 5年, or 永年.</summary>
    public override string ToString() => Permanent ? "永年" : $"{Years}年";
}

/// <summary>Art. 2(5)(1) computer-processed (電子計算機処理) or (2) manual (マニュアル処理) file.</summary>
public enum FileKind
{
    ComputerProcessed,
    Manual,
}

/// <summary>The register items that Art. 17(3) allows to be withheld from the published register.</summary>
public enum WithholdableItem
{
    /// <summary>Part of the recorded items, item (4).</summary>
    RecordedItems,
    /// <summary>Item (5), collection method.</summary>
    CollectionMethod,
    /// <summary>Item (7), regular recipients.</summary>
    RegularRecipients,
}

/// <summary>The grounds of Art. 17(2) on which a file is kept out of the register.</summary>
public enum PublicationExemptionGround
{
    /// <summary>17(2)(1)ア personnel, pay and welfare of members and staff.</summary>
    PersonnelMatters,
    /// <summary>17(2)(1)イ experimental computer processing only.</summary>
    ExperimentalProcessing,
    /// <summary>17(2)(1)ウ only information erased within one year.</summary>
    ErasedWithinOneYear,
    /// <summary>17(2)(1)エ mailing and contact details only.</summary>
    MailingAndContactOnly,
    /// <summary>17(2)(1)オ staff's own academic research.</summary>
    StaffAcademicResearch,
    /// <summary>17(2)(1)カ fewer persons than the number the chair sets.</summary>
    FewerPersonsThanThreshold,
    /// <summary>17(2)(1)キ files the chair designates as equivalent.</summary>
    DesignatedEquivalent,
    /// <summary>17(2)(2) a subset of a published file within its purpose and scope.</summary>
    SubsetOfPublishedFile,
    /// <summary>17(2)(3) files the chair designates as equivalent to (2).</summary>
    DesignatedEquivalentToSubset,
    /// <summary>17(3) the whole file withheld: publishing it would seriously impede the work.</summary>
    WholeFileWithheldUnderParagraph3,
}

public enum FileStatus
{
    Active,
    Retired,
}

// ---- events: facts in the past tense ----

public sealed record FileRegistered(Guid FileId, FileKind Kind, RegisterItems Items, EventContext Context) : ILedgerEvent;

public sealed record FileAmended(Guid FileId, RegisterItems Items, string Reason, EventContext Context) : ILedgerEvent;

public sealed record FileExemptedFromPublication(Guid FileId, PublicationExemptionGround Ground, string Reason, EventContext Context) : ILedgerEvent;

public sealed record FileItemsWithheldFromPublication(Guid FileId, IReadOnlyList<WithholdableItem> Items, string Reason, EventContext Context) : ILedgerEvent;

/// <summary>
/// 保存期間の延長 (Art. 17(1), 4(2)): the file's records are kept longer; <paramref name="Previous"/> is null when the file
/// stated no period before.
/// </summary>
public sealed record RetentionPeriodExtended(Guid FileId, RetentionPeriod? Previous, RetentionPeriod Extended, string Reason, EventContext Context) : ILedgerEvent;

public sealed record FileRetired(Guid FileId, string Reason, EventContext Context) : ILedgerEvent;

/// <summary>
/// 届出: the 事務 the file serves was notified to the mayor (where the jurisdiction requires it, e.g. Nagareyama), with the
/// file's register items as notified (purposes, categories of data, scope, sources). No personal data.
/// </summary>
public sealed record FileNotifiedToMayor(Guid FileId, string AffairName, RegisterItems Items, EventContext Context) : ILedgerEvent;

/// <summary>
/// The file-level record of one disposal run (廃棄の記録): which records past retention were disposed of (each also has its
/// own <see cref="Records.RecordErased"/>), and which were kept with the reason.
/// </summary>
public sealed record FileRecordsDisposed(Guid FileId, IReadOnlyList<Guid> Disposed, IReadOnlyList<DisposalRefusal> Kept, string Method, EventContext Context) : ILedgerEvent;

/// <summary>A personal information file as it stands: the state commands on it are decided from.</summary>
public sealed class PersonalInformationFile : IEvolvingState<PersonalInformationFile>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public FileKind Kind { get; set; }
    public RegisterItems Items { get; set; } = null!;
    public FileStatus Status { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public PublicationExemptionGround? PublicationExemption { get; set; }
    public string? PublicationExemptionReason { get; set; }
    public List<WithholdableItem> WithheldItems { get; set; } = [];
    public string? WithholdingReason { get; set; }
    public int Amendments { get; set; }
    /// <summary>When the 事務 the file serves was notified to the mayor (届出), if it was; its name as notified.</summary>
    public DateTimeOffset? NotifiedToMayorAt { get; set; }
    public string? AffairName { get; set; }
    /// <summary>The register items as notified (the 届出's purposes, categories of data and sources).</summary>
    public RegisterItems? NotifiedItems { get; set; }

    /// <summary>
    /// The state after one more event: a pure function, used by the store's projection and by replays.
    /// Events this state does not know leave it unchanged.
    /// </summary>
    public static PersonalInformationFile? Evolve(PersonalInformationFile? state, object @event)
    {
        switch (@event)
        {
            case FileRegistered e:
                return Started(e);
            case FileAmended e:
                state!.On(e);
                break;
            case FileExemptedFromPublication e:
                state!.On(e);
                break;
            case FileItemsWithheldFromPublication e:
                state!.On(e);
                break;
            case RetentionPeriodExtended e:
                state!.On(e);
                break;
            case FileRetired e:
                state!.On(e);
                break;
            case FileNotifiedToMayor e:
                state!.NotifiedToMayorAt ??= e.Context.OccurredAt;
                state.AffairName = e.AffairName;
                state.NotifiedItems = e.Items;
                break;
        }
        return state;
    }

    private static PersonalInformationFile Started(FileRegistered e) => new()
    {
        Id = e.FileId,
        Kind = e.Kind,
        Items = e.Items,
        Status = FileStatus.Active,
        RegisteredAt = e.Context.OccurredAt,
    };

    private void On(FileAmended e)
    {
        Items = e.Items;
        Amendments++;
    }

    private void On(FileExemptedFromPublication e)
    {
        PublicationExemption = e.Ground;
        PublicationExemptionReason = e.Reason;
    }

    private void On(FileItemsWithheldFromPublication e)
    {
        WithheldItems = [.. e.Items];
        WithholdingReason = e.Reason;
    }

    private void On(RetentionPeriodExtended e) => Items = Items with { Retention = e.Extended };

    private void On(FileRetired e)
    {
        Status = FileStatus.Retired;
        RetiredAt = e.Context.OccurredAt;
    }
}
