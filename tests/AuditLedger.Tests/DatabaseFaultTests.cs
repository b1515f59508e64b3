namespace AuditLedger.Tests;

using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;
using Xunit.Abstractions;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The ledger on a PostgreSQL cluster of the tests' own (<see cref="PrivateCluster"/>), started once for this class: the
/// owner's migration, then the service's Marten and Wolverine as the application role, as the command line runs them.
/// </summary>
public sealed class RestartableLedger : IAsyncLifetime
{
    public const string AppRole = "auditledger_app";

    public PrivateCluster Cluster { get; private set; } = null!;

    public IHost Host { get; private set; } = null!;

    /// <summary>The service reaches PostgreSQL through this relay, which can lose the answer to a commit.</summary>
    public AnswerDroppingProxy Proxy { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public IMessageBus Bus => Host.Services.GetRequiredService<IMessageBus>();

    public TestClock Clock { get; } = new(LedgerFixture.Today);

    public async Task InitializeAsync()
    {
        Cluster = await PrivateCluster.Start(AppRole);
        Proxy = new AnswerDroppingProxy(Cluster.Port);
        try
        {
            await StartLedger();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartLedger()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{LedgerDatabase.ConnectionName}"] = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString(AppRole)) { Port = Proxy.Port }.ConnectionString,
            [$"ConnectionStrings:{LedgerDatabase.OwnerConnectionName}"] = Cluster.ConnectionString("postgres"),
            [AuditLedger.Host.Erasure.MasterKey.KeySetting] = LedgerFixture.MasterKey,
            [AuditLedger.Host.Trust.TrustSettings.SigningKeyFile] = TestSigningKey.File,
        };
        await SchemaMigration.Apply(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAuditLedger(builder.Configuration, DaemonMode.Disabled);
        builder.Services.AddWolverine(LedgerConfiguration.Wolverine(builder.Configuration));
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        Host = builder.Build();
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            try
            {
                await Host.StopAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                Host.Dispose();
            }
        }
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (Cluster is not null) await Cluster.DisposeAsync();
    }

    /// <summary>The cluster's superuser on a fresh connection (a pooled one may have died in the crash).</summary>
    public string Superuser => Cluster.ConnectionString("postgres", pooling: false);

    /// <summary>A query as the cluster's superuser (the checks read what is stored, whatever the service believes).</summary>
    public async Task<List<T>> Query<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }
}

/// <summary>
/// PostgreSQL crashing and restarting under a bulk import, and connections killed at any moment of it (including between
/// the server's commit and the client's answer): the import resumes, and every command is appended exactly once.
/// </summary>
public sealed class DatabaseFaultTests(RestartableLedger ledger, ITestOutputHelper output) : IClassFixture<RestartableLedger>
{
    private const int Files = 30, NamedFiles = 20, RecordsPerFile = 5, UsesPerRecord = 2;
    private const int Commands = Files + NamedFiles * RecordsPerFile * (1 + UsesPerRecord); // 330

    /// <summary>
    /// A migration file of <see cref="Commands"/> lines: 30 files registered (10 without an id, so that a duplicate would be a
    /// new stream), 100 records acquired, and two purpose-external uses of each record without an expected version (the import
    /// fills the current one, so a duplicate would land as version 4).
    /// </summary>
    private static (string File, List<Guid> Records) MigrationFile()
    {
        var lines = new List<string>();
        var named = Enumerable.Range(0, NamedFiles).Select(_ => Guid.NewGuid()).ToList();
        foreach (var file in named) lines.Add(IdempotencyTests.Line("register-file", Registration(file)));
        for (var i = NamedFiles; i < Files; i++) lines.Add(IdempotencyTests.Line("register-file", Registration() with { FileId = null }));
        var records = new List<Guid>();
        foreach (var file in named)
            for (var r = 0; r < RecordsPerFile; r++)
            {
                var record = Guid.NewGuid();
                records.Add(record);
                lines.Add(IdempotencyTests.Line("acquire-record", Acquisition(file, recordId: record)));
                for (var u = 0; u < UsesPerRecord; u++) lines.Add(IdempotencyTests.Line("use-record-outside-purpose", InternalUse(record, 1) with { ExpectedVersion = null }));
            }
        lines.Count.ShouldBe(Commands);
        return (string.Join("\n", lines) + "\n", records);
    }

