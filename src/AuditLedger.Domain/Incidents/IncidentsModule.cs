namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>漏えい等事案 (第9条、第11条): a leak, loss or damage from its report to its closing, with the notifications owed to each person.</summary>
public static class IncidentsModule
{
    public static readonly LedgerModule Module = new(
        "incidents", "漏えい等事案（第9条、第11条）",
        Events:
        [
            LedgerEventType.Of<LeakIncidentReported>("漏えい等の事態の発生（検知）", storedAs: "leak_incident_detected"),
            LedgerEventType.Of<LeakIncidentAssessed>("漏えい等の事態の評価"),
            LedgerEventType.Of<AffectedPersonNotified>("本人への通知"),
            LedgerEventType.Of<NotificationExemptionApplied>("本人への通知の例外の適用"),
            LedgerEventType.Of<IncidentMeasureTaken>("講じた措置"),
            LedgerEventType.Of<LeakIncidentClosed>("漏えい等事案の終結"),
        ],
        Commands:
        [
            typeof(ReportLeakIncident), typeof(AssessLeakIncident), typeof(NotifyAffectedPerson), typeof(ApplyNotificationExemption),
            typeof(TakeIncidentMeasure), typeof(CloseLeakIncident),
        ],
        Rules:
        [
            IncidentCommand.IncidentClosed, CloseLeakIncident.IncidentNotYetAssessed, CloseLeakIncident.NotificationsOwed,
            IncidentCommand.PersonNotAffected, ApplyNotificationExemption.AlternativeMeasureRequired, ReportLeakIncident.AffectedRecordUnknown,
        ]);
}
