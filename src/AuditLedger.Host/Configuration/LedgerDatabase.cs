namespace AuditLedger.Host.Configuration;

/// <summary>Where the ledger's PostgreSQL is: configuration first, then the environment.</summary>
public static class LedgerDatabase
{
    public const string ConnectionName = "AuditLedger";
    public const string EnvironmentVariable = "AUDITLEDGER_CONNECTION";
    public const string OwnerConnectionName = "AuditLedgerOwner";
    public const string OwnerEnvironmentVariable = "AUDITLEDGER_OWNER_CONNECTION";

    /// <summary>
    /// The connection of the role that owns the schema and applies its changes (<c>ConnectionStrings:AuditLedgerOwner</c>
    /// or <c>AUDITLEDGER_OWNER_CONNECTION</c>), when the service runs as a separate application role; null when the
    /// service's own connection owns the schema.
    /// </summary>
    public static string? OwnerConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(OwnerConnectionName) ?? configuration[OwnerEnvironmentVariable];

    /// <summary>Whether this process runs as a role that may not change the schema (it then expects the owner to have migrated it).</summary>
    public static bool RunsAsApplicationRole(IConfiguration configuration) =>
        OwnerConnectionString(configuration) is { } owner
        && !string.Equals(new Npgsql.NpgsqlConnectionStringBuilder(owner).Username, new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString(configuration)).Username, StringComparison.Ordinal);

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
