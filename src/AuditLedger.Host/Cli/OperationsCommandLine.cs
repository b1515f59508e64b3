namespace AuditLedger.Host.Cli;

using System.CommandLine;
using AuditLedger.Host.Operations;
using Marten;
using Spectre.Console;

/// <summary>
/// Operations: <c>rebuild</c> any projection from the events, with progress (a progress bar when
/// interactive, plain lines on standard error otherwise, e.g. in CI), <c>rebuild --list</c>, and <c>bench-rebuild</c>,
/// which measures a full rebuild and replays on the configured store.
/// </summary>
public static class OperationsCommandLine
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Rebuild());
        root.Subcommands.Add(Bench());
        root.Subcommands.Add(RotateMasterKey());
    }

    private static Command RotateMasterKey()
    {
        var file = new Option<FileInfo>("--new-key-file") { Description = "the new master key (base64, 32 bytes), e.g. head -c 32 /dev/urandom | base64 > new.key", Required = true };
        var command = new Command("rotate-master-key",
            "マスター鍵の更新 / re-wrap every person's data key with a new master key (as the schema owner, service stopped); then configure the new key and destroy the old one") { file };
        command.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var owner = Configuration.LedgerDatabase.OwnerConnectionString(configuration) ?? Configuration.LedgerDatabase.ConnectionString(configuration);
            var next = Erasure.MasterKey.From(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [Erasure.MasterKey.KeyFileSetting] = parse.GetValue(file)!.FullName }).Build());
            var count = await Erasure.SubjectKeyStore.RotateMasterKey(owner, services.GetRequiredService<Erasure.MasterKey>(), next, ct);
            Console.WriteLine($"re-wrapped {count} data keys with the new master key. Now point {Erasure.MasterKey.KeyFileSetting} at {parse.GetValue(file)!.FullName}, " +
                "destroy the old master key file, and start the service again.");
            return 0;
        }));
        return command;
    }

    private static Command Rebuild()
    {
        var names = new Argument<string[]>("projection") { Description = "the projections to rebuild (rebuild --list names them)", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "rebuild every projection, inline and async" };
        var list = new Option<bool>("--list") { Description = "list the projections: name, inline or async, documents" };
        var command = new Command("rebuild", "射影の再構築 / rebuild projections from the events alone (run it while nothing is appended)") { names, all, list };
        command.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            var store = services.GetRequiredService<IDocumentStore>();
            if (parse.GetValue(list))
            {
                foreach (var p in ProjectionRebuild.List(store))
                    Console.WriteLine($"{p.Name,-22} {p.Lifecycle.ToString().ToLowerInvariant(),-7} {string.Join(", ", p.Documents)}");
                return 0;
            }
            var chosen = ProjectionRebuild.Select(store, parse.GetValue(names) ?? [], parse.GetValue(all));
            var results = await RebuildWithProgress(store, chosen, ct);
            foreach (var r in results)
                Console.WriteLine($"rebuilt {r.Projection} ({r.Lifecycle.ToString().ToLowerInvariant()}) over {r.EventsRead:N0} of the {r.Events:N0} events in {ProjectionRebuild.Seconds(r.Elapsed)}{(r.InOnePass ? " (one pass with the other folds)" : "")}");
            Console.WriteLine($"total {ProjectionRebuild.Seconds(ProjectionRebuild.Total(results))}");
            return 0;
        }));
        return command;
    }

    private static Command Bench()
    {
        var generate = new Option<int?>("--generate-to")
        {
            Description = "first append demo years through the commands until the store holds at least N events (writes to the configured database: use a database of its own)",
        };
        var workers = new Option<int>("--workers") { Description = "demo years appended at once while generating", DefaultValueFactory = _ => 3 };
        var samples = new Option<int>("--samples") { Description = "how many cases to replay", DefaultValueFactory = _ => 50 };
        var command = new Command("bench-rebuild", "再構築と再現の計測 / measure a full rebuild of every projection and the replay of one case on this store") { generate, workers, samples };
        command.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            var bench = new RebuildBenchmark(services, Console.Out, Console.Error);
            if (parse.GetValue(generate) is { } target) await bench.Generate(target, Math.Max(1, parse.GetValue(workers)), ct);
            await bench.Context(ct);
            var store = services.GetRequiredService<IDocumentStore>();
            var rebuilt = await RebuildWithProgress(store, ProjectionRebuild.List(store), ct);
            bench.Report(rebuilt);
            await bench.Replays(Math.Max(1, parse.GetValue(samples)), ct);
            return 0;
        }));
        return command;
    }

    /// <summary>Runs the rebuild with a progress bar per projection when a person watches, plain lines otherwise.</summary>
    internal static async Task<IReadOnlyList<RebuildResult>> RebuildWithProgress(IDocumentStore store, IReadOnlyList<ProjectionInfo> projections, CancellationToken ct)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = projections.ToDictionary(p => p.Name, p => context.AddTask(p.Name, autoStart: false, maxValue: 1));
                    return await ProjectionRebuild.Run(store, projections, new ImmediateProgress<RebuildProgress>(p =>
                    {
                        var task = tasks[p.Projection];
                        if (!task.IsStarted) task.StartTask();
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = Math.Min(p.Read, task.MaxValue);
                        if (p.Read >= p.Total) task.StopTask();
                    }), ct);
                });

        // Not interactive (CI, a pipe): a line when a projection starts, at each further tenth, and when it is done.
        var reported = new Dictionary<string, long>();
        return await ProjectionRebuild.Run(store, projections, new ImmediateProgress<RebuildProgress>(p =>
        {
            var tenth = p.Total == 0 ? 10 : p.Read * 10 / p.Total;
            lock (reported)
            {
                if (reported.TryGetValue(p.Projection, out var last) && tenth <= last) return;
                reported[p.Projection] = tenth;
            }
            Console.Error.WriteLine($"rebuild {p.Projection}: {p.Read:N0} of {p.Total:N0} events ({tenth * 10}%)");
        }), ct);
    }
}
