namespace AuditLedger.Host.Ledger;

/// <summary>
/// The one place the host's modules are registered, in the order of the ordinance. Each module's host file
/// (<c>Files/FilesHost.cs</c>, …) holds its handlers, its HTTP endpoints and its command-line names together; Wolverine finds
/// the handlers and endpoints in them, and the command catalog, the command line and the import read the names from here.
/// </summary>
public static class LedgerHostModules
{
    public static IReadOnlyList<HostModule> All { get; } =
    [
        Files.FilesHost.Module,
        Records.RecordsHost.Module,
        Incidents.IncidentsHost.Module,
        Requests.RequestsHost.Module,
        Reviews.ReviewsHost.Module,
        Access.AccessHost.Module,
        BusinessOversight.BusinessOversightHost.Module,
    ];
}
