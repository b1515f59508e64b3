namespace AuditLedger.Host.Configuration;

/// <summary>Where the ledger's PostgreSQL is: configuration first, then the environment.</summary>
public static class LedgerDatabase
{
    public const string ConnectionName = "AuditLedger";
    public const string EnvironmentVariable = "AUDITLEDGER_CONNECTION";

    /// <summary>
    /// The connection string from <c>ConnectionStrings:AuditLedger</c> (appsettings, or the environment variable
    /// <c>ConnectionStrings__AuditLedger</c>) or <c>AUDITLEDGER_CONNECTION</c>. <c>scripts/run</c> sets the latter
    /// to the project's own local cluster when nothing is configured.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName)
        ?? configuration[EnvironmentVariable]
        ?? throw new InvalidOperationException(
            "No database is configured for AuditLedger. Start the project's own PostgreSQL and run through scripts/run " +
            $"(or scripts/auditledger), or set {EnvironmentVariable} / ConnectionStrings__{ConnectionName} to a PostgreSQL connection string.");
}
