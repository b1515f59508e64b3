namespace AuditLedger.Host.Records;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Requests;

/// <summary>The ordinance's Japanese terms for the records module's states, grounds, recipients and events, as the pages show them.</summary>
public static class RecordTerms
{
    /// <summary>保有中 / 利用停止中 / 消去済み.</summary>
    public static string Status(RecordStatus status) => status switch
    {
        RecordStatus.Held => "保有中",
        RecordStatus.UseSuspended => "利用停止中",
        RecordStatus.Erased => "消去済み",
        _ => status.ToString(),
    };

    /// <summary>The status class beside the words (never colour alone).</summary>
    public static string StatusClass(RecordStatus status) => status switch
    {
        RecordStatus.Held => "status status--ok",
        RecordStatus.UseSuspended => "status status--paused",
        _ => "status status--overdue",
    };

    /// <summary>A ground of Art. 12 (and Art. 9(2), 13, 15(1), 番号利用法第19条) in the ordinance's words.</summary>
    public static string Ground(UseGround ground) => ground switch
    {
        UseGround.WithinPurpose => "利用目的のための提供",
        UseGround.ProvidedByLaw => "法令に基づく場合",
        UseGround.ConsentOrToThePerson => "本人の同意があるとき、又は本人に提供するとき",
        UseGround.InternalUseForDuties => "所掌事務の遂行に必要な限度で内部で利用し、相当の理由があるとき",
        UseGround.ProvisionToPublicBody => "他の実施機関・行政機関等に提供し、法令の事務の遂行に必要な限度で相当の理由があるとき",
        UseGround.StatisticsResearchOrSpecialReason => "統計の作成・学術研究の目的、本人の利益になるとき、その他特別の理由があるとき",
        UseGround.VitalInterestsWithConsentOrImpracticable => "人の生命、身体又は財産の保護のために必要で、本人の同意があるか同意を得ることが困難なとき",
        UseGround.MyNumberActArticle19 => "番号利用法第19条各号のいずれかに該当するとき",
        UseGround.ToContractor => "取扱いの委託先に提供するとき",
        _ => ground.ToString(),
    };

    /// <summary>The grounds the table allows for a record's regime and an action, each with its article (UseGrounds.Table).</summary>
    public static IReadOnlyList<GroundRule> Grounds(InformationCategories categories, RecordAction action) =>
        UseGrounds.Table.Single(e => e.Regime == UseGrounds.RegimeOf(categories) && e.Action == action).Grounds;

    public static string RecipientKind(RecipientKind kind) => kind switch
    {
        Domain.Records.RecipientKind.ThePerson => "本人",
        Domain.Records.RecipientKind.Mayor => "市長",
        Domain.Records.RecipientKind.BoardOfEducation => "教育委員会",
        Domain.Records.RecipientKind.ElectionCommission => "選挙管理委員会",
        Domain.Records.RecipientKind.AuditCommissioners => "監査委員",
        Domain.Records.RecipientKind.FixedAssetReviewCommittee => "固定資産評価審査委員会",
        Domain.Records.RecipientKind.FireChief => "消防長",
        Domain.Records.RecipientKind.OtherLocalPublicBody => "他の地方公共団体の機関",
        Domain.Records.RecipientKind.LocalIncorporatedAdministrativeAgency => "地方独立行政法人",
        Domain.Records.RecipientKind.NationalAdministrativeOrgan => "国の行政機関",
        Domain.Records.RecipientKind.IncorporatedAdministrativeAgency => "独立行政法人等",
        Domain.Records.RecipientKind.Contractor => "委託先",
        Domain.Records.RecipientKind.Other => "その他",
        _ => kind.ToString(),
    };

    /// <summary>The measures of Art. 13 a provider may ask the recipient for, offered as choices on the 提供 form.</summary>
    public static readonly IReadOnlyList<string> Article13Measures =
    [
        "利用の目的又は方法の制限",
        "漏えい等の防止その他の安全管理のために必要な措置",
        "再提供の禁止",
        "利用後の返却又は廃棄",
    ];

    public static string PersonalDataKind(PersonalDataKind kind) => kind switch
    {
        Domain.Common.PersonalDataKind.Name => "氏名",
        Domain.Common.PersonalDataKind.Address => "住所",
        Domain.Common.PersonalDataKind.ContactDetails => "連絡先",
        Domain.Common.PersonalDataKind.DateOfBirth => "生年月日",
        Domain.Common.PersonalDataKind.FreeText => "その他",
        _ => kind.ToString(),
    };

    /// <summary>An event of a record's stream, as its history names it.</summary>
    public static string Event(object data) => data switch
    {
        RecordAcquired => "取得",
        RecordPurposeChanged => "利用目的の変更",
        RecordUsedOutsidePurpose => "目的外利用",
        RecordProvided => "提供",
        RecordCorrected => "訂正",
        RecordUseSuspended => "利用停止",
        RecordProvisionStopped => "提供の停止",
        RecordErased { Reason: ErasureReason.NoLongerNeeded } => "廃棄",
        RecordErased => "消去",
        _ => data.GetType().Name,
    };

    public static string RequestKind(RequestKind kind) => kind switch
    {
        Domain.Requests.RequestKind.Disclosure => "開示請求",
        Domain.Requests.RequestKind.Correction => "訂正請求",
        Domain.Requests.RequestKind.Suspension => "利用停止請求",
        _ => kind.ToString(),
    };

    public static string CaseStatus(CaseStatus status) => status switch
    {
        Domain.Requests.CaseStatus.Open => "処理中",
        Domain.Requests.CaseStatus.Decided => "決定済み",
        _ => "終了",
    };
}
