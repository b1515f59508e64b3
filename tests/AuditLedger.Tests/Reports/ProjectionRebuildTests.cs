namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Tenancy;
using System.Diagnostics;
using System.Text.Json;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Provisions;
using AuditLedger.Projections.Register;
using AuditLedger.Tests.Support;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The report projections are rebuilt from the events alone: after a long randomized history of commands (lawful and
/// refused) a rebuild through Marten's projection daemon yields exactly the documents the live projections hold.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class ProjectionRebuildTests(LedgerFixture fixture, ITestOutputHelper output)
{
    private const int Commands = 600;

    /// <summary>A rebuild reads the events of the types its projection declares (its module's), and says how many: a rate counts those.</summary>
    [Fact]
    public async Task a_rebuild_counts_the_events_of_the_types_its_projection_reads_not_the_whole_store()
    {
        var ledger = new LedgerDriver(fixture);
        await ledger.Record();   // a file and a record: events of both modules are in the store
        var register = Host.Operations.ProjectionRebuild.Select(fixture.Store, [nameof(FileRegisterEntry)], all: false);
        Domain.Files.FilesModule.Module.Events.Select(e => e.StoredName).Except(register.Single().Reads).ShouldBeEmpty();

        var result = (await Host.Operations.ProjectionRebuild.Run(fixture.Store, register, new Progress<Host.Operations.RebuildProgress>(_ => { }), CancellationToken.None)).Single();

        // A rebuild rebuilds every tenant's documents: it reads the file events of every tenant (raw SQL: across tenants).
        long fileEvents;
        await using (var session = fixture.Store.TenantQuerySession())
            fileEvents = (await session.QueryAsync<long>("select count(*) from auditledger.mt_events where is_archived = false and type = any(?)",
                new object[] { register.Single().Reads.ToArray() })).Single();
        result.EventsRead.ShouldBe(fileEvents);
        result.EventsRead.ShouldBeLessThan(result.Events, "the store holds record events too, which the register does not read");
    }

    /// <summary>
    /// Every per-stream projection, rebuilt in one pass from the events alone, equals what the live (inline) projections
    /// wrote: after a random history of lawful and refused commands over files, records and incidents, and a demo year
    /// with a random seed (files, records, request and review cases, a leak incident, the users), every document of
    /// every fold on the streams they touched is the same JSON, none missing and none extra; the rebuilt projections leave
    /// no progress record behind (inline ones have none, as after Marten's own rebuild).
    /// </summary>
    [Fact]
    public async Task a_one_pass_rebuild_of_every_fold_yields_exactly_the_documents_the_live_projections_hold()
    {
        var seed = Environment.GetEnvironmentVariable("AUDITLEDGER_TEST_SEED") is { } s ? int.Parse(s) : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set AUDITLEDGER_TEST_SEED to replay)");
        long before;
        await using (var session = fixture.Store.TenantQuerySession())
            before = (await session.QueryAsync<long>("select coalesce(max(seq_id), 0) from auditledger.mt_events")).Single();
        var random = new Random(seed);
        var history = new RandomHistory(new LedgerDriver(fixture), fixture.Clock, random);
        var clock = Stopwatch.StartNew();
        var (appended, refused) = await history.Run(Commands);
        output.WriteLine($"{Commands} commands in {clock.ElapsedMilliseconds} ms: {appended} appended, {refused} refused by a rule");
        appended.ShouldBeGreaterThan(Commands / 2);
        clock.Restart();
        output.WriteLine(await Host.Demo.DemoYear.Load(fixture.Store, fixture.Bus, fixture.Clock, random));
        output.WriteLine($"a demo year in {clock.ElapsedMilliseconds} ms");

        Guid[] touched;
        await using (var session = fixture.Store.TenantQuerySession())
            touched = [.. await session.QueryAsync<Guid>("select distinct stream_id from auditledger.mt_events where seq_id > ?", before)];
        var folds = Host.Operations.ProjectionRebuild.List(fixture.Store).Where(p => p.Fold is not null).ToList();
        folds.Select(p => p.Fold!.Name).Order().ShouldBe(fixture.Services.GetRequiredService<LedgerFolds>().All.Select(f => f.Name).Order());
        var live = await Snapshot(folds, touched);
        // Business oversight is not provided by the default body's law (Urayasu's): its history makes no OversightCase.
        foreach (var fold in folds.Where(f => f.Name != nameof(Domain.BusinessOversight.OversightCase))) live[fold.Name].ShouldNotBeEmpty($"the history makes {fold.Name} documents");
        await CrossCheckWithTheDomainStates();
        // A progress record left by an interrupted rebuild must not survive a finished one.
        await using (var session = fixture.Store.TenantLightweightSession())
        {
            session.QueueSqlCommand("insert into auditledger.mt_event_progression (name, last_seq_id) values (?, 1) on conflict (name) do update set last_seq_id = 1",
                Host.Operations.ProjectionRebuild.ShardName(folds[0]));
            await session.SaveChangesAsync();
        }

        clock.Restart();
        var reported = new List<Host.Operations.RebuildProgress>();
        var results = await Host.Operations.ProjectionRebuild.Run(fixture.Store, folds, new Host.Operations.ImmediateProgress<Host.Operations.RebuildProgress>(reported.Add), CancellationToken.None);
        output.WriteLine($"rebuilt {folds.Count} folds in one pass over {results[0].EventsRead} of the {results[0].Events} events in {clock.ElapsedMilliseconds} ms");
        results.Select(r => r.Projection).ShouldBe(folds.Select(p => p.Name));
        foreach (var fold in folds)
            reported.Where(p => p.Projection == fold.Name).Select(p => p.Read).ShouldBeInOrder(SortDirection.Ascending, "progress only goes forward");
        reported.Last().Read.ShouldBe(reported.Last().Total);

        var rebuilt = await Snapshot(folds, touched);
        foreach (var (type, documents) in live)
        {
            rebuilt[type].Keys.Order().ShouldBe(documents.Keys.Order(), type);
            foreach (var (id, json) in documents) rebuilt[type][id].ShouldBe(json, $"{type} {id}");
        }
        await using (var session = fixture.Store.TenantQuerySession())
            (await session.QueryAsync<string>("select name from auditledger.mt_event_progression where name = any(?)",
                new object[] { folds.Select(Host.Operations.ProjectionRebuild.ShardName).ToArray() })).ShouldBeEmpty();
    }

    /// <summary>Each fold's documents on the given streams as JSON (opened, then written with the ledger's own options), by fold and id.</summary>
    private async Task<Dictionary<string, Dictionary<Guid, string>>> Snapshot(IReadOnlyList<Host.Operations.ProjectionInfo> folds, Guid[] streams)
    {
        var snapshot = new Dictionary<string, Dictionary<Guid, string>>();
        foreach (var fold in folds)
        {
            var load = typeof(ProjectionRebuildTests).GetMethod(nameof(Documents), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(fold.Fold!.DocumentType);
            snapshot[fold.Name] = await (Task<Dictionary<Guid, string>>)load.Invoke(this, [streams])!;
        }
        return snapshot;
    }

    private async Task<Dictionary<Guid, string>> Documents<TDoc>(Guid[] streams) where TDoc : class
    {
        await using var session = fixture.Store.TenantQuerySession();
        var documents = new Dictionary<Guid, string>();
        foreach (var document in await session.LoadManyAsync<TDoc>(streams))
            documents[(Guid)typeof(TDoc).GetProperty("Id")!.GetValue(document)!] = Json(document);
        return documents;
    }

    /// <summary>The read models embed the domain's states; they must equal the inline states commands are decided from.</summary>
    private async Task CrossCheckWithTheDomainStates()
    {
        await using var session = fixture.Store.TenantQuerySession();
        var files = (await session.Query<PersonalInformationFile>().ToListAsync()).ToDictionary(f => f.Id);
        foreach (var entry in await session.Query<FileRegisterEntry>().ToListAsync()) Json(entry.File).ShouldBe(Json(files[entry.Id]));
        var incidents = (await session.Query<LeakIncident>().ToListAsync()).ToDictionary(i => i.Id);
        foreach (var report in await session.Query<IncidentReport>().ToListAsync()) Json(report.Incident).ShouldBe(Json(incidents[report.Id]));
        var records = (await session.Query<RetainedRecord>().ToListAsync()).ToDictionary(r => r.Id);
        foreach (var recipients in await session.Query<ProvisionRecipients>().ToListAsync())
            recipients.Active.ShouldBe(records[recipients.Id].ActiveRecipients, ignoreOrder: true);
    }

    private static string Json<T>(T document) => JsonSerializer.Serialize(document, LedgerJson.Options);
}

/// <summary>
/// Random commands over a growing set of files, records and incidents, each through the real command path with the
/// version it last saw. Many are lawful; some are refused by a rule (e.g. acting on an erased record), as in real use.
/// </summary>
public sealed class RandomHistory(LedgerDriver ledger, TestClock clock, Random random)
{
    private readonly List<Guid> _files = [];
    private readonly List<Guid> _records = [];
    private readonly List<Guid> _incidents = [];
    private readonly Dictionary<Guid, long> _versions = [];

    private static readonly Recipient[] Recipients =
    [
        new("浦安市長（市民経済部）", RecipientKind.Mayor),
        new("浦安市選挙管理委員会", RecipientKind.ElectionCommission),
        new("浦安市教育委員会", RecipientKind.BoardOfEducation),
        new("千葉県警察本部", RecipientKind.OtherLocalPublicBody),
    ];

    private static readonly string[] Texts = ["傍聴者の受付", "議会だより、\"特別号\"の発送", "請願者の連絡先\r\n及び要旨", "委員会<b>視察</b>の随行者"];

    public async Task<(int Appended, int Refused)> Run(int commands)
    {
        int appended = 0, refused = 0;
        for (var i = 0; i < commands; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 180)));
            var command = await Next();
            if (command is null) continue;
            try
            {
                var result = await ledger.Send(command);
                _versions[result.StreamId] = result.Version;
                Track(command, result.StreamId);
                appended++;
            }
            catch (LedgerRuleViolation)
            {
                refused++;
            }
        }
        return (appended, refused);
    }

    private void Track(LedgerCommand command, Guid id)
    {
        switch (command)
        {
            case RegisterFile: _files.Add(id); break;
            case AcquireRecord: _records.Add(id); break;
            case ReportLeakIncident: _incidents.Add(id); break;
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Text() => Pick(Texts) + " " + random.Next(1000);

    private T On<T>(T command) where T : StreamCommand => command with
    {
        StaffId = $"S-{random.Next(1, 6):0000}", StaffRole = "議会事務局 議事課 主査", OccurredAt = null, ExpectedVersion = _versions[command.StreamId],
    };

    private async Task<LedgerCommand?> Next()
    {
        var roll = random.Next(100);
        if (_files.Count == 0 || roll < 8) return Registration(Guid.NewGuid(), random.Next(2) == 0) with
        {
            OccurredAt = null, Kind = (FileKind)random.Next(2), Items = Items(random.Next(2) == 0) with { Name = Text(), RegularRecipients = random.Next(2) == 0 ? [] : ["浦安市長"] },
        };
        var file = Pick(_files);
        if (roll < 12) return On(new AmendFile
        {
            FileId = file, Reason = Text(),
            Items = (await ledger.Load<PersonalInformationFile>(file))!.Items with { RecordedItems = ["氏名", Text()], CollectionMethod = Text() },
        });
        if (roll < 14) return On(new ExemptFileFromPublication { FileId = file, Ground = (PublicationExemptionGround)random.Next(10), Reason = Text() });
        if (roll < 17) return On(new WithholdFileItemsFromPublication
        {
            FileId = file, Reason = Text(), Items = [.. Enum.GetValues<WithholdableItem>().Where(_ => random.Next(2) == 0).DefaultIfEmpty(WithholdableItem.CollectionMethod)],
        });
        if (roll < 18) return On(new RetireFile { FileId = file, Reason = Text() });
        if (_records.Count == 0 || roll < 35)
        {
            var state = (await ledger.Load<PersonalInformationFile>(file))!;
            var categories = state.Items.ContainsSpecialCareInformation && random.Next(2) == 0 ? new InformationCategories(true, false, ProcessingForm.Ordinary) : null;
            return Acquisition(file, categories) with { OccurredAt = null, PurposeOfUse = "", PurposeNumber = 1 + random.Next(state.Items.PurposesOfUse.Count) };
        }
        var record = Pick(_records);
        if (roll < 55) return On(ProvisionToMayor(record, 1) with
        {
            Recipient = Pick(Recipients), SafeguardsRequested = [.. new[] { "目的外利用の禁止", "複写の禁止", Text() }.Where(_ => random.Next(2) == 0)],
        });
        if (roll < 63)
        {
            var active = (await ledger.Load<RetainedRecord>(record))!.ActiveRecipients;
            if (active.Count == 0) return null;
            return On(new StopRecordProvision { RecordId = record, DecisionReference = $"浦議総第{random.Next(1, 999)}号", Recipient = Pick(active) });
        }
        if (roll < 67) return On(InternalUse(record, 1));
        if (roll < 70)
        {
            var subject = (await ledger.Load<RetainedRecord>(record))!.DataSubjectId;
            return On(new CorrectRecord { RecordId = record, DecisionReference = "浦議総第1号", Correction = [new PersonalData(subject, PersonalDataKind.Address, Text())] });
        }
        if (roll < 72) return On(Disposal(record, 1));
        if (_incidents.Count == 0 || roll < 78) return By(new ReportLeakIncident
        {
            IncidentId = Guid.NewGuid(), OccurredAt = null, Kind = (IncidentKind)random.Next(3), Summary = Text(), InformationItems = ["氏名", "住所"], Cause = Text(),
            AffectedRecordIds = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(_records)).Distinct()],
        });
        var incident = Pick(_incidents);
        var affected = (await ledger.Load<LeakIncident>(incident))!;
        if (roll < 82) return On(new AssessLeakIncident
        {
            IncidentId = incident, SecondaryHarm = Text(), CriteriaMet = [.. Enum.GetValues<SeriousCriterion>().Where(_ => random.Next(3) == 0)],
        });
        if (roll < 89) return On(new NotifyAffectedPerson { IncidentId = incident, DataSubjectId = Pick(affected.AffectedPersonIds), Method = "書面郵送" });
        if (roll < 92) return On(new ApplyNotificationExemption
        {
            IncidentId = incident, DataSubjectIds = [Pick(affected.AffectedPersonIds)], Exemption = (NotificationExemption)random.Next(2), Description = Text(),
        });
        if (roll < 97) return On(new TakeIncidentMeasure { IncidentId = incident, Kind = (MeasureKind)random.Next(4), Description = Text() });
        return On(new CloseLeakIncident { IncidentId = incident, Conclusion = Text() });
    }
}
