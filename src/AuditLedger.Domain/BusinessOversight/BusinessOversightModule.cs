namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;

/// <summary>
/// 事業者に対する調査・是正勧告・公表 (流山市 個人情報保護制度の概要「事業者への啓発等」, no article numbers): a business's handling of
/// personal information from the investigation through the board's opinions, the recommendation and the hearing to publication.
/// Where the profile in force provides no such oversight, no case can be opened.
/// </summary>
public static class BusinessOversightModule
{
    public static readonly LedgerModule Module = new(
        "business-oversight", "事業者に対する調査・是正勧告・公表（流山市 概要「事業者への啓発等」）",
        Events:
        [
            LedgerEventType.Of<OversightInvestigationOpened>("事業者に対する調査の開始"),
            LedgerEventType.Of<OversightFindingsRecorded>("調査の結果"),
            LedgerEventType.Of<OversightBoardConsulted>("審査会への意見聴取"),
            LedgerEventType.Of<OversightBoardOpinionReceived>("審査会の意見"),
            LedgerEventType.Of<CorrectionRecommended>("是正の勧告"),
            LedgerEventType.Of<BusinessResponseRecorded>("勧告に対する事業者の対応"),
            LedgerEventType.Of<BusinessHearingHeld>("事業者の意見の聴取"),
            LedgerEventType.Of<OversightFactsPublished>("事実の公表"),
            LedgerEventType.Of<OversightCaseClosed>("事業者調査事案の終結"),
        ],
        Commands:
        [
            typeof(OpenOversightInvestigation), typeof(RecordOversightFindings), typeof(ConsultOversightBoard), typeof(ReceiveOversightBoardOpinion),
            typeof(RecommendCorrection), typeof(RecordBusinessResponse), typeof(HoldBusinessHearing), typeof(PublishOversightFacts),
            typeof(CloseOversightCase),
        ],
        Rules: [OpenOversightInvestigation.NotProvided, .. OversightOrder.Rules]);
}
