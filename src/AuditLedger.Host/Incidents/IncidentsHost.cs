namespace AuditLedger.Host.Incidents;

using AuditLedger.Domain.Incidents;
using AuditLedger.Host.Ledger;

/// <summary>The incidents module (漏えい等事案, 第9条, 第11条) in the host: each command's handler, HTTP endpoint and command-line name, in the same order.</summary>
public static class IncidentsHost
{
    public static readonly HostModule Module = new(IncidentsModule.Module,
    [
        new("report-leak-incident", typeof(ReportLeakIncident), "POST /api/incidents",
            "漏えい等事案の報告 (Art. 9) / report a leak, loss or damage", "report-incident"),
        new("assess-leak-incident", typeof(AssessLeakIncident), "POST /api/incidents/{incidentId}/assessment",
            "事案の評価 (Art. 11) / assess an incident", "assess-incident"),
        new("notify-affected-person", typeof(NotifyAffectedPerson), "POST /api/incidents/{incidentId}/notifications",
            "本人への通知 (Art. 11) / notify an affected person", "notify-person"),
        new("apply-notification-exemption", typeof(ApplyNotificationExemption), "POST /api/incidents/{incidentId}/notification-exemptions",
            "通知の例外 (Art. 11(1)(2)) / apply a notification exemption", "exempt-notification"),
        new("take-incident-measure", typeof(TakeIncidentMeasure), "POST /api/incidents/{incidentId}/measures",
            "措置の記録 (Art. 9) / record a measure taken", "record-measure", "RecordIncidentMeasure"),
        new("close-leak-incident", typeof(CloseLeakIncident), "POST /api/incidents/{incidentId}/closure",
            "事案の終結 (Art. 11) / close an incident", "close-incident"),
    ]);
}
