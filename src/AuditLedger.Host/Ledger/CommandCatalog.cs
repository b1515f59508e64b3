namespace AuditLedger.Host.Ledger;

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
    ];

    public static CommandDescriptor? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    static CommandCatalog()
    {
        var missing = typeof(LedgerCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(LedgerCommand)) && !t.IsAbstract && All.All(c => c.Type != t))
            .ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Commands missing from the catalog: {string.Join(", ", missing.Select(t => t.Name))}.");
    }
}
