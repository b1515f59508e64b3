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
/// Runs before the service or the command line starts. It migrates only when the schema this build would make differs
/// from the one recorded in the database (<see cref="SchemaVersion"/>): a command-line call on an unchanged build reads
/// one row instead of starting a second host and re-granting every table.
/// Errors: <see cref="DatabasePrivilegesMissing"/> (exit status 6) when the owner role may not do its work, e.g. in a
/// database a backup was restored into by another role; <see cref="UnsafeServerException"/> on a server that may lose commits.
/// </summary>
public static class SchemaMigration
{
    public static async Task Apply(IConfiguration configuration, CancellationToken ct = default)
    {
        var appConnection = LedgerDatabase.ConnectionString(configuration);
        var ownerConnection = LedgerDatabase.OwnerConnectionString(configuration) ?? appConnection;
        try
        {
            await Migrate(configuration, appConnection, ownerConnection, ct);
        }
        catch (Exception e) when (DatabasePrivilegesMissing.Cause(e) is { } denied)
        {
            throw DatabasePrivilegesMissing.For(ownerConnection, denied);
        }
    }

    private static async Task Migrate(IConfiguration configuration, string appConnection, string ownerConnection, CancellationToken ct)
    {
        var appRole = new NpgsqlConnectionStringBuilder(appConnection).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
        var version = SchemaVersion.Of(ownerRole, appRole);
        // One connection and, on a database already migrated, one query: the server's durability settings (server-wide, so
        // the owner's connection reads what the application's would) and whether this version is recorded.
        var (fsync, synchronousCommit, recorded) = await SchemaVersion.Check(ownerConnection, version, ct);
        DurabilityCheck.Refuse(fsync, synchronousCommit);
        if (recorded) return;

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
        builder.Services.AddAuditLedger(builder.Configuration, DaemonMode.ExternallyManaged);
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

        await AppendOnlyStore.Secure(ownerConnection, LedgerConfiguration.SchemaName, appRole == ownerRole ? null : appRole, ct);
        await PersonalDataKeys.Migrate(ownerConnection, LedgerConfiguration.SchemaName, appRole == ownerRole ? null : appRole, ct);
        await TenantMigration.Apply(ownerConnection, LedgerConfiguration.SchemaName, ct);
        // The further databases of the placement (AuditLedger:Tenancy:Databases): Marten built their tables above; they get the
        // same append-only guards and the tables that are written in an event's own transaction (the name index), through the
        // connection the placement lists for them (an owner's there).
        var placement = Tenancy.TenantPlacement.From(configuration, appConnection, LedgerJurisdictions.Load(configuration).Catalog);
        foreach (var database in placement.Databases.Where(d => d.Name != Tenancy.TenantPlacement.MainDatabase && d.TenantIds.Count > 0))
        {
            await AppendOnlyStore.Secure(database.ConnectionString, LedgerConfiguration.SchemaName, null, ct);
            await PersonalDataKeys.Migrate(database.ConnectionString, LedgerConfiguration.SchemaName, null, ct);
        }
        await SchemaVersion.Record(ownerConnection, version, ct);
    }
}

/// <summary>
/// Which schema a database was last migrated to, kept in <c>auditledger.schema_version</c> (one row, the owner's alone: the
/// application role is granted nothing on it). The version is a SHA-256 (hex) over the module version ids of the assemblies
/// that define the schema (this host with its migration SQL, the domain, the projections, Marten, Weasel, Wolverine,
/// JasperFx), which a deterministic build derives from their content, and the owner and application roles (the grants name
/// them). The row also holds the database's oid, so a backup restored into another database migrates (and re-grants) again.
/// </summary>
public static class SchemaVersion
{
    public const string Table = "schema_version";

    private static readonly string[] SchemaAssemblies =
    [
        "AuditLedger", "AuditLedger.Domain", "AuditLedger.Projections", "Marten", "Weasel.Core", "Weasel.Postgresql",
        "Wolverine", "Wolverine.Marten", "Wolverine.Postgresql", "Wolverine.RDBMS", "JasperFx", "JasperFx.Events",
    ];

