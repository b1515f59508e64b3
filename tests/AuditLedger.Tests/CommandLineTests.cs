namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Diagnostics;
using System.Text.Json;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.Configuration;
using Npgsql;

/// <summary>
/// The command line as an operator meets it: help and version without a database, every command in the
/// help, <c>--json @file</c> with a space in the name, the owner's migration only when the schema version changed, and no
/// daemon warning on a one-shot command. The help and version run the built executable in a process of its own, with no
/// database configured at all.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CommandLineTests(LedgerFixture fixture)
{
    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task help_prints_every_command_without_a_database(params string[] args)
    {
        var run = await LedgerExecutable.Run(args, database: null);

        run.Status.ShouldBe(0, run.Error);
        run.Error.ShouldBeEmpty();
        var listed = run.Output.Split('\n').SelectMany(l => l.Trim().Split("  ", 2)[0].Split(',', StringSplitOptions.TrimEntries).Select(n => n.Split(' ')[0])).ToHashSet();
        string[] expected =
        [
            .. CommandCatalog.All.Select(c => c.Name), "serve", "deadline", "issue-token", "history", "import", "deadlines", "rules", "copy-fee",
            "register", "incidents", "recipients", "annual-status", "timeline", "replay", "rebuild", "bench-rebuild",
            "rotate-master-key", "verify", "seal", "checkpoint", "prove", "keygen", "verify-proof",
        ];
        expected.Where(name => !listed.Contains(name)).ShouldBeEmpty("commands missing from the help");
        run.Output.ShouldContain($"{DatabasePrivilegesMissing.Status} the database's privileges are wrong");
    }

    /// <summary>`rules --json` lists the catalog as GET /api/rules does, for scripts (the table wraps codes in a narrow console).</summary>
    [Fact]
    public async Task rules_as_json_lists_every_rule_of_the_catalog_without_a_database()
    {
        var run = await LedgerExecutable.Run(["rules", "--json"], database: null);

        run.Status.ShouldBe(0, run.Error);
        var codes = System.Text.Json.JsonDocument.Parse(run.Output).RootElement.EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        codes.ShouldBe([.. AuditLedger.Domain.Law.Rules.All.Select(r => r.Code)]);
    }

    /// <summary>The `rules` table cites the law of the run's body: a Nagareyama body reads its overview's sections, not Urayasu's articles.</summary>
    [Fact]
    public async Task rules_for_a_nagareyama_body_cite_its_overview_and_an_unknown_body_exits_2()
    {
        var run = await LedgerExecutable.Run(["rules", "--tenant", "nagareyama:mayor"], database: null);
        run.Status.ShouldBe(0, run.Error);
        run.Output.ShouldContain("流山市（nagareyama:mayor）");
        run.Output.ShouldContain("概要");

        var unknown = await LedgerExecutable.Run(["rules", "--tenant", "nowhere:council"], database: null);
        unknown.Status.ShouldBe(2);
        unknown.Error.ShouldContain("nowhere:council");
        unknown.Error.ShouldContain("No jurisdiction profile defines the body");
    }

    [Fact]
    public async Task deadline_in_the_help_is_the_same_command_as_run_alone_and_serve_has_a_help()
    {
        string[] deadline = ["--jurisdiction", "urayasu-council", "--clock", "disclosure-decision", "--from", "2026-04-01"];
        var alone = new StringWriter();
        AuditLedger.Deadlines.DeadlineCommandLine.Run(deadline, alone, TextWriter.Null).ShouldBe(0);

        var (status, output) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["deadline", .. deadline]));

        status.ShouldBe(0);
        output.ShouldBe(alone.ToString());
        (await LedgerExecutable.Run(["serve", "--help"], database: null)).Output.ShouldContain("serve [--urls");
    }

    /// <summary>An argument the parser cannot read (an unquoted name with a space) is invalid input: exit 2, nothing appended.</summary>
    [Fact]
    public async Task an_argument_that_cannot_be_read_exits_2_and_appends_nothing()
    {
        var ledger = new LedgerDriver(fixture);
        var before = await ledger.EventCount();

        var (status, _) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["users", "add", "--id", "S-0100", "--name", "新浦", "花子", "--no-such-option"]));

        status.ShouldBe(2);
        (await ledger.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task version_prints_the_version_and_starts_nothing()
    {
        var run = await LedgerExecutable.Run(["--version"], database: null);

        run.Status.ShouldBe(0, run.Error);
        var version = typeof(LedgerCommandLine).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        run.Output.Trim().ShouldBe(version);
        run.Output.ShouldNotContain("listening");
    }

    [Fact]
    public async Task a_json_file_whose_name_has_a_space_is_read_whole()
    {
        var registration = LedgerDriver.Registration();
        var folder = Path.Combine(Path.GetTempPath(), $"auditledger cli {Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "my file.json");
        // Indented, with spaces inside values: a response-file reading would split it into many tokens.
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(registration, LedgerJson.Indented));
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        // A write on the command line acts as a named user of the directory: the staff member the registration names.
        var user = (await fixture.User(registration.StaffId)).StaffId;
        try
        {
            var (status, output) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["register-file", "--json", "@" + file, "--as", user]));

            status.ShouldBe(0, output);
            output.ShouldContain(registration.FileId!.Value.ToString());
            await using var session = fixture.Store.TenantQuerySession();
            (await session.Events.FetchStreamStateAsync(registration.FileId.Value)).ShouldNotBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        (await LedgerCommandLine.Run(["register-file", "--json", "@" + Path.Combine(folder, "gone.json"), "--as", user])).ShouldBe(2);
    }

    [Fact]
    public async Task a_one_shot_command_prints_no_daemon_warning()
    {
        var run = await LedgerExecutable.Run(["history", Guid.NewGuid().ToString(), "--purpose", "test of the command line"], LedgerFixture.AppConnectionString);

        run.Status.ShouldBe(4, run.Error);
        (run.Output + run.Error).ShouldNotContain("daemon");
    }

    [Fact]
    public async Task the_owners_migration_runs_only_when_the_schema_version_changed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{LedgerDatabase.ConnectionName}"] = LedgerFixture.AppConnectionString,
            [$"ConnectionStrings:{LedgerDatabase.OwnerConnectionName}"] = LedgerFixture.ConnectionString,
        }).Build();
        await SchemaMigration.Apply(configuration);
        var version = SchemaVersion.Of(new NpgsqlConnectionStringBuilder(LedgerFixture.ConnectionString).Username, LedgerFixture.AppRole);
        (await SchemaVersion.IsRecorded(LedgerFixture.ConnectionString, version)).ShouldBeTrue();
        var migrated = await MigratedAt();

        await SchemaMigration.Apply(configuration);
        (await MigratedAt()).ShouldBe(migrated, "an unchanged schema is not migrated again");

        await Sql($"update {LedgerConfiguration.SchemaName}.{SchemaVersion.Table} set version = 'a release before this one'");
        (await SchemaVersion.IsRecorded(LedgerFixture.ConnectionString, version)).ShouldBeFalse();
        await SchemaMigration.Apply(configuration);
        (await MigratedAt()).ShouldBeGreaterThan(migrated, "a changed schema version migrates");
        (await SchemaVersion.IsRecorded(LedgerFixture.ConnectionString, version)).ShouldBeTrue();
    }

    private static async Task<DateTime> MigratedAt() =>
        (DateTime)(await Sql($"select migrated_at from {LedgerConfiguration.SchemaName}.{SchemaVersion.Table}"))!;

    private static async Task<object?> Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>
