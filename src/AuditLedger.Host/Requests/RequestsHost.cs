namespace AuditLedger.Host.Requests;

using AuditLedger.Domain.Requests;
using AuditLedger.Host.Ledger;

/// <summary>The requests module (開示・訂正・利用停止請求, 第18条～第43条) in the host: each command's handler, HTTP endpoint and command-line name, in the same order.</summary>
public static class RequestsHost
{
    public static readonly HostModule Module = new(RequestsModule.Module,
    [
        new("receive-request", typeof(ReceiveRequest), "POST /api/cases",
            "開示・訂正・利用停止請求の受付 (Art. 18-19, 31-32, 38-39) / receive a request"),
        new("verify-requester-identity", typeof(VerifyRequesterIdentity), "POST /api/cases/{caseId}/identity-checks",
            "本人確認 (Art. 19(2), 32(2), 39(2)) / verify the requester's identity", "verify-requester"),
        new("request-form-correction", typeof(RequestFormCorrection), "POST /api/cases/{caseId}/form-corrections",
            "補正の求め (Art. 19(3), 32(3), 39(3)) / ask for a correction of form"),
        new("complete-form-correction", typeof(CompleteFormCorrection), "POST /api/cases/{caseId}/form-corrections/completion",
            "補正の完了 / record that the correction of form is complete"),
        new("extend-decision-period", typeof(ExtendDecisionPeriod), "POST /api/cases/{caseId}/extensions",
            "決定期限の延長 (Art. 25(2), 35(2), 42(2)) / extend the decision period"),
        new("notify-special-deadline", typeof(NotifySpecialDeadline), "POST /api/cases/{caseId}/special-deadline",
            "期限の特例の通知 (Art. 26, 36, 43) / notify a special deadline"),
        new("record-chair-vacancy", typeof(RecordChairVacancy), "POST /api/cases/{caseId}/chair-vacancies",
            "議長・副議長がともに欠けた期間 (Art. 26(2), 36(2), 43(2)) / record days without chair and vice-chair"),
        new("notify-third-party", typeof(NotifyThirdParty), "POST /api/cases/{caseId}/third-parties",
            "第三者への意見書提出の機会 (Art. 27(1)(2)) / notify a third party"),
        new("receive-third-party-opinion", typeof(ReceiveThirdPartyOpinion), "POST /api/cases/{caseId}/third-party-opinions",
            "第三者の意見書・反対意見書 (Art. 27(3)) / receive a third party's opinion", "record-third-party-opinion", "RecordThirdPartyOpinion"),
        new("decide-request", typeof(DecideRequest), "POST /api/cases/{caseId}/decisions",
            "決定と書面通知 (Art. 24, 34, 41) / decide a request"),
        new("record-decision-notice-delivery", typeof(RecordDecisionNoticeDelivery), "POST /api/cases/{caseId}/notice-deliveries",
            "決定通知の到達 (Art. 28(4)) / record that the decision notice arrived", "record-notice-delivery"),
        new("notify-objector-of-disclosure", typeof(NotifyObjectorOfDisclosure), "POST /api/cases/{caseId}/objector-notices",
            "反対意見書提出者への通知 (Art. 27(3)) / tell the objector the day of disclosure", "notify-objector"),
        new("request-disclosure-method", typeof(RequestDisclosureMethod), "POST /api/cases/{caseId}/method-requests",
            "開示の実施方法の申出 (Art. 28(3)(4)) / record the method requested"),
        new("implement-disclosure", typeof(ImplementDisclosure), "POST /api/cases/{caseId}/disclosures",
            "開示の実施 (Art. 28(1)) / record the disclosure"),
        new("charge-copy-cost", typeof(ChargeCopyCost), "POST /api/cases/{caseId}/copy-costs",
            "写しの費用 (Art. 30(2)) / record the cost of copies"),
        new("notify-provision-recipients", typeof(NotifyProvisionRecipients), "POST /api/cases/{caseId}/recipient-notices",
            "提供先への訂正の通知 (Art. 37) / notify the recipients of a corrected record"),
        new("withdraw-request", typeof(WithdrawRequest), "POST /api/cases/{caseId}/withdrawal",
            "請求の取下げ / withdraw a request"),
    ]);
}
