namespace AuditLedger.Host.Configuration;

using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

/// <summary>
/// Brings the database to the schema this release needs, as the role that owns it, and makes the event store
/// append-only: triggers refuse UPDATE, DELETE and TRUNCATE of stored events and any lowering of a stream's version,
/// and the application role is granted only the statements Marten and Wolverine use (see <see cref="AppendOnlyStore"/>).
/// Runs before the service or the command line starts; cheap when nothing changed.
/// </summary>
public static class SchemaMigration
{
    public static async Task Apply(IConfiguration configuration, CancellationToken ct = default)
    {
        var appConnection = LedgerDatabase.ConnectionString(configuration);
        await DurabilityCheck.Ensure(appConnection, ct);
        var ownerConnection = LedgerDatabase.OwnerConnectionString(configuration) ?? appConnection;
        var asOwner = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{LedgerDatabase.ConnectionName}"] = ownerConnection,
                [$"ConnectionStrings:{LedgerDatabase.OwnerConnectionName}"] = ownerConnection,
            })
            .Build();

        // A host of the owner's: Marten builds its tables and functions, Wolverine its message tables on start.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager(), DisableDefaults = true });
        builder.Configuration.AddConfiguration(asOwner);
        builder.Services.AddAuditLedger(builder.Configuration, DaemonMode.Disabled);
        builder.Services.AddWolverine(LedgerConfiguration.Wolverine(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync(ct);
        try
        {
            await host.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        finally
        {
            await host.StopAsync(ct);
        }

        var appRole = new NpgsqlConnectionStringBuilder(appConnection).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
        await AppendOnlyStore.Secure(ownerConnection, LedgerConfiguration.SchemaName, appRole == ownerRole ? null : appRole, ct);
        await PersonalDataKeys.Migrate(ownerConnection, LedgerConfiguration.SchemaName, appRole == ownerRole ? null : appRole, ct);
    }
}

/// <summary>An audit ledger must not lose a committed event: the service refuses to run on a server that may.</summary>
public static class DurabilityCheck
{
    public static async Task Ensure(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select current_setting('fsync'), current_setting('synchronous_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (fsync, synchronousCommit) = (reader.GetString(0), reader.GetString(1));
        if (fsync == "off")
            throw new UnsafeServerException(
                "PostgreSQL runs with fsync = off: after a crash, events the ledger reported as recorded could be lost or corrupt. " +
                "AuditLedger will not start. Set fsync = on in postgresql.conf and restart the server.");
        if (synchronousCommit == "off")
            throw new UnsafeServerException(
                "PostgreSQL runs with synchronous_commit = off: the last events acknowledged before a crash could be lost. " +
                "AuditLedger will not start. Set synchronous_commit = on (or local, remote_write, remote_apply) and restart.");
    }
}

/// <summary>The service or command line will not start, for a reason its message explains to the operator.</summary>
public class ServiceRefusedToStart(string message) : InvalidOperationException(message);

/// <summary>The database server is configured so that it may lose committed events; the ledger refuses to run on it.</summary>
public sealed class UnsafeServerException(string message) : ServiceRefusedToStart(message);
