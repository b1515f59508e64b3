namespace AuditLedger.Tests.Reports;

using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Access;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Operations;
using AuditLedger.Host.Replay;
using AuditLedger.Host.Tenancy;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The operations act per tenant (実施機関): a rebuild restores every tenant's documents from that tenant's events and never
/// mixes them; a replay, a report and an import act for the tenant of the run (<c>--tenant</c>) and see no other's streams.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class TenantOperationsTests(LedgerFixture fixture)
{
    private const string Mayor = "nagareyama:mayor";
    private const string Council = LedgerTenant.Default;
    private readonly LedgerDriver _ledger = new(fixture);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The mayor's staff member: a user of the mayor's directory only (the test users S-0001... are the council's).</summary>
    private static readonly string MayorStaff = NewId("N");

    /// <summary>A file and a record of it, appended for the mayor by the mayor's staff.</summary>
    private async Task<(Guid FileId, Guid RecordId)> MayorRecord()
    {
        using var inMayor = LedgerTenant.Enter(Mayor);
        var file = (await _ledger.Send(Registration() with { StaffId = MayorStaff })).StreamId;
        // Nagareyama's law: the 事務 is notified to the mayor (届出) before its file acquires records.
        await _ledger.Send(new Domain.Files.NotifyFileToMayor
        {
            FileId = file, ExpectedVersion = 1, AffairName = "議会傍聴者受付事務", StaffId = MayorStaff, OccurredAt = FileRegisteredAt.AddDays(1),
        });
        var record = (await _ledger.Send(Acquisition(file) with { StaffId = MayorStaff })).StreamId;
        return (file, record);
    }

    [Fact]
    public async Task a_rebuild_restores_each_tenants_documents_from_its_own_events_and_never_mixes_them()
    {
        Guid mayorRecord, councilRecord;
        (_, mayorRecord) = await MayorRecord();
        using (LedgerTenant.Enter(Mayor)) await _ledger.Send(ProvisionToMayor(mayorRecord, 1) with { StaffId = MayorStaff });
        (_, councilRecord) = await _ledger.Record();
        var folds = ProjectionRebuild.List(fixture.Store).Where(p => p.Fold is not null).ToList();
        var live = new Dictionary<string, Dictionary<string, Dictionary<Guid, string>>>();
        foreach (var tenant in new[] { Mayor, Council }) live[tenant] = await Snapshot(tenant, folds);
        live[Mayor][nameof(RetainedRecord)].Keys.ShouldContain(mayorRecord);
        live[Mayor][nameof(RetainedRecord)].Keys.ShouldNotContain(councilRecord);
        live[Council][nameof(RetainedRecord)].Keys.ShouldContain(councilRecord);
        live[Council][nameof(RetainedRecord)].Keys.ShouldNotContain(mayorRecord);

        await ProjectionRebuild.Run(fixture.Store, folds, new Progress<RebuildProgress>(_ => { }), CancellationToken.None);

        foreach (var tenant in new[] { Mayor, Council })
        {
            var rebuilt = await Snapshot(tenant, folds);
            foreach (var (fold, documents) in live[tenant])
            {
                rebuilt[fold].Keys.Order().ShouldBe(documents.Keys.Order(), $"{tenant} {fold}");
                foreach (var (id, json) in documents) rebuilt[fold][id].ShouldBe(json, $"{tenant} {fold} {id}");
            }
        }
        // Each document under the tenant whose events made it, and under no other.
        await using var session = fixture.Store.QuerySession(Council);
        var table = fixture.Store.Options.FindOrResolveDocumentType(typeof(RetainedRecord)).TableName.QualifiedName;
        (await session.QueryAsync<string>($"select tenant_id from {table} where id = ?", mayorRecord)).ShouldBe([Mayor]);
        (await session.QueryAsync<string>($"select tenant_id from {table} where id = ?", councilRecord)).ShouldBe([Council]);
    }

    [Fact]
    public async Task a_replay_of_one_tenant_never_sees_another_tenants_streams()
    {
        Guid mayorFile, mayorRecord;
        (mayorFile, mayorRecord) = await MayorRecord();
        var now = fixture.Clock.GetUtcNow();
        using (LedgerTenant.Enter(Mayor))
        {
            using var scope = fixture.Services.CreateScope();
            var replay = scope.ServiceProvider.GetRequiredService<LedgerReplay>();
            (await replay.Stream(mayorRecord, now, "records", CancellationToken.None)).Documents.Keys.ShouldContain(nameof(RetainedRecord));
            (await replay.RegisterEntries(now, CancellationToken.None)).Select(e => e.Id).ShouldContain(mayorFile);
        }
        using (LedgerTenant.Enter(Council))
        {
            using var scope = fixture.Services.CreateScope();
            var replay = scope.ServiceProvider.GetRequiredService<LedgerReplay>();
            await Should.ThrowAsync<Exception>(() => replay.Stream(mayorRecord, now, "records", CancellationToken.None));
            await Should.ThrowAsync<Exception>(() => replay.Diff(mayorRecord, now.AddDays(-1), now, CancellationToken.None));
            (await replay.RegisterEntries(now, CancellationToken.None)).Select(e => e.Id).ShouldNotContain(mayorFile);
        }
    }

    [Fact]
    public async Task the_command_line_replays_reports_and_lists_for_the_tenant_it_is_given_and_refuses_an_unknown_one()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        Guid mayorFile;
        (mayorFile, _) = await MayorRecord();
        var asOf = fixture.Clock.GetUtcNow().AddMinutes(1).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-ddTHH:mm:ss") + "+09:00";

        // What each run wrote (--out: the register is written as bytes, not through the console).
        async Task<(int Status, string Output)> Run(params string[] args)
        {
            var file = Path.Combine(Path.GetTempPath(), $"auditledger-tenant-{Guid.NewGuid():N}.json");
            try
            {
                var status = await LedgerCommandLine.Run([.. args, "--out", file]);
                return (status, File.Exists(file) ? await File.ReadAllTextAsync(file) : "");
            }
            finally
            {
                File.Delete(file);
            }
        }
        var (status, mayors) = await Run("replay", "register", "--as-of", asOf, "--tenant", Mayor);
        status.ShouldBe(0);
        mayors.ShouldContain(mayorFile.ToString());
        (status, var councils) = await Run("replay", "register", "--as-of", asOf, "--tenant", Council);
        status.ShouldBe(0);
        councils.ShouldNotContain(mayorFile.ToString());
        (status, mayors) = await Run("register", "--format", "json", $"--tenant={Mayor}");
        status.ShouldBe(0);
        mayors.ShouldContain(mayorFile.ToString());
        (status, councils) = await Run("register", "--format", "json");
        status.ShouldBe(0);
        councils.ShouldNotContain(mayorFile.ToString());
        (status, var listed) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["rebuild", "--list", "--tenant", Mayor]));
        status.ShouldBe(0);
        listed.ShouldContain(nameof(RetainedRecord));

        var error = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(error);
        try
        {
            (await LedgerCommandLine.Run(["replay", "register", "--as-of", asOf, "--tenant", "nowhere:council"])).ShouldBe(2);
            (await LedgerCommandLine.Run(["rebuild", "--list", "--tenant", "nowhere:council"])).ShouldBe(2);
            // Subcommands that need no database refuse an unknown body too, rather than act for nobody in particular.
            (await LedgerCommandLine.Run(["rules", "--tenant", "nowhere:council"])).ShouldBe(2);
            (await LedgerCommandLine.Run(["copy-fee", "--jurisdiction", "nagareyama-city", "--monochrome", "1", "--colour", "0", "--tenant=nowhere:council"])).ShouldBe(2);
        }
        finally
        {
            Console.SetError(stderr);
        }
        error.ToString().ShouldContain("nowhere:council");
        error.ToString().ShouldContain("--tenant");
    }

    [Fact]
    public async Task an_import_with_a_tenant_appends_the_tenants_events_and_another_tenant_sees_none()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        Actor importer, clerk;
        using (LedgerTenant.Enter(Mayor))
        {
            importer = await fixture.User(NewId("S"), LedgerRoles.Staff, name: "流山 一郎");
            clerk = await fixture.User(NewId("S"));
        }
        var line = JsonSerializer.SerializeToNode(Registration() with { StaffId = clerk.StaffId }, LedgerJson.Options)!.AsObject();
        line["command"] = "register-file";
        var fileId = line["fileId"]!.GetValue<Guid>();
        var file = Path.Combine(Path.GetTempPath(), $"auditledger-import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, line.ToJsonString(LedgerJson.Options) + "\n");
        try
        {
            (await LedgerCommandLine.Run(["import", file, "--as", importer.StaffId, "--tenant", Mayor])).ShouldBe(0);
        }
        finally
        {
            File.Delete(file);
        }
        await using (var mayors = fixture.Store.QuerySession(Mayor))
        {
            var events = await mayors.Events.FetchStreamAsync(fileId);
            events.ShouldNotBeEmpty();
            events.ShouldAllBe(e => e.TenantId == Mayor);
        }
        await using (var councils = fixture.Store.QuerySession(Council))
        {
            (await councils.Events.FetchStreamAsync(fileId)).ShouldBeEmpty();
            (await councils.Events.QueryAllRawEvents().Where(e => e.StreamId == fileId).CountAsync()).ShouldBe(0);
        }
    }

    /// <summary>Each fold's documents of one tenant (opened, then written with the ledger's options), by fold and id.</summary>
    private async Task<Dictionary<string, Dictionary<Guid, string>>> Snapshot(string tenant, IReadOnlyList<ProjectionInfo> folds)
    {
        var snapshot = new Dictionary<string, Dictionary<Guid, string>>();
        await using var session = fixture.Store.QuerySession(tenant);
        foreach (var fold in folds)
        {
            var load = typeof(TenantOperationsTests).GetMethod(nameof(Documents), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(fold.Fold!.DocumentType);
            snapshot[fold.Fold.Name] = await (Task<Dictionary<Guid, string>>)load.Invoke(null, [session])!;
        }
        return snapshot;
    }

    private static async Task<Dictionary<Guid, string>> Documents<TDoc>(IQuerySession session) where TDoc : class
    {
        var documents = new Dictionary<Guid, string>();
        foreach (var document in await session.Query<TDoc>().ToListAsync())
            documents[(Guid)typeof(TDoc).GetProperty("Id")!.GetValue(document)!] = JsonSerializer.Serialize(document, LedgerJson.Options);
        return documents;
    }
}
