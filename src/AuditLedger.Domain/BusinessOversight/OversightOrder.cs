// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): the order of the steps of business oversight.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Law;

/// <summary>
/// The order of the steps, as the overview gives it: 調査 → (著しく不適正なら) 審査会の意見 → 是正勧告 → (従わないとき) 意見の聴取 →
/// 審査会の意見 → 公表. One check per step, used by the commands (which refuse) and by <see cref="Allowed"/> (what the page offers).
/// The overview has no article numbers: each rule cites its section by heading and says so.
/// </summary>
public static class OversightOrder
{
    public const string Law = "流山市個人情報保護制度";

    /// <summary>The overview's section on businesses: 事業者への啓発等.</summary>
    public static readonly ArticleRef Section = ArticleRef.SectionOf(Law, "事業者への啓発等", "awareness-raising for businesses");

    private const string Cite = "（流山市個人情報保護制度の概要「事業者への啓発等」、条番号なし）";
    private const string CiteEn = " (Nagareyama overview, \"awareness-raising for businesses\"; no article numbers)";

    public static readonly LedgerRule Closed = new("oversight.closed", Section,
        "この事業者調査事案は終結済みです。新たな記録はできません" + Cite + "。",
        "This business-oversight case is closed; nothing more can be recorded on it" + CiteEn + ".");

    public static readonly LedgerRule StepAlreadyTaken = new("oversight.step-already-taken", Section,
        "この手続は既に記録されています" + Cite + "。",
        "This step has already been recorded on the case" + CiteEn + ".");

    public static readonly LedgerRule FindingsRequired = new("oversight.findings-required", Section,
        "調査の結果が記録されていません。先に調査結果を記録してください" + Cite + "。",
        "The investigation's findings are not recorded; record them first" + CiteEn + ".");

    public static readonly LedgerRule NotSeriouslyImproper = new("oversight.not-seriously-improper", Section,
        "是正の勧告（及びそのための審査会への意見聴取）は、著しく不適正な取扱いが認められた事業者に限られます" + Cite + "。",
        "A recommendation of correction (and consulting the board on it) is only for a business found to handle personal information seriously improperly" + CiteEn + ".");

    public static readonly LedgerRule BoardOpinionPending = new("oversight.board-opinion-pending", Section,
        "審査会の意見をまだ受けていません。意見を受けてから次の手続に進んでください" + Cite + "。",
        "The review board's opinion has not been received yet; receive it before the next step" + CiteEn + ".");

    public static readonly LedgerRule BoardNotConsulted = new("oversight.board-not-consulted", Section,
        "審査会に意見を求めていません。意見を受領する前に審査会への意見聴取を記録してください" + Cite + "。",
        "The review board has not been consulted; record the consultation before its opinion" + CiteEn + ".");

    public static readonly LedgerRule BoardOpinionRequired = new("oversight.board-opinion-required", Section,
        "審査会の意見を聴いていません。是正の勧告及び公表は、審査会の意見を聴いた上で行います" + Cite + "。",
        "The review board's opinion has not been heard; a recommendation of correction and a publication come only after it" + CiteEn + ".");

    public static readonly LedgerRule RecommendationRequired = new("oversight.recommendation-required", Section,
        "是正の勧告が記録されていません。事業者の対応は勧告の後に記録します" + Cite + "。",
        "No recommendation of correction is recorded; the business's response comes after it" + CiteEn + ".");

    public static readonly LedgerRule NonComplianceRequired = new("oversight.non-compliance-required", Section,
        "事業者が勧告に従わなかったことが記録されていません（従った場合を含む）。意見の聴取、審査会の再度の意見聴取及び公表は、勧告に従わない場合に限られます" + Cite + "。",
        "The business is not recorded as failing to follow the recommendation (or it followed it); hearing it, consulting the board again and publishing are only for a business that does not follow it" + CiteEn + ".");

    public static readonly LedgerRule HearingRequired = new("oversight.hearing-required", Section,
        "事業者の意見の聴取が記録されていません。公表の前に意見を聴取し、その上で審査会の意見を聴いてください" + Cite + "。",
        "The business has not been heard; hear it, then consult the board, before publishing" + CiteEn + ".");

    public static readonly IReadOnlyList<LedgerRule> Rules =
    [
        Closed, StepAlreadyTaken, FindingsRequired, NotSeriouslyImproper, BoardOpinionPending, BoardNotConsulted,
        BoardOpinionRequired, RecommendationRequired, NonComplianceRequired, HearingRequired,
    ];

    /// <summary>What refuses <paramref name="step"/> on the case as it stands (one of <see cref="Rules"/>), or null when the step is allowed now.</summary>
    public static OversightRefusal? Refusal(OversightStep step, OversightCase c)
    {
        return Against(step, c) is { } rule ? new(rule) : null;

        // A local function, so that the only way to a rule from outside is the refusal, which names one of Rules.
        static LedgerRule? Against(OversightStep step, OversightCase c)
        {
            if (c.Status == OversightStatus.Closed) return Closed;
            if (step == OversightStep.Close) return c.OpinionPending ? BoardOpinionPending : null;
            if (step == OversightStep.ReceiveBoardOpinion) return c.OpinionPending ? null : BoardNotConsulted;
            if (c.OpinionPending) return BoardOpinionPending;
            return step switch
            {
                OversightStep.RecordFindings => c.FindingsRecorded ? StepAlreadyTaken : null,
                // Round 1 (before a recommendation) or round 2 (after the hearing, before publication).
                OversightStep.ConsultBoard => c.Consultations switch
                {
                    0 => !c.FindingsRecorded ? FindingsRequired : !c.SeriouslyImproper ? NotSeriouslyImproper : null,
                    1 => c.Complied != false ? NonComplianceRequired : !c.HearingHeld ? HearingRequired : null,
                    _ => StepAlreadyTaken,
                },
                OversightStep.RecommendCorrection =>
                    c.Recommended ? StepAlreadyTaken
                    : !c.FindingsRecorded ? FindingsRequired
                    : !c.SeriouslyImproper ? NotSeriouslyImproper
                    : c.Opinions < 1 ? BoardOpinionRequired
                    : null,
                OversightStep.RecordResponse => !c.Recommended ? RecommendationRequired : c.Complied is not null ? StepAlreadyTaken : null,
                OversightStep.HoldHearing => c.HearingHeld ? StepAlreadyTaken : c.Complied != false ? NonComplianceRequired : null,
                OversightStep.PublishFacts =>
                    c.Published ? StepAlreadyTaken
                    : c.Complied != false ? NonComplianceRequired
                    : !c.HearingHeld ? HearingRequired
                    : c.Opinions < 2 ? BoardOpinionRequired
                    : null,
                _ => null,
            };
        }
    }

    /// <summary>The steps allowed on the case now, in the overview's order (what the case page offers forms for).</summary>
    public static IReadOnlyList<OversightStep> Allowed(OversightCase c) =>
        [.. Enum.GetValues<OversightStep>().Where(s => Refusal(s, c) is null)];

    /// <summary>Refuses the step when its rule says so.</summary>
    /// <exception cref="LedgerRuleViolation">The step is not allowed now.</exception>
    public static void Require(OversightStep step, OversightCase c)
    {
        if (Refusal(step, c) is { } refusal) throw new LedgerRuleViolation(refusal.Rule, $"Step {step} on business-oversight case {c.Id}.");
    }
}

/// <summary>A step refused by the order of business oversight: <see cref="Rule"/> is always one of <see cref="OversightOrder.Rules"/>.</summary>
public sealed record OversightRefusal(LedgerRule Rule);