    /// <summary>Who the private cluster's commands are recorded by: the staff member each names (this ledger's directory is not what is tested here).</summary>
    private static AuditLedger.Domain.Common.Actor Principal(AuditLedger.Domain.Common.LedgerCommand command) =>
        new(command.StaffId, "staff") { Name = $"試験 {command.StaffId}", Title = "議会事務局 総務課 主査" };

    private CommandImporter Importer(List<ImportRetry> retries) => new(ledger.Bus, ledger.Store, new("S-IMPORT", "staff") { Name = "試験 取込", Title = "議会事務局 総務課 主査" }, ledger.Clock)
    {
        FirstPause = TimeSpan.FromMilliseconds(100),
        LongestPause = TimeSpan.FromSeconds(1),
        RetryBudget = TimeSpan.FromMinutes(1),
        OnRetry = r =>
        {
            lock (retries) retries.Add(r);
        },
    };

    [Fact]
    public async Task postgres_crashing_and_restarting_mid_import_loses_and_duplicates_no_command()
    {
        var (file, records) = MigrationFile();
        var retries = new List<ImportRetry>();
        var midway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var import = Task.Run(() => Importer(retries).Import(new StringReader(file), line =>
        {
            if (line == 120) midway.TrySetResult();
            Thread.Sleep(3); // an office's import is not instantaneous: the crash lands well inside it
        }));

        await midway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await ledger.Cluster.Crash();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await ledger.Cluster.StartServer();
        var summary = await import.WaitAsync(TimeSpan.FromMinutes(3));

        output.WriteLine($"crash and restart: {Commands} commands, {summary.EventsAppended} events, {summary.Retries} retries, 1 restart, " +
                         $"{summary.AlreadyRecorded} found already recorded; waits: {string.Join(", ", retries.Select(r => $"line {r.Line} {r.Delay.TotalMilliseconds:0} ms"))}");
        output.WriteLine($"first failure: {retries.FirstOrDefault()?.Reason}");
        summary.Retries.ShouldBeGreaterThan(0, "the crash should have interrupted the import");
        await ShouldBeAppendedExactlyOnce(file, records, summary);
    }

    [Fact]
    public async Task connections_killed_at_any_moment_of_an_import_lose_and_duplicate_no_command()
    {
        var (file, records) = MigrationFile();
        var retries = new List<ImportRetry>();
        var import = Task.Run(() => Importer(retries).Import(new StringReader(file), _ => Thread.Sleep(1)));
        var killed = 0;
        await using (var killer = new NpgsqlConnection(ledger.Superuser))
        {
            await killer.OpenAsync();
            while (!import.IsCompleted)
            {
                // Every backend of the service, whatever it is doing: reading, appending, or committing.
                await using var command = new NpgsqlCommand(
                    "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where usename = $1 and pid <> pg_backend_pid()) k", killer);
                command.Parameters.Add(new NpgsqlParameter { Value = RestartableLedger.AppRole });
                killed += (int)(long)(await command.ExecuteScalarAsync())!;
                await Task.Delay(Random.Shared.Next(40, 150));
            }
        }
        var summary = await import;

        output.WriteLine($"killed connections: {Commands} commands, {summary.EventsAppended} events, {killed} backends terminated, " +
                         $"{summary.Retries} retries, {summary.AlreadyRecorded} found already recorded (committed, answer lost)");
        killed.ShouldBeGreaterThan(0);
        await ShouldBeAppendedExactlyOnce(file, records, summary);
    }