/// Restoring a backup into a database that another role owns: the owner role may not do its migration.
/// The command line says what is wrong and how to fix it, with exit status 6 (not 1, which for verify means "not verified");
/// after the fix it runs. On a cluster of the test's own: a ledger migrated and dumped, then restored by postgres into a
/// database postgres owns, as an operator restoring a backup would.
/// </summary>
public sealed class DatabasePrivilegesTests : IAsyncLifetime
{
    private const string OwnerRole = "auditledger_owner";
    private PrivateCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PrivateCluster.Start(LedgerFixture.AppRole);
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString("postgres", "postgres"));
        await connection.OpenAsync();
        foreach (var sql in new[] { $"create role {OwnerRole} login", $"create database backed_up owner {OwnerRole}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task a_backup_restored_into_a_database_another_role_owns_exits_6_naming_the_fix()
    {
        (await Verify("backed_up")).Status.ShouldBe(0, "the ledger as its owner made it verifies");
        await Shell($"pg_dump -h 127.0.0.1 -p {_cluster.Port} -U postgres backed_up | psql -h 127.0.0.1 -p {_cluster.Port} -U postgres -q -v ON_ERROR_STOP=1 -d {PrivateCluster.Database}");

        var refused = await Verify(PrivateCluster.Database);

        refused.Status.ShouldBe(DatabasePrivilegesMissing.Status, refused.Error);
        refused.Error.ShouldContain(DatabasePrivilegesMissing.Code);
        refused.Error.ShouldContain($"ALTER DATABASE \"{PrivateCluster.Database}\" OWNER TO {OwnerRole};");
        refused.Error.ShouldContain($"scripts/db own {PrivateCluster.Database}");
        refused.Error.ShouldContain("権限が足りません");
        refused.Error.ShouldNotContain("   at ");   // no stack trace

        await Shell($"psql -h 127.0.0.1 -p {_cluster.Port} -U postgres -q -c 'alter database {PrivateCluster.Database} owner to {OwnerRole}'");
        var fixedRun = await Verify(PrivateCluster.Database);
        fixedRun.Status.ShouldBe(0, fixedRun.Error);
    }

    [Fact]
    public async Task an_application_role_without_its_grants_exits_6_naming_the_fix()
    {
        (await Verify("backed_up")).Status.ShouldBe(0);
        await Shell($"psql -h 127.0.0.1 -p {_cluster.Port} -U postgres -d backed_up -q -c 'revoke select on {LedgerConfiguration.SchemaName}.mt_events from {LedgerFixture.AppRole}'");

        var refused = await Verify("backed_up");

        refused.Status.ShouldBe(DatabasePrivilegesMissing.Status, refused.Error);
        refused.Error.ShouldContain($"The application role {LedgerFixture.AppRole} lacks a privilege");
        refused.Error.ShouldContain($"delete from {LedgerConfiguration.SchemaName}.{SchemaVersion.Table};");
        refused.Error.ShouldNotContain("   at ");

        await Shell($"psql -h 127.0.0.1 -p {_cluster.Port} -U {OwnerRole} -d backed_up -q -c 'delete from {LedgerConfiguration.SchemaName}.{SchemaVersion.Table}'");
        var fixedRun = await Verify("backed_up");
        fixedRun.Status.ShouldBe(0, fixedRun.Error);
    }

    private Task<LedgerExecutable.Result> Verify(string database) =>
        LedgerExecutable.Run(["verify"], _cluster.ConnectionString(LedgerFixture.AppRole, database), _cluster.ConnectionString(OwnerRole, database));

    private static async Task Shell(string script)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_dump"))).Order().Last();
        var start = new ProcessStartInfo("bash", ["-o", "pipefail", "-c", script]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, error);
    }
}

/// <summary>The built AuditLedger executable (the service and the command line), run in a process of its own with only the settings given.</summary>
public static class LedgerExecutable
{
    public sealed record Result(int Status, string Output, string Error);

    /// <param name="database">The application role's connection; null: no database configured at all.</param>
    /// <param name="owner">The schema owner's connection; null: the test database's (a superuser) when a database is given.</param>
    public static async Task<Result> Run(string[] args, string? database, string? owner = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AuditLedger.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("AUDITLEDGER", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(variable);
        if (database is not null)
        {
            start.Environment[LedgerDatabase.EnvironmentVariable] = database;
            start.Environment[LedgerDatabase.OwnerEnvironmentVariable] = owner ?? LedgerFixture.ConnectionString;
            start.Environment["AuditLedger__MasterKey"] = LedgerFixture.MasterKey;
            start.Environment["AuditLedger__TokenSigningKey"] = LedgerFixture.SigningKey;
            start.Environment["AuditLedger__Trust__SigningKeyFile"] = TestSigningKey.File;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