    /// <summary>The version this build would migrate to, for these roles: 64 hex digits.</summary>
    public static string Of(string? ownerRole, string? appRole)
    {
        var parts = SchemaAssemblies.Select(name =>
        {
            try
            {
                return $"{name}:{System.Reflection.Assembly.Load(name).ManifestModule.ModuleVersionId:N}";
            }
            catch (FileNotFoundException)
            {
                return $"{name}:absent";
            }
        });
        var text = string.Join('\n', [.. parts, $"schema:{LedgerConfiguration.SchemaName}", $"owner:{ownerRole}", $"app:{appRole}"]);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether this database (by oid) was migrated to <paramref name="version"/>. Read as the owner.</summary>
    public static async Task<bool> IsRecorded(string ownerConnection, string version, CancellationToken ct = default) =>
        (await Check(ownerConnection, version, ct)).Recorded;

    /// <summary>
    /// In one query: the server's <c>fsync</c> and <c>synchronous_commit</c> settings, and whether this database (by oid) was
    /// migrated to <paramref name="version"/>. Read as the owner; a second query only when the table is not there yet.
    /// </summary>
    public static async Task<(string Fsync, string SynchronousCommit, bool Recorded)> Check(string ownerConnection, string version, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        const string settings = "select current_setting('fsync'), current_setting('synchronous_commit')";
        try
        {
            await using var command = new NpgsqlCommand($"""
                {settings}, exists (select 1 from {LedgerConfiguration.SchemaName}.{Table}
                    where id = 1 and version = @version and database_oid = (select oid from pg_database where datname = current_database()))
                """, connection);
            command.Parameters.AddWithValue("version", version);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // Never migrated: no schema or no version table yet.
            await using var command = new NpgsqlCommand(settings, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetString(0), reader.GetString(1), false);
        }
    }

    /// <summary>Records that this database now has <paramref name="version"/>; the last step of a successful migration.</summary>
    public static async Task Record(string ownerConnection, string version, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            create table if not exists {LedgerConfiguration.SchemaName}.{Table} (
              id int primary key check (id = 1), version text not null, database_oid oid not null, migrated_at timestamptz not null);
            insert into {LedgerConfiguration.SchemaName}.{Table}
            values (1, @version, (select oid from pg_database where datname = current_database()), now())
            on conflict (id) do update set version = excluded.version, database_oid = excluded.database_oid, migrated_at = excluded.migrated_at;
            """, connection);
        command.Parameters.AddWithValue("version", version);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// The role the ledger connects as lacks a privilege it needs (SQLSTATE 42501, insufficient_privilege): typically a backup
/// restored into a database created by another role, so that <c>auditledger_owner</c> may not create or alter the ledger's
/// schema, or the application role was never granted its statements. Code <c>database.privileges-missing</c>; exit status 6.
/// The message says, in Japanese and English, which role, which database, what PostgreSQL refused and how to fix it.
/// </summary>
public sealed class DatabasePrivilegesMissing(string message) : ServiceRefusedToStart(message)
{
    public const string Code = "database.privileges-missing";

    public const int Status = 6;

    public override int ExitCode => Status;

    /// <summary>The insufficient_privilege error in <paramref name="e"/> or its inner exceptions, unless it is the append-only triggers' own refusal.</summary>
    public static PostgresException? Cause(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p when !p.MessageText.StartsWith("AuditLedger:", StringComparison.Ordinal) => p,
        AggregateException a => a.InnerExceptions.Select(Cause).FirstOrDefault(c => c is not null),
        { InnerException: { } inner } => Cause(inner),
        _ => null,
    };

    /// <summary>The refusal for the role of <paramref name="connectionString"/>, naming the fix.</summary>
    /// <param name="ownerRole">When the refused role is the application role: the owner role, whose migration grants it its statements.</param>
    public static DatabasePrivilegesMissing For(string connectionString, PostgresException denied, string? ownerRole = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var (role, database) = (settings.Username, settings.Database);
        if (ownerRole is not null && ownerRole != role)
            return new DatabasePrivilegesMissing(
                $"[{Code}] データベース {database} でアプリケーションロール {role} の権限が足りません（PostgreSQL: {denied.MessageText}）。" +
                $"権限は所有者ロール {ownerRole} のスキーマ移行が付与します。{ownerRole} で delete from {LedgerConfiguration.SchemaName}.{SchemaVersion.Table}; を実行し、もう一度実行してください。\n" +
                $"[{Code}] The application role {role} lacks a privilege in database {database}: PostgreSQL refused with \"{denied.MessageText}\" " +
                $"(SQLSTATE {denied.SqlState}). Its grants come from the owner's migration, which runs when the recorded schema version differs. " +
                $"Fix: as {ownerRole}, run delete from {LedgerConfiguration.SchemaName}.{SchemaVersion.Table}; then run the command again with the owner's " +
                $"connection configured ({LedgerDatabase.OwnerEnvironmentVariable}; scripts/auditledger sets it): the migration re-grants the application role. " +
                $"If the database or its schema belong to another role, first ALTER DATABASE \"{database}\" OWNER TO {ownerRole}; (scripts/db own {database}).");
        return new DatabasePrivilegesMissing(
            $"[{Code}] データベース {database} でロール {role} の権限が足りません（PostgreSQL: {denied.MessageText}）。" +
            $"バックアップを別のロールが所有するデータベースに復元した場合に起こります。何も変更していません。" +
            $"スーパーユーザーで ALTER DATABASE \"{database}\" OWNER TO {role}; を実行し（このチェックアウトのクラスタなら scripts/db own {database}）、もう一度実行してください。\n" +
            $"[{Code}] The role {role} lacks a privilege it needs in database {database}: PostgreSQL refused with \"{denied.MessageText}\" " +
            $"(SQLSTATE {denied.SqlState}). This happens when a backup is restored into a database that another role created or owns. Nothing was changed. " +
            $"Fix: as a superuser, hand the database and the ledger's schema to the owner role: ALTER DATABASE \"{database}\" OWNER TO {role}; " +
            $"and, in that database, ALTER SCHEMA {LedgerConfiguration.SchemaName} OWNER TO {role}; with its tables, sequences and functions " +
            $"(on this checkout's own cluster, scripts/db own {database} does all of it); then run the command again: the owner's migration re-grants the application role.");
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
        Refuse(reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Throws <see cref="UnsafeServerException"/> for the server's <c>fsync</c> and <c>synchronous_commit</c> settings when they may lose commits.</summary>
    public static void Refuse(string fsync, string synchronousCommit)
    {
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
public class ServiceRefusedToStart(string message) : InvalidOperationException(message)
{
    /// <summary>The command line's exit status for it: 1, unless a reason has a status of its own (<see cref="DatabasePrivilegesMissing"/>: 6).</summary>
    public virtual int ExitCode => 1;
}

/// <summary>The database server is configured so that it may lose committed events; the ledger refuses to run on it.</summary>
public sealed class UnsafeServerException(string message) : ServiceRefusedToStart(message);
