namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Cases;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;

/// <summary>A command as the command line and the JSON-lines import name it.</summary>
public sealed record CommandDescriptor(string Name, Type Type, string Description);

/// <summary>Every command of the ledger by its command-line name; the import's "command" field uses the same names.</summary>
public static class CommandCatalog
{
    public static readonly IReadOnlyList<CommandDescriptor> All =
    [
        new("register-file", typeof(RegisterPersonalInformationFile), "個人情報ファイルの登録 (Art. 17(1)) / register a personal information file"),
        new("amend-file", typeof(AmendPersonalInformationFile), "個人情報ファイル簿の変更 / amend a file's register items"),
        new("exempt-file", typeof(ExemptFileFromPublication), "ファイル簿への不掲載 (Art. 17(2)) / keep a file out of the published register"),
        new("withhold-file-items", typeof(WithholdFileItemsFromPublication), "一部事項の不記載 (Art. 17(3)) / withhold items from the published register"),
        new("retire-file", typeof(RetirePersonalInformationFile), "個人情報ファイルの廃止 / retire a file"),
        new("dispose-records", typeof(DisposeFileRecords), "保存期間を経過した保有個人情報の廃棄 (Art. 4(2); Nagareyama) / dispose of a file's records past retention"),
        new("acquire-record", typeof(RecordAcquisition), "保有個人情報の取得 (Art. 4, 5) / record an acquisition"),
        new("change-purpose", typeof(ChangeRecordPurpose), "利用目的の変更 (Art. 4(3)) / change a record's purpose"),
        new("use-outside-purpose", typeof(RecordPurposeExternalUse), "目的外利用 (Art. 12) / record a purpose-external use"),
        new("provide-record", typeof(RecordProvision), "提供 (Art. 12, 13, 15) / record a provision"),
        new("correct-record", typeof(RecordCorrection), "訂正の実施 (Art. 34, 37) / execute a correction decision"),
        new("suspend-use", typeof(SuspendRecordUse), "利用停止の実施 (Art. 40) / execute a suspension of use"),
        new("stop-provision", typeof(StopRecordProvision), "提供の停止 (Art. 40) / execute a stop of provision"),
        new("erase-record", typeof(EraseRecord), "消去・廃棄 (Art. 40; Nagareyama) / erase a record"),
        new("report-incident", typeof(ReportLeakIncident), "漏えい等事案の検知 (Art. 9) / report a leak, loss or damage"),
        new("assess-incident", typeof(AssessLeakIncident), "事案の評価 (Art. 11) / assess an incident"),
        new("notify-person", typeof(NotifyAffectedPerson), "本人への通知 (Art. 11) / record a notification"),
        new("exempt-notification", typeof(ApplyNotificationExemption), "通知の例外 (Art. 11(1)(2)) / apply a notification exemption"),
        new("record-measure", typeof(RecordIncidentMeasure), "措置の記録 / record a measure taken"),
        new("close-incident", typeof(CloseLeakIncident), "事案の終結 (Art. 11) / close an incident"),
        new("receive-request", typeof(ReceiveRequest), "開示・訂正・利用停止請求の受付 (Art. 18-19, 31-32, 38-39) / receive a request"),
        new("verify-requester", typeof(VerifyRequesterIdentity), "本人確認 (Art. 19(2), 32(2), 39(2)) / record the identity check"),
        new("request-form-correction", typeof(RequestFormCorrection), "補正の求め (Art. 19(3), 32(3), 39(3)) / ask for a correction of form"),
        new("complete-form-correction", typeof(CompleteFormCorrection), "補正の完了 / record that the correction of form is complete"),
        new("extend-decision-period", typeof(ExtendDecisionPeriod), "決定期限の延長 (Art. 25(2), 35(2), 42(2)) / extend the decision period"),
        new("notify-special-deadline", typeof(NotifySpecialDeadline), "期限の特例の通知 (Art. 26, 36, 43) / notify a special deadline"),
        new("record-chair-vacancy", typeof(RecordChairVacancy), "議長・副議長がともに欠けた期間 (Art. 26(2), 36(2), 43(2)) / record days without chair and vice-chair"),
        new("notify-third-party", typeof(NotifyThirdParty), "第三者への意見書提出の機会 (Art. 27(1)(2)) / notify a third party"),
        new("record-third-party-opinion", typeof(RecordThirdPartyOpinion), "第三者の意見書・反対意見書 (Art. 27(3)) / record a third party's opinion"),
        new("decide-request", typeof(DecideRequest), "決定と書面通知 (Art. 24, 34, 41) / decide a request"),
        new("record-notice-delivery", typeof(RecordDecisionNoticeDelivery), "決定通知の到達 (Art. 28(4)) / record that the decision notice arrived"),
        new("notify-objector", typeof(NotifyObjectorOfDisclosure), "反対意見書提出者への通知 (Art. 27(3)) / tell the objector the day of disclosure"),
        new("request-disclosure-method", typeof(RequestDisclosureMethod), "開示の実施方法の申出 (Art. 28(3)(4)) / record the method requested"),
        new("implement-disclosure", typeof(ImplementDisclosure), "開示の実施 (Art. 28(1)) / record the disclosure"),
        new("charge-copy-cost", typeof(ChargeCopyCost), "写しの費用 (Art. 30(2)) / record the cost of copies"),
        new("notify-provision-recipients", typeof(NotifyProvisionRecipients), "提供先への訂正の通知 (Art. 37) / notify the recipients of a corrected record"),
        new("withdraw-request", typeof(WithdrawRequest), "請求の取下げ / withdraw a request"),
        new("request-review", typeof(RequestReview), "審査請求 (Art. 44) / receive a review request"),
        new("consult-board", typeof(ConsultBoard), "審査会への諮問 (Art. 45(1)) / consult the review board"),
        new("apply-consultation-exception", typeof(ApplyConsultationException), "諮問を要しない場合 (Art. 45(1)(1)-(4)) / rule without consultation"),
        new("notify-consultation-parties", typeof(NotifyConsultationParties), "諮問をした旨の通知 (Art. 45(2)) / notify the parties of the consultation"),
        new("record-board-report", typeof(RecordBoardReport), "答申の受領 / record the board's report"),
        new("rule-on-review", typeof(RuleOnReview), "裁決 (Art. 45, 46) / rule on the review"),
    ];

    public static CommandDescriptor? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    private static readonly Dictionary<Type, string> NamesByType = All.ToDictionary(c => c.Type, c => c.Name);

    /// <summary>The stable name (e.g. <c>receive-request</c>) of a command type in the catalog; null when it is not in it.</summary>
    public static string? NameOf(Type commandType) => NamesByType.GetValueOrDefault(commandType);

    static CommandCatalog()
    {
        var missing = typeof(LedgerCommand).Assembly.GetTypes()
            // The user directory's commands are kept by administrators (`users`, /api/users), not sent as ledger commands or imported.
            .Where(t => t.IsSubclassOf(typeof(LedgerCommand)) && !t.IsSubclassOf(typeof(Domain.Access.DirectoryCommand)) && !t.IsAbstract && All.All(c => c.Type != t))
            .ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Commands missing from the catalog: {string.Join(", ", missing.Select(t => t.Name))}.");
    }
}
