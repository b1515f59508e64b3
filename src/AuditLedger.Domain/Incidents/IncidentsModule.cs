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
            LedgerEventType.Of<LeakIncidentReported>(storedAs: "leak_incident_detected"),
            LedgerEventType.Of<LeakIncidentAssessed>(),
            LedgerEventType.Of<AffectedPersonNotified>(),
            LedgerEventType.Of<NotificationExemptionApplied>(),
            LedgerEventType.Of<IncidentMeasureTaken>(),
            LedgerEventType.Of<LeakIncidentClosed>(),
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
