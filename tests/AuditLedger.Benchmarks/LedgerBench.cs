namespace AuditLedger.Benchmarks;

using AuditLedger.Host.Tenancy;
using System.Text;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Operations;
using AuditLedger.Host.Reports;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Wolverine;

/// <summary>The measured paths and their baselines, against the database the configuration names.</summary>
public sealed partial class LedgerBench(IServiceProvider services, IConfiguration configuration, BenchOptions options)
{
    private readonly IDocumentStore _store = services.GetRequiredService<IDocumentStore>();
    private readonly IMessageBus _bus = services.GetRequiredService<IMessageBus>();
    // No command timeout: a COPY of a million events (each hashed by the chain trigger) runs for minutes.
    private readonly NpgsqlDataSource _app = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(LedgerDatabase.ConnectionString(configuration)) { CommandTimeout = 0 }.ConnectionString);
    private readonly string _owner = LedgerDatabase.OwnerConnectionString(configuration) ?? LedgerDatabase.ConnectionString(configuration);
    private string Serialize(object e) => _store.Options.Serializer().ToJson(e);

    private static EventContext Context(DateTimeOffset at) =>
        new(new Actor("S-BENCH", "議会事務局 総務課 主査"), at, at, LegalGround.Of(ArticleRef.Ordinance(12, 2, 2), "ベンチマーク / benchmark"), Guid.NewGuid());

    private string Payload() => Serialize(new RecordUsedOutsidePurpose(Guid.NewGuid(), "議会広報誌の発送先確認", UseGround.InternalUseForDuties,
        "議会広報の発行事務（議会事務局処務規程）に必要な限度", true, "議会事務局 総務課", Context(TimeProvider.System.GetUtcNow())));

    /// <summary>The baseline tables: shaped like the event table (a unique stream/version index, jsonb data), written by the application role.</summary>
    public async Task PrepareBaselineTables()
    {
        var appRole = new NpgsqlConnectionStringBuilder(LedgerDatabase.ConnectionString(configuration)).Username;
        await using var connection = new NpgsqlConnection(_owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            create schema if not exists bench;
            drop table if exists bench.single_row, bench.copied;
            create table bench.single_row (seq_id bigserial primary key, stream_id uuid not null, version bigint not null,
              type varchar(500) not null, data jsonb not null, recorded_at timestamptz not null default now(), unique (stream_id, version));
            create table bench.copied (like bench.single_row including all);
            grant usage on schema bench to "{appRole}";
            grant select, insert on all tables in schema bench to "{appRole}";
            grant usage, select, update on all sequences in schema bench to "{appRole}";
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Baseline: one INSERT of an event-sized jsonb row per transaction (autocommit), as the application role.</summary>
    public async Task<double> RawSingleRowInserts(int clients)
    {
        var payload = Payload();
        var streams = Enumerable.Range(0, clients).Select(_ => Guid.NewGuid()).ToArray();
        return await Measure.Rate(options.Appends, clients, async (client, i) =>
        {
            await using var command = _app.CreateCommand("insert into bench.single_row (stream_id, version, type, data) values ($1, $2, 'record_used_outside_purpose', $3)");
            command.Parameters.Add(new NpgsqlParameter { Value = streams[client] });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)i + 1 });
            command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await command.ExecuteNonQueryAsync();
        });
    }

    private Guid? _file;

    private async Task<Guid> File()
    {
        _file ??= (await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Staff(new RegisterFile
        {
            Kind = FileKind.ComputerProcessed,
            Items = new RegisterItems("議会傍聴者名簿（計測用）", "浦安市議会事務局 議事課", ["本会議及び委員会の傍聴者の受付及び管理"], ["氏名", "住所"],
                "本会議及び委員会の傍聴者", "本人からの傍聴受付票の提出", false, [], "浦安市議会事務局 総務課", "千葉県浦安市猫実一丁目1番1号", null),
        }))).StreamId;
        return _file.Value;
    }

    /// <summary>The benchmark's principal, as the host would set it for S-BENCH's token (the directory look-up is per request, outside what is measured here).</summary>
    private static readonly Actor BenchPrincipal = new("S-BENCH", "staff") { Name = "試験 計測", Title = "議会事務局 総務課 主査" };

    private static T Staff<T>(T command) where T : LedgerCommand => command with { StaffId = "S-BENCH", StaffRole = "議会事務局 総務課 主査", Recording = new Recording(BenchPrincipal) { CorrelationId = Guid.CreateVersion7() } };

    private static AcquireRecord Acquisition(Guid file)
    {
        var subject = Guid.NewGuid();
        return Staff(new AcquireRecord
        {
            FileId = file, DataSubjectId = subject, PurposeOfUse = "本会議及び委員会の傍聴者の受付及び管理",
            Source = AcquisitionSource.FromThePersonInWriting, PurposeStatement = PurposeStatement.StatedInAdvance,
            Categories = InformationCategories.Ordinary, PersonalData = [new PersonalData(subject, PersonalDataKind.Name, "浦安 花子")],
        });
    }

    /// <summary>
    /// The full command path, as the API, the pages and the command line take it: <see cref="LedgerCommands"/> (the principal
    /// prepared), the Wolverine handler, validation, the pure decision,
    /// FetchForWriting with the version check, the append and every inline projection; commands of clients that wait at the
    /// same time are committed together (<see cref="GroupCommit"/>). Each client appends to its own record (no idempotency key,
    /// as a client that sends none).
    /// </summary>
    /// <param name="groupLanes">For the profile line that shows what grouping does at this number of clients: a
    /// <see cref="GroupCommit"/> with so few lanes that commands wait and are grouped; null for the host's own.</param>
    public async Task<double> FullPathAppends(int clients, int? groupLanes = null)
    {
        var group = groupLanes is { } lanes ? new GroupCommit(_store, services, lanes) : null;
        var file = await File();
        var records = new (Guid Id, long Version)[clients];
        // Each client's record acquired, and used once: the handlers' first use (code generation, compiled queries) is warm-up, not measured.
        for (var c = 0; c < clients; c++) records[c] = ((await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Acquisition(file))).StreamId, 1);
        for (var c = 0; c < clients; c++) records[c] = (records[c].Id, (await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Use(records[c].Id, records[c].Version))).Version);
        return await Measure.Rate(options.Appends, clients, async (client, _) =>
        {
            var (id, version) = records[client];
            await using var scope = services.CreateAsyncScope();
            var commands = group is null
                ? scope.ServiceProvider.GetRequiredService<LedgerCommands>()
                : new LedgerCommands(scope.ServiceProvider.GetRequiredService<IMessageBus>(), _store,
                    services.GetRequiredService<AuditLedger.Host.Access.LedgerPrincipals>(), group: group);
            var result = await commands.Append(Use(id, version), BenchPrincipal);
            records[client] = (id, result.Version);
        });
    }

    /// <summary>
    /// Milliseconds of the first command after the host started (a file's registration: its handler's code loaded, or
    /// generated and compiled when AuditLedger__CodeGeneration=Dynamic, Roslyn loaded first), and of the same command next:
    /// what the first request pays beyond the others. Call it before any other command.
    /// </summary>
    public async Task<(double First, double Next)> FirstCommandMs()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await File();
        var first = watch.Elapsed.TotalMilliseconds;
        _file = null;
        watch.Restart();
        await File();
        return (first, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>The round trips of one command of <see cref="FullPathAppends"/> (after a warm-up), over <paramref name="count"/> commands.</summary>
    public async Task<RoundTrips.Profile> FullPathRoundTrips(int count)
    {
        var id = (await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Acquisition(await File()))).StreamId;
        var version = (await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Use(id, 1))).Version;
        return await RoundTrips.Of(count, async _ => version = (await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Use(id, version))).Version);
    }

    /// <summary>The round trips of one stream start through the full path (an acquisition: a new record, a new person's data key), over <paramref name="count"/>.</summary>
    public async Task<RoundTrips.Profile> StreamStartRoundTrips(int count)
    {
        var file = await File();
        return await RoundTrips.Of(count, async _ => await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Acquisition(file)));
    }

    /// <summary>
    /// Where the full path's time goes, by taking it apart: (1) Marten alone appending the same event to a stream per
    /// transaction, with no projection (a store of its own in schema bench_marten, built by the owner); (2) the ledger's
    /// appender (validation, FetchForWriting with the version check, the pure decision, every inline projection) called
    /// directly, without Wolverine. The full path minus (2) is Wolverine's share; (2) minus (1) the projections' and checks'.
    /// </summary>
    public async Task<(double MartenAlone, double WithoutWolverine)> Profile(int clients)
    {
        await using var bare = DocumentStore.For(o =>
        {
            o.Connection(_owner);
            o.DatabaseSchemaName = "bench_marten";
            o.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
            o.UseSystemTextJsonForSerialization();
        });
        await bare.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var streams = Enumerable.Range(0, clients).Select(_ => Guid.NewGuid()).ToArray();
        var martenAlone = await Measure.Rate(options.Appends, clients, async (client, _) =>
        {
            await using var session = bare.TenantLightweightSession();
            session.Events.Append(streams[client], new RecordUsedOutsidePurpose(streams[client], "議会広報誌の発送先確認", UseGround.InternalUseForDuties,
                "事務に必要な限度", true, null, Context(TimeProvider.System.GetUtcNow())));
            await session.SaveChangesAsync();
        });

        var file = await File();
        var records = new (Guid Id, long Version)[clients];
        for (var c = 0; c < clients; c++) records[c] = ((await _bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), Acquisition(file))).StreamId, 1);
        var withoutWolverine = await Measure.Rate(options.Appends, clients, async (client, _) =>
        {
            var (id, version) = records[client];
            await using var session = _store.TenantLightweightSession();
            var result = await LedgerAppender.Append(session, Use(id, version), TimeProvider.System.GetUtcNow(), CancellationToken.None);
            await session.SaveChangesAsync();
            records[client] = (id, result.Version);
        });
        return (martenAlone, withoutWolverine);
    }

    private static UseRecordOutsidePurpose Use(Guid id, long version) => Staff(new UseRecordOutsidePurpose
    {
        RecordId = id, ExpectedVersion = version, Purpose = "議会広報誌の発送先確認", Ground = UseGround.InternalUseForDuties,
        GroundDetail = "議会広報の発行事務（議会事務局処務規程）に必要な限度", NoUnjustInfringementConfirmed = true, RestrictedTo = "議会事務局 総務課",
    });

    /// <summary>Baseline for the bulk paths: binary COPY of event-sized rows.</summary>
    public async Task<double> BinaryCopy()
    {
        var payload = Payload();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var connection = await _app.OpenConnectionAsync())
        await using (var writer = await connection.BeginBinaryImportAsync("copy bench.copied (stream_id, version, type, data) from stdin (format binary)"))
        {
            var stream = Guid.NewGuid();
            for (var i = 0; i < options.CopyRows; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(stream, NpgsqlDbType.Uuid);
                await writer.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                await writer.WriteAsync("record_used_outside_purpose", NpgsqlDbType.Varchar);
                await writer.WriteAsync(payload, NpgsqlDbType.Jsonb);
            }
            await writer.CompleteAsync();
        }
        return options.CopyRows / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The bulk import an office uses to move a register in: a JSON-lines file of acquisitions through every command's full path.</summary>
    public async Task<double> BulkImport()
    {
        var file = await File();
        var lines = new StringBuilder();
        for (var i = 0; i < options.ImportCommands; i++)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Acquisition(file), LedgerJson.Options))!.AsObject();
            json["command"] = "acquire-record";
            lines.AppendLine(json.ToJsonString());
        }
        var importer = new CommandImporter(_bus, _store, BenchPrincipal, services: services);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var summary = await importer.Import(new StringReader(lines.ToString()));
        var rate = summary.Appended / watch.Elapsed.TotalSeconds;
        if (summary.Appended != options.ImportCommands)
            throw new InvalidOperationException($"The import appended {summary.Appended} of {options.ImportCommands}: {string.Join("; ", summary.Refused.Take(3))}");
        return rate;
    }

    /// <summary>
    /// Fills the store to the requested number of events with a realistic mix, written by COPY straight into Marten's
    /// tables (the commands would take hours at this size): files, records with uses and provisions, and request cases,
    /// 2% of them still open. The generated events carry no personal data (each would need its person's key: a quarter
    /// of a million keys); the appends and the import above do. Returns the number of events in the store.
    /// </summary>
    public async Task<long> GenerateStore()
    {
        await using var connection = await _app.OpenConnectionAsync();
        long Scalar(string sql) { using var c = new NpgsqlCommand(sql, connection); return Convert.ToInt64(c.ExecuteScalar() ?? 0L); }
        var existing = Scalar("select count(*) from auditledger.mt_events");
        var toAdd = Math.Max(0, options.StoreEvents - existing);
        var seq = Scalar("select coalesce(max(seq_id), 0) from auditledger.mt_events");
        var random = new Random(20251124);
        var now = TimeProvider.System.GetUtcNow();
        var streams = new List<(Guid Id, string Type, long Version)>();
        var events = new List<(Guid Stream, long Version, object Data)>();

        var files = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        foreach (var f in files)
        {
            streams.Add((f, "personal_information_file", 1));
            events.Add((f, 1, new FileRegistered(f, FileKind.ComputerProcessed,
                new RegisterItems($"個人情報ファイル {f.ToString()[..8]}", "浦安市議会事務局 総務課", ["議会の事務の執行"], ["氏名", "住所"], "関係者", "本人から", false, [],
                    "浦安市議会事務局 総務課", "千葉県浦安市猫実一丁目1番1号", null), Context(now.AddDays(-700)))));
        }
        // The staff who act: a user stream each in the directory.
        for (var n = 0; n < 20; n++)
        {
            var user = $"B-{Guid.NewGuid():N}"[..12];
            var id = Domain.Access.UserDirectory.StreamIdOf(user);
            streams.Add((id, "directory_user", 1));
            events.Add((id, 1, new Domain.Access.UserAdded(user, "ベンチ 太郎", "議会事務局 総務課 主査", Domain.Access.AccessRoles.Staff, Context(now.AddDays(-700)))));
        }
        var caseEvents = toAdd / 5;
        for (long n = 0; n < caseEvents / 5; n++)
        {
            var id = Guid.NewGuid();
            var subject = Guid.NewGuid();
            var open = random.Next(50) == 0;
            var received = open ? now.AddDays(-random.Next(1, 40)) : now.AddDays(-random.Next(60, 600));
            var stream = new List<object>
            {
                new RequestReceived(id, RequestKind.Disclosure, "urayasu-council", RequesterType.Self, subject,
                    [], [], PersonalText.About(id, [subject], "議会事務局が保有する本人に関する記録")!, null, null, Context(received)),
                new RequesterIdentityVerified(id, "運転免許証", null, Context(received)),
                new FormCorrectionRequested(id, PersonalText.About(id, [subject], "記載漏れ")!, Context(received.AddDays(1))),
                new FormCorrectionCompleted(id, Context(received.AddDays(3))),
            };
            if (!open) stream.Add(new RequestDecided(id, CaseOutcome.DisclosedInFull, DecisionScope.Whole, PersonalText.About(id, [subject], "不開示情報なし")!, "浦議総第1号", Context(received.AddDays(20))));
            streams.Add((id, "request_case", stream.Count));
            events.AddRange(stream.Select((e, i) => (id, (long)i + 1, e)));
            // One decided case in a hundred is appealed (審査請求) and put to the board: every kind of stream has events.
            if (!open && n % 100 == 0)
            {
                var review = Guid.NewGuid();
                var appeal = received.AddDays(40);
                streams.Add((review, "review_case", 2));
                events.Add((review, 1, new ReviewRequested(review, id, RequestKind.Disclosure, "urayasu-council", ReviewTarget.Decision, false, [],
                    PersonalText.About(review, [subject], "開示決定の取消しを求める")!, Context(appeal))));
                events.Add((review, 2, new BoardConsulted(review, "浦議総第2号", Context(appeal.AddDays(10)))));
            }
        }
        while (events.Count < toAdd)
        {
            var id = Guid.NewGuid();
            var subject = Guid.NewGuid();
            var at = now.AddDays(-random.Next(30, 700));
            var file = files[random.Next(files.Count)];
            var stream = new List<object>
            {
                new RecordAcquired(id, file, subject, "議会の事務の執行", AcquisitionSource.FromThePersonInWriting, PurposeStatement.StatedInAdvance,
                    InformationCategories.Ordinary, [], Context(at)),
            };
            for (var k = 0; k < 3; k++)
                stream.Add(k == 1
                    ? new RecordProvided(id, new Recipient("浦安市長", RecipientKind.Mayor), "照会への回答", UseGround.ProvisionToPublicBody, "法令に基づく照会", [], true, Context(at.AddDays(k + 1)))
                    : new RecordUsedOutsidePurpose(id, "議会広報誌の発送先確認", UseGround.InternalUseForDuties, "事務に必要な限度", true, null, Context(at.AddDays(k + 1))));
            streams.Add((id, "retained_record", stream.Count));
            events.AddRange(stream.Select((e, i) => (id, (long)i + 1, e)));
            // A leak of one record in five hundred, reported and assessed.
            if (streams.Count % 500 == 0)
            {
                var incident = Guid.NewGuid();
                streams.Add((incident, "leak_incident", 2));
                events.Add((incident, 1, new LeakIncidentReported(incident, IncidentKind.Leak, PersonalText.About(incident, [subject], "誤送付")!, ["氏名"],
                    PersonalText.About(incident, [subject], "宛先の確認漏れ")!, [id], [subject], Context(at.AddDays(5)))));
                events.Add((incident, 2, new LeakIncidentAssessed(incident, [], false, PersonalText.About(incident, [subject], "なし")!, Context(at.AddDays(6)))));
            }
        }

        await using (var writer = await connection.BeginBinaryImportAsync("copy auditledger.mt_streams (id, type, version, timestamp, created, tenant_id) from stdin (format binary)"))
        {
            foreach (var (id, type, version) in streams)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(type, NpgsqlDbType.Varchar);
                await writer.WriteAsync(version, NpgsqlDbType.Bigint);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy auditledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived) from stdin (format binary)"))
        {
            foreach (var (stream, version, data) in events)
            {
                var type = data.GetType();
                await writer.StartRowAsync();
                await writer.WriteAsync(++seq, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(stream, NpgsqlDbType.Uuid);
                await writer.WriteAsync(version, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Serialize(data), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(StoredName(type), NpgsqlDbType.Varchar);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"{type.FullName}, {type.Assembly.GetName().Name}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await writer.CompleteAsync();
        }
        Scalar($"select setval('auditledger.mt_events_sequence', {seq})");
        return Scalar("select count(*) from auditledger.mt_events");
    }

    /// <summary>The name the store gives an event type (its module's, e.g. personal_information_file_registered): what the projections filter on.</summary>
    private string StoredName(Type type) => ((Marten.Events.EventGraph)_store.Options.Events).EventMappingFor(type).EventTypeName;

    public async Task<(double P50, double P99)> DeadlineQueryLatency() =>
        await Measure.Latency(options.QuerySamples, async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<DeadlineQueries>().Find(DeadlineFilter.Open, DeadlineQueries.DueSoonDays, CancellationToken.None);
            if (rows.Count == 0) throw new InvalidOperationException("The deadline view is empty: the store was not generated or rebuilt.");
        });

    public async Task<(double P50, double P99)> RegisterQueryLatency() =>
        await Measure.Latency(options.QuerySamples, async () =>
        {
            await using var session = _store.TenantQuerySession();
            var report = await LedgerReports.RenderRegister(session, published: true, ReportFormat.Json, TimeProvider.System.GetUtcNow(),
                services.GetRequiredService<AuditLedger.Host.Configuration.LedgerJurisdictions>().ForTenant(session.TenantId), CancellationToken.None);
            if (report.Body.Length < 100) throw new InvalidOperationException("The register is empty: the store was not generated or rebuilt.");
        });
}
