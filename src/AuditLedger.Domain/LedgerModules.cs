namespace AuditLedger.Domain;

using AuditLedger.Domain.Common;

/// <summary>
/// Every module of the ledger, one per part of the law, in the order of the ordinance. The one list the store's event names,
/// the rule catalog, the projections and the completeness tests are read from.
/// </summary>
public static class LedgerModules
{
    public static IReadOnlyList<LedgerModule> All { get; } =
    [
        Files.FilesModule.Module,
        Records.RecordsModule.Module,
        Incidents.IncidentsModule.Module,
        Requests.RequestsModule.Module,
        Reviews.ReviewsModule.Module,
        Access.AccessModule.Module,
        BusinessOversight.BusinessOversightModule.Module,
    ];

    /// <summary>Every event type of the ledger with its stored name.</summary>
    public static IReadOnlyList<LedgerEventType> Events { get; } = [.. All.SelectMany(m => m.Events)];

    /// <summary>The module an event or command type belongs to; null when none declares it.</summary>
    public static LedgerModule? Of(Type type) =>
        All.FirstOrDefault(m => m.Events.Any(e => e.Type == type) || m.Commands.Contains(type));
}
