namespace AuditLedger.Projections.Reporting;

using AuditLedger.Domain.Cases;
using AuditLedger.Domain.Records;

/// <summary>
/// How the published tables and the board's timeline name the case facts, in the words the ordinance and municipal
/// annual reports use. One place, so that the annual status and the timeline say the same thing.
/// </summary>
public static class CaseLabels
{
    public static string Kind(RequestKind kind) => CaseArticles.For(kind).NameJa;

    public static string Requester(RequesterType type) => type switch
    {
        RequesterType.Self => "本人",
        RequesterType.LegalRepresentative => "法定代理人",
        RequesterType.AppointedAgent => "任意代理人",
        _ => type.ToString(),
    };

    public static string Outcome(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.DisclosedInFull => "開示",
        CaseOutcome.DisclosedInPart => "一部開示",
        CaseOutcome.DisclosedAtDiscretion => "裁量的開示",
        CaseOutcome.NotDisclosed => "不開示",
        CaseOutcome.NotHeld => "不存在",
        CaseOutcome.ExistenceNeitherConfirmedNorDenied => "存否応答拒否",
        CaseOutcome.Corrected => "訂正",
        CaseOutcome.CorrectionRefused => "訂正しない",
        CaseOutcome.UseSuspended => "利用停止",
        CaseOutcome.SuspensionRefused => "利用停止しない",
        CaseOutcome.Dismissed => "却下",
        _ => outcome.ToString(),
    };

    public const string Withdrawn = "取下げ";
    public const string Pending = "処理中";

    public static string Scope(DecisionScope scope) => scope switch
    {
        DecisionScope.Whole => "全部について",
        DecisionScope.SubstantialPortion => "相当の部分について（期限の特例）",
        DecisionScope.Remainder => "残りの部分について（期限の特例）",
        _ => scope.ToString(),
    };

    public static string Ruling(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.Dismissed => "却下",
        ReviewOutcome.Rejected => "棄却",
        ReviewOutcome.UpheldInFull => "全部認容",
        ReviewOutcome.UpheldInPart => "一部認容",
        _ => outcome.ToString(),
    };

    public static string Exception(ConsultationException exception) => $"第45条第1項第{(int)exception}号";

    public static string Target(ReviewTarget target) => target == ReviewTarget.Inaction ? "不作為" : "決定";

    /// <summary>A ground of use or provision with the provision it comes from.</summary>
    public static string Ground(UseGround ground) => ground switch
    {
        UseGround.WithinPurpose => "利用目的のための提供（第13条）",
        UseGround.ProvidedByLaw => "法令に基づく場合（第12条第1項、第15条第1項）",
        UseGround.ConsentOrToThePerson => "本人の同意又は本人への提供（第12条第2項第1号）",
        UseGround.InternalUseForDuties => "所掌事務の遂行に必要な内部利用（第12条第2項第2号）",
        UseGround.ProvisionToPublicBody => "他の行政機関等への提供（第12条第2項第3号）",
        UseGround.StatisticsResearchOrSpecialReason => "統計・学術研究その他特別の理由（第12条第2項第4号）",
        UseGround.VitalInterestsWithConsentOrImpracticable => "人の生命、身体又は財産の保護（第12条第5項）",
        UseGround.MyNumberActArticle19 => "番号利用法第19条各号",
        UseGround.ToContractor => "委託先への提供（第9条第2項）",
        _ => ground.ToString(),
    };

    public static string State(ClockState state) => state switch
    {
        ClockState.Running => "進行中",
        ClockState.Paused => "停止中（補正）",
        ClockState.DueSoon => "期限間近",
        ClockState.Overdue => "期限超過",
        ClockState.Met => "期限内に履行",
        ClockState.MetLate => "期限後に履行",
        ClockState.Expired => "期間経過",
        ClockState.Waiting => "開示可能日まで待機",
        ClockState.Stopped => "終了（取下げ）",
        ClockState.Unknown => "算定不能",
        _ => state.ToString(),
    };
}