    [Fact]
    public async Task a_commit_whose_answer_is_lost_on_the_wire_is_found_by_its_key_and_not_appended_again()
    {
        using var scope = ledger.Host.Services.CreateScope();
        var commands = scope.ServiceProvider.GetRequiredService<AuditLedger.Host.Ledger.LedgerCommands>();
        var file = await commands.Append(Registration(), Principal(Registration()));
        var acquisition = Acquisition(file.StreamId);
        var record = (await commands.Append(acquisition, Principal(acquisition))).StreamId;
        var dropped = ledger.Proxy.Dropped;

        ledger.Proxy.DropNextCommitAnswer();
        var use = InternalUse(record, 1) with { IdempotencyKey = $"lost-{Guid.NewGuid()}" };
        var outcome = await commands.AppendOnce(use, Principal(use), null, null, default);

        ledger.Proxy.Dropped.ShouldBe(dropped + 1, "the answer to the commit should have been lost");
        outcome.AlreadyRecorded.ShouldBeTrue();
        outcome.Result.Version.ShouldBe(2);
        (await ledger.Query<long>("select count(*) from auditledger.mt_events where stream_id = $1", record)).Single().ShouldBe(2);
    }

    [Fact]
    public async Task an_import_whose_commit_answers_are_lost_appends_each_command_once()
    {
        var (file, records) = MigrationFile();
        var retries = new List<ImportRetry>();
        var dropped = ledger.Proxy.Dropped;
        var summary = await Importer(retries).Import(new StringReader(file), line =>
        {
            if (line % 50 == 0) ledger.Proxy.DropNextCommitAnswer();
        });

        var lost = ledger.Proxy.Dropped - dropped;
        output.WriteLine($"lost answers: {Commands} commands, {summary.EventsAppended} events, {lost} commit answers lost, " +
                         $"{summary.Retries} retries, {summary.AlreadyRecorded} found already recorded");
        lost.ShouldBeGreaterThanOrEqualTo(5);
        summary.AlreadyRecorded.ShouldBe(lost);
        await ShouldBeAppendedExactlyOnce(file, records, summary);
    }

    private async Task ShouldBeAppendedExactlyOnce(string file, List<Guid> records, ImportSummary summary)
    {
        summary.Refused.ShouldBeEmpty();
        (summary.Lines, summary.Appended, summary.EventsAppended).ShouldBe((Commands, Commands, Commands));

        // The keys the import gave its lines: one row per line, each naming a distinct (stream, version)...
        var prefix = "import-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file))) + ":%";
        (await ledger.Query<long>("select count(*) from auditledger.idempotency_keys where key like $1", prefix)).Single().ShouldBe(Commands);
        (await ledger.Query<long>("select count(distinct (stream_id, version)) from auditledger.idempotency_keys where key like $1", prefix)).Single().ShouldBe(Commands);
        var streams = await ledger.Query<Guid>("select distinct stream_id from auditledger.idempotency_keys where key like $1", prefix);
        streams.Count.ShouldBe(Files + records.Count);

        // ...and exactly the events of those lines in those streams, by kind: none lost, none twice.
        var byKind = new Dictionary<string, long>();
        await using (var connection = new NpgsqlConnection(ledger.Superuser))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select type, count(*) from auditledger.mt_events where stream_id = any($1) group by type", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) byKind[reader.GetString(0)] = reader.GetInt64(1);
        }
        byKind.ShouldBe(new Dictionary<string, long>
        {
            ["personal_information_file_registered"] = Files,
            ["record_acquired"] = NamedFiles * RecordsPerFile,
            ["record_used_outside_purpose"] = NamedFiles * RecordsPerFile * UsesPerRecord,
        }, ignoreOrder: true);
        (await ledger.Query<long>("select max(version) from auditledger.mt_streams where id = any($1)", records.ToArray())).Single().ShouldBe(1 + UsesPerRecord);
        (await ledger.Query<long>("select min(version) from auditledger.mt_streams where id = any($1)", records.ToArray())).Single().ShouldBe(1 + UsesPerRecord);
    }
}
