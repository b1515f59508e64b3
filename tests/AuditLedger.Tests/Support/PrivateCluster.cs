namespace AuditLedger.Tests.Support;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

/// <summary>
/// A PostgreSQL cluster of the test's own, which it may stop, crash and restart without touching the shared server:
/// initdb into a temporary folder with data checksums, on a free port of 127.0.0.1, started and stopped with pg_ctl — as the
/// unprivileged user <c>postgres</c> when the tests run as root (the server refuses to run as root), as scripts/db does.
/// The binaries are found as scripts/db finds them (<c>/usr/lib/postgresql/*/bin</c>); scripts/db start installs them.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    public const string Database = "auditledger";

    private readonly string _bin;
    private readonly string _home;
    private string Data => Path.Combine(_home, "data");
    private string Log => Path.Combine(_home, "server.log");

    public int Port { get; }

    private PrivateCluster(string bin, string home, int port) => (_bin, _home, Port) = (bin, home, port);

    public static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>Creates the cluster, starts it, and makes the database and the application role (as scripts/db does).</summary>
    public static async Task<PrivateCluster> Start(string appRole)
    {
        var bin = FindBinaries();
        var home = Path.Combine(Path.GetTempPath(), $"auditledger-faults-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        if (RunsAsRoot)
        {
            await Run("chown", ["postgres:", home]);
            await Run("chmod", ["700", home]);
        }
        var cluster = new PrivateCluster(bin, home, FreePort());
        try
        {
            await cluster.Create(appRole);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private async Task Create(string appRole)
    {
        var cluster = this;
        await cluster.AsServerUser("initdb", ["-D", cluster.Data, "-U", "postgres", "--auth=trust", "--data-checksums", "-E", "UTF8", "--locale=C.UTF-8"]);
        await cluster.StartServer();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres", "postgres"));
        await connection.OpenAsync();
        foreach (var sql in new[] { $"create role {appRole} login", $"create database {Database}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A connection string to this cluster. Pooling stays on, as in the service: broken pooled connections are part of the fault.</summary>
    public string ConnectionString(string user, string database = Database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = user, Timeout = 3, Pooling = pooling }.ConnectionString;

    /// <summary>pg_ctl start, waiting until the server accepts connections (after crash recovery, when it was stopped immediately).</summary>
    public Task StartServer() =>
        AsServerUser("pg_ctl", ["-D", Data, "-l", Log, "-w", "-t", "60", "-o", $"-p {Port} -k {_home} -c listen_addresses=127.0.0.1", "start"]);

    /// <summary>pg_ctl stop -m immediate: every backend is killed at once, no checkpoint; like pulling the plug on the server.</summary>
    public Task Crash() => AsServerUser("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUser("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Not running.
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
              ?? throw new InvalidOperationException("PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are missing; scripts/db start installs them.")
            : throw new InvalidOperationException("PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are missing; scripts/db start installs them.");

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Task AsServerUser(string tool, string[] args) =>
        RunsAsRoot ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args]) : Run(Path.Combine(_bin, tool), args);

    private static async Task Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error} {await output}");
    }
}
