namespace AuditLedger.Projections.Reporting;

using AuditLedger.Deadlines.Calendars;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Projections.Incidents;

/// <summary>
/// How the published tables, the board's timeline and the other reports name the ledger's facts, in the words the
/// ordinance and municipal annual reports use: every event type (<see cref="Event(Type)"/>, read from the module that
/// declares the event), every value of the domain's enumerations (<see cref="Of(Enum)"/>) and each jurisdiction profile
/// (<see cref="Profile"/>). One place each, so that the annual status, the timeline and the register say the same thing;
/// a test fails when an event type or an enumeration value has no label.
/// </summary>
public static class CaseLabels
{
    /// <summary>
    /// The Japanese name of an event type, e.g. 決定（開示決定等） for <see cref="RequestDecided"/>, as its module's event list
    /// declares it. An event no module declares is refused: it has no stored name either, so it cannot be in the ledger.
    /// </summary>
    public static string Event(Type eventType) => EventNames.TryGetValue(eventType, out var name)
        ? name
        : throw new ArgumentException($"{eventType.FullName} is in no module's event list (LedgerModules.All), so it has no Japanese label.", nameof(eventType));

    /// <summary>The Japanese label of any value of the domain's enumerations; the value's name when none is defined.</summary>
    public static string Of(Enum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Whether the value has a Japanese label.</summary>
    public static bool HasLabel(Enum value) => Names.ContainsKey(value);

    /// <summary>The jurisdiction profile as people name it (its name in Japanese, e.g. 浦安市議会), with its id.</summary>
    public static string Profile(JurisdictionProfile profile) => $"{profile.Name.Ja}（{profile.Id}）";

    /// <summary>Each event's label, read from the modules' event lists (<see cref="LedgerModules.Events"/>), where each is declared once.</summary>
    private static readonly Dictionary<Type, string> EventNames = LedgerModules.Events.ToDictionary(e => e.Type, e => e.Japanese);

    private static readonly Dictionary<Enum, string> Names = Build();

    private static Dictionary<Enum, string> Build()
    {
        var names = new Dictionary<Enum, string>
        {
            [RequestKind.Disclosure] = "開示請求",
            [RequestKind.Correction] = "訂正請求",
            [RequestKind.Suspension] = "利用停止請求",
            [HolidayKind.NationalHoliday] = "国民の祝日（祝日法第2条）",
            [HolidayKind.SubstituteHoliday] = "振替休日（祝日法第3条第2項）",
            [HolidayKind.CitizensHoliday] = "国民の休日（祝日法第3条第3項）",
            [HolidayKind.SpecialLaw] = "特別法による休日",
            [HolidaySource.Published] = "公表された祝日",
            [HolidaySource.Derived] = "祝日法の規定から算出",
            [RecordHoldKind.PendingRequest] = "処理中の請求事案が対象としている",
            [RecordHoldKind.OpenIncident] = "終結していない漏えい等事案が対象としている",
            [KeysDestroyed.RecordStreams] = "当該記録の鍵のみ破棄",
            [KeysDestroyed.RecordStreamsAndPersonWideKey] = "当該記録の鍵と本人単位の旧鍵を破棄",
            [KeysDestroyed.AllOfThePerson] = "本人のすべての鍵を破棄（第40条の消去決定）",
            [RequesterType.Self] = "本人",
            [RequesterType.LegalRepresentative] = "法定代理人",
            [RequesterType.AppointedAgent] = "任意代理人",
            [CaseOutcome.DisclosedInFull] = "開示",
            [CaseOutcome.DisclosedInPart] = "一部開示",
            [CaseOutcome.DisclosedAtDiscretion] = "裁量的開示",
            [CaseOutcome.NotDisclosed] = "不開示",
            [CaseOutcome.NotHeld] = "不存在",
            [CaseOutcome.ExistenceNeitherConfirmedNorDenied] = "存否応答拒否",
            [CaseOutcome.Corrected] = "訂正",
            [CaseOutcome.CorrectionRefused] = "訂正しない",
            [CaseOutcome.UseSuspended] = "利用停止",
            [CaseOutcome.SuspensionRefused] = "利用停止しない",
            [CaseOutcome.Dismissed] = "却下",
            [DecisionScope.Whole] = "全部について",
            [DecisionScope.SubstantialPortion] = "相当の部分について（期限の特例）",
            [DecisionScope.Remainder] = "残りの部分について（期限の特例）",
            [CaseStatus.Open] = Pending,
            [CaseStatus.Decided] = "決定済み",
            [CaseStatus.Withdrawn] = Withdrawn,
            [DisclosureMethod.Inspection] = "閲覧",
            [DisclosureMethod.Copy] = "写しの交付",
            [DisclosureMethod.Electronic] = "電磁的記録",
            [DisclosureMethod.Viewing] = "視聴",
            [RequestChannel.Counter] = "窓口",
            [RequestChannel.Mail] = "郵送",
            [RequestChannel.Electronic] = "電子申請",
            [Domain.BusinessOversight.OversightStep.RecordFindings] = "調査結果の記録",
            [Domain.BusinessOversight.OversightStep.ConsultBoard] = "審査会への諮問",
            [Domain.BusinessOversight.OversightStep.ReceiveBoardOpinion] = "審査会の意見",
            [Domain.BusinessOversight.OversightStep.RecommendCorrection] = "是正勧告",
            [Domain.BusinessOversight.OversightStep.RecordResponse] = "事業者の対応の記録",
            [Domain.BusinessOversight.OversightStep.HoldHearing] = "意見の聴取",
            [Domain.BusinessOversight.OversightStep.PublishFacts] = "公表",
            [Domain.BusinessOversight.OversightStep.Close] = "事案の終結",
            [Domain.BusinessOversight.OversightStatus.Open] = "調査中",
            [Domain.BusinessOversight.OversightStatus.Closed] = "終結",
            [ReviewOutcome.Dismissed] = "却下",
            [ReviewOutcome.Rejected] = "棄却",
            [ReviewOutcome.UpheldInFull] = "全部認容",
            [ReviewOutcome.UpheldInPart] = "一部認容",
            [ReviewTarget.Decision] = "決定",
            [ReviewTarget.Inaction] = "不作為",
            [ConsultationException.UnlawfulRequestDismissed] = "第45条第1項第1号（審査請求が不適法であり却下する場合）",
            [ConsultationException.FullDisclosure] = "第45条第1項第2号（全部を開示する場合）",
            [ConsultationException.FullCorrection] = "第45条第1項第3号（全部を訂正する場合）",
            [ConsultationException.FullSuspension] = "第45条第1項第4号（全部の利用停止をする場合）",
            [ConsultationParty.AppellantOrParticipant] = "審査請求人及び参加人",
            [ConsultationParty.Requester] = "請求者",
            [ConsultationParty.ObjectingThirdParty] = "反対意見書を提出した第三者",
            [ClockParty.Office] = "実施機関の期限",
            [ClockParty.Requester] = "請求者の期限",
            [ClockParty.Interval] = "置くべき期間",
            [ClockState.Running] = "進行中",
            [ClockState.Paused] = "停止中（補正）",
            [ClockState.DueSoon] = "期限間近",
            [ClockState.Overdue] = "期限超過",
            [ClockState.Met] = "期限内に履行",
            [ClockState.MetLate] = "期限後に履行",
            [ClockState.Expired] = "期間経過",
            [ClockState.Waiting] = "開示可能日まで待機",
            [ClockState.Stopped] = "終了（取下げ）",
            [ClockState.Unknown] = "算定不能",
            [UseGround.WithinPurpose] = "利用目的のための提供（第13条）",
            [UseGround.ProvidedByLaw] = "法令に基づく場合（第12条第1項、第15条第1項）",
            [UseGround.ConsentOrToThePerson] = "本人の同意又は本人への提供（第12条第2項第1号）",
            [UseGround.InternalUseForDuties] = "所掌事務の遂行に必要な内部利用（第12条第2項第2号）",
            [UseGround.ProvisionToPublicBody] = "他の行政機関等への提供（第12条第2項第3号）",
            [UseGround.StatisticsResearchOrSpecialReason] = "統計・学術研究その他特別の理由（第12条第2項第4号）",
            [UseGround.VitalInterestsWithConsentOrImpracticable] = "人の生命、身体又は財産の保護（第12条第5項）",
            [UseGround.MyNumberActArticle19] = "番号利用法第19条各号",
            [UseGround.ToContractor] = "委託先への提供（第9条第2項）",
            [RecordAction.PurposeExternalUse] = "目的外利用",
            [RecordAction.Provision] = "提供",
            [UseRegime.General] = "保有個人情報（第12条）",
            [UseRegime.SpecificPersonalInformation] = "保有特定個人情報（第12条第5項）",
            [UseRegime.Pseudonymised] = "仮名加工情報（第15条）",
            [AcquisitionSource.FromThePersonInWriting] = "本人から書面により",
            [AcquisitionSource.FromThePersonOtherwise] = "本人から書面以外の方法で",
            [AcquisitionSource.FromAThirdParty] = "本人以外の者から",
            [AcquisitionSource.FromAPublicBody] = "他の行政機関等から",
            [PurposeStatement.StatedInAdvance] = "あらかじめ利用目的を明示（第5条）",
            [PurposeStatement.Exception1UrgentProtection] = "明示しない：人の生命、身体又は財産の保護のため緊急に必要（第5条第1号）",
            [PurposeStatement.Exception2HarmToPersons] = "明示しない：本人又は第三者の権利利益を害するおそれ（第5条第2号）",
            [PurposeStatement.Exception3ImpedesPublicWork] = "明示しない：事務の適正な遂行に支障を及ぼすおそれ（第5条第3号）",
            [PurposeStatement.Exception4EvidentFromCircumstances] = "明示しない：取得の状況からみて利用目的が明らか（第5条第4号）",
            [PurposeStatement.NotApplicable] = "書面による本人からの取得ではない",
            [ProcessingForm.Ordinary] = "加工なし",
            [ProcessingForm.Pseudonymised] = "仮名加工情報（第2条第7項）",
            [ProcessingForm.Anonymised] = "匿名加工情報（第2条第8項）",
            [RecipientKind.ThePerson] = "本人",
            [RecipientKind.Mayor] = "市長",
            [RecipientKind.BoardOfEducation] = "教育委員会",
            [RecipientKind.ElectionCommission] = "選挙管理委員会",
            [RecipientKind.AuditCommissioners] = "監査委員",
            [RecipientKind.FixedAssetReviewCommittee] = "固定資産評価審査委員会",
            [RecipientKind.FireChief] = "消防長",
            [RecipientKind.OtherLocalPublicBody] = "他の地方公共団体",
            [RecipientKind.LocalIncorporatedAdministrativeAgency] = "地方独立行政法人",
            [RecipientKind.NationalAdministrativeOrgan] = "国の行政機関",
            [RecipientKind.IncorporatedAdministrativeAgency] = "独立行政法人等",
            [RecipientKind.Contractor] = "委託先",
            [RecipientKind.Other] = "その他の者",
            [ErasureReason.ErasureDecision] = "消去の決定の実施（第40条）",
            [ErasureReason.NoLongerNeeded] = "保有の必要がなくなったための廃棄",
            [RecordStatus.Held] = "保有中",
            [RecordStatus.UseSuspended] = "利用停止中",
            [RecordStatus.Erased] = "消去済み",
            [PersonalDataKind.Name] = "氏名",
            [PersonalDataKind.Address] = "住所",
            [PersonalDataKind.ContactDetails] = "連絡先",
            [PersonalDataKind.DateOfBirth] = "生年月日",
            [PersonalDataKind.FreeText] = "記述",
            [FileKind.ComputerProcessed] = "電子計算機処理に係る個人情報ファイル（第2条第5項第1号）",
            [FileKind.Manual] = "マニュアル処理に係る個人情報ファイル（第2条第5項第2号）",
            [FileStatus.Active] = "保有中",
            [FileStatus.Retired] = "廃止",
            [WithholdableItem.RecordedItems] = "記録項目の一部（第17条第1項第4号）",
            [WithholdableItem.CollectionMethod] = "記録情報の収集方法（第17条第1項第5号）",
            [WithholdableItem.RegularRecipients] = "経常的提供先（第17条第1項第7号）",
            [PublicationExemptionGround.PersonnelMatters] = "議員・職員の人事、給与等に関するもの（第17条第2項第1号ア）",
            [PublicationExemptionGround.ExperimentalProcessing] = "試験的な電子計算機処理の用に供するもの（第17条第2項第1号イ）",
            [PublicationExemptionGround.ErasedWithinOneYear] = "1年以内に消去するもの（第17条第2項第1号ウ）",
            [PublicationExemptionGround.MailingAndContactOnly] = "送付又は連絡のために必要な事項のみのもの（第17条第2項第1号エ）",
            [PublicationExemptionGround.StaffAcademicResearch] = "職員が学術研究の用に供するもの（第17条第2項第1号オ）",
            [PublicationExemptionGround.FewerPersonsThanThreshold] = "本人の数が議長の定める数に満たないもの（第17条第2項第1号カ）",
            [PublicationExemptionGround.DesignatedEquivalent] = "これらに準ずるものとして議長が定めるもの（第17条第2項第1号キ）",
            [PublicationExemptionGround.SubsetOfPublishedFile] = "掲載ファイルの一部で利用目的等の範囲内のもの（第17条第2項第2号）",
            [PublicationExemptionGround.DesignatedEquivalentToSubset] = "前号に準ずるものとして議長が定めるもの（第17条第2項第3号）",
            [PublicationExemptionGround.WholeFileWithheldUnderParagraph3] = "記載により事務の適正な遂行に著しい支障（第17条第3項）",
            [NotificationExemption.AlternativeMeasure] = "本人への通知が困難で代替措置を講じた（第11条第1号）",
            [NotificationExemption.ContainsNonDisclosureInformation] = "不開示情報が含まれる（第11条第2号）",
            [MeasureKind.Containment] = "被害の拡大防止",
            [MeasureKind.SupportForPersons] = "本人への対応",
            [MeasureKind.Publication] = "公表",
            [MeasureKind.RecurrencePrevention] = "再発防止策",
            [IncidentStatus.Open] = "対応中",
            [IncidentStatus.Closed] = "終結",
            [StartRule.ExcludeFirstDay] = "初日不算入（民法第140条）",
            [StartRule.FromNextDay] = "翌日から起算",
            [StartRule.IncludeFirstDay] = "初日算入",
            [StartRule.ClearInterval] = "中間に置く期間（両端の日を含まない）",
            [ClosedDayTreatment.NextOpenDay] = "休日に当たるときは翌開庁日",
            [ClosedDayTreatment.NoAdjustment] = "休日でも繰り延べない",
        };
        foreach (var (kind, name) in IncidentReportView.KindNames) names[kind] = name;
        foreach (var (criterion, name) in IncidentReportView.CriterionNames) names[criterion] = name;
        return names;
    }

    public static string Kind(RequestKind kind) => CaseArticles.For(kind).NameJa;

    public static string Requester(RequesterType type) => Of(type);

    public static string Outcome(CaseOutcome outcome) => Of(outcome);

    public const string Withdrawn = "取下げ";
    public const string Pending = "処理中";

    public static string Scope(DecisionScope scope) => Of(scope);

    public static string Ruling(ReviewOutcome outcome) => Of(outcome);

    public static string Exception(ConsultationException exception) => $"第45条第1項第{(int)exception}号";

    public static string Target(ReviewTarget target) => Of(target);

    /// <summary>A ground of use or provision with the provision it comes from.</summary>
    public static string Ground(UseGround ground) => Of(ground);

    public static string State(ClockState state) => Of(state);
}
