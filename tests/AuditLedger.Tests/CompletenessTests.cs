namespace AuditLedger.Tests;

using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AuditLedger.Domain;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Ledger;
using AuditLedger.Projections;
using AuditLedger.Projections.Annual;
using AuditLedger.Projections.Folding;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime.Handlers;

/// <summary>
/// What the running service makes of the modules' lists (<see cref="LedgerModules"/>, <see cref="LedgerHostModules"/>):
/// every command has its catalog entry, its Wolverine handler and its HTTP operation; every fold reads every event of the
/// module whose state it keeps. Each test names what is missing, so a command, an event or a route left out fails here
/// rather than in a clerk's hands. The domain's own lists are checked in the domain tests (ModuleCompletenessTests).
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CompletenessTests(LedgerFixture fixture)
{
    /// <summary>Every concrete command of the domain.</summary>
    private static readonly List<Type> Commands =
        [.. typeof(LedgerCommand).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(LedgerCommand).IsAssignableFrom(t)).OrderBy(t => t.Name)];

    /// <summary>The commands the HTTP API and the command line take by name: all but the user directory's, which have endpoints of their own under /api/users.</summary>
    private static readonly List<Type> CatalogCommands = [.. Commands.Where(t => !typeof(DirectoryCommand).IsAssignableFrom(t))];

    /// <summary>The kebab case of a type's name: <c>UseRecordOutsidePurpose</c> → <c>use-record-outside-purpose</c>.</summary>
    private static string Kebab(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    [Fact]
    public void every_command_is_in_the_catalog_under_the_kebab_case_of_its_name_and_in_its_modules_host_file()
    {
        CatalogCommands.Count.ShouldBeGreaterThan(40);
        CatalogCommands.Where(t => CommandCatalog.Of(t) is null).Select(t => t.FullName)
            .ShouldBeEmpty("every command needs its descriptor in its module's host file (src/AuditLedger.Host/<Module>/<Module>Host.cs)");
        CatalogCommands.Select(CommandCatalog.Of).OfType<CommandDescriptor>().Where(d => d.Name != Kebab(d.Type.Name))
            .Select(d => $"{d.Type.Name} is named '{d.Name}', not '{Kebab(d.Type.Name)}'")
            .ShouldBeEmpty("a command's catalog name is the kebab case of its type's name");
        CommandCatalog.All.GroupBy(d => d.Type).Where(g => g.Count() > 1).Select(g => g.Key.Name)
            .ShouldBeEmpty("each command has one descriptor");
        foreach (var host in LedgerHostModules.All)
            host.Commands.Select(d => d.Type).Except(host.Domain.Commands).Concat(host.Domain.Commands.Except(host.Commands.Select(d => d.Type)))
                .Where(t => !typeof(DirectoryCommand).IsAssignableFrom(t)).Select(t => t.Name)
                .ShouldBeEmpty($"the {host.Domain.Name} host file describes exactly the commands of the {host.Domain.Name} module");
    }

    [Fact]
    public void every_command_has_a_wolverine_handler()
    {
        // Wolverine's handler graph as the running service built it (every Handle method it discovered).
        var handlers = fixture.Services.GetRequiredService<HandlerGraph>();
        Commands.Where(t => handlers.ChainFor(t) is null).Select(t => t.FullName)
            .ShouldBeEmpty("every command needs a public static Handle method in its module's host file ([WolverineHandler])");
    }

    [Fact]
    public async Task every_catalog_command_is_an_operation_of_the_openapi_document_at_its_descriptors_method_and_route()
    {
        var response = await fixture.CreateClient().GetAsync("/openapi/v1.json");
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var missing = new List<string>();
        foreach (var descriptor in CatalogCommands.Select(CommandCatalog.Of).OfType<CommandDescriptor>())
        {
            var (method, route) = (descriptor.Route.Split(' ')[0].ToLowerInvariant(), descriptor.Route.Split(' ')[1]);
            if (!paths.TryGetProperty(route, out var operations) || !operations.TryGetProperty(method, out _))
                missing.Add($"{descriptor.Name}: {descriptor.Route}");
        }
        missing.ShouldBeEmpty("every command's descriptor route must be an HTTP operation ([WolverinePost(route)] in its module's host file)");
    }

    private LedgerFolds Folds => fixture.Services.GetRequiredService<LedgerFolds>();

    /// <summary>The module of a state: the one that declares the event starting its streams.</summary>
    private static LedgerModule ModuleOf(IStreamFold state) => LedgerModules.Of(state.StartedBy)!;

    private static string Missing(IEnumerable<Type> expected, IEnumerable<Type> actual) =>
        string.Join(", ", expected.Except(actual).Select(t => $"missing {t.Name}").Concat(actual.Except(expected).Select(t => $"extra {t.Name}")));

    [Fact]
    public void every_state_reads_exactly_the_events_of_its_module()
    {
        Folds.States.Count.ShouldBe(LedgerModules.All.Count);
        Folds.States.Select(ModuleOf).Distinct().Count().ShouldBe(LedgerModules.All.Count, "one state per module");
        Folds.States.Select(s => (s.Name, Difference: Missing(ModuleOf(s).EventTypes, s.Reads))).Where(s => s.Difference.Length > 0)
            .Select(s => $"{s.Name}: {s.Difference}")
            .ShouldBeEmpty("a state's fold reads its module's Events list, no more and no less");
    }

    [Fact]
    public void every_fold_that_embeds_a_state_reads_every_event_of_that_states_module()
    {
        var states = Folds.States.ToDictionary(s => s.DocumentType);
        var embedding = Folds.All.Except(Folds.States)
            .SelectMany(f => f.DocumentType.GetProperties().Where(p => states.ContainsKey(p.PropertyType)).Select(p => (Fold: f, Property: p)))
            .ToList();
        embedding.Select(e => e.Fold.Name).ShouldBe(["CaseDeadlines", "CaseOpenClocks", "FileRegisterEntry", "IncidentReport"], ignoreOrder: true);
        embedding.Select(e => (Fold: e.Fold.Name, Property: e.Property.Name, Missing: ModuleOf(states[e.Property.PropertyType]).EventTypes.Except(e.Fold.Reads).Select(t => t.Name).ToList()))
            .Where(e => e.Missing.Count > 0)
            .Select(e => $"{e.Fold}.{e.Property} misses {string.Join(", ", e.Missing)}")
            .ShouldBeEmpty("a fold that keeps a state must apply every event of the state's module");
        // The annual status replays request cases with the domain's Evolve: it reads every event of the requests module.
        var annual = new AnnualStatusProjection(Folds.Profiles);
        Domain.Requests.RequestsModule.Module.EventTypes.Except(annual.IncludedEventTypes).Select(t => t.Name)
            .ShouldBeEmpty("the annual status replays request cases, so it reads every event of the requests module");
    }

    [Fact]
    public void every_fold_reads_only_events_of_its_streams_module_and_declares_them_to_marten()
    {
        foreach (var fold in Folds.All)
        {
            fold.Reads.ShouldNotBeEmpty($"{fold.Name} declares the events it reads");
            fold.Reads.Where(t => LedgerModules.Of(t) != LedgerModules.Of(fold.StartedBy)).Select(t => t.Name)
                .ShouldBeEmpty($"{fold.Name} follows one kind of stream, whose events are its module's");
            var projection = (JasperFx.Events.Projections.EventFilterable)Activator.CreateInstance(typeof(FoldProjection<>).MakeGenericType(fold.DocumentType), fold)!;
            projection.IncludedEventTypes.ShouldBe(fold.Reads, ignoreOrder: true, $"{fold.Name}'s projection is declared to Marten with the events the fold reads");
        }
    }

    [Fact]
    public void the_case_timeline_describes_every_event_of_the_streams_it_reads()
    {
        // The timeline reads a request case, its reviews and its records. An event is described by a line of
        // StepDescriptions.Of; one without a line is refused. Each event is tried bare (its fields unset): a line that reads
        // a field fails on it, which is not what this test looks for. The descriptions are found by their type's name, so
        // the test follows the timeline wherever its module's host folder keeps it.
        var type = typeof(CommandCatalog).Assembly.GetTypes().Single(t => t.Name == "StepDescriptions");
        var noDescription = (string)type.GetField("NoDescription")!.GetValue(null)!;
        var describe = type.GetMethod("Of")!;
        var descriptions = Activator.CreateInstance(type, new object[] { false })!;   // personal data not shown
        string? Refusal(object data)
        {
            try
            {
                describe.Invoke(descriptions, [data]);
                return null;
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException refused && refused.Message.StartsWith(noDescription, StringComparison.Ordinal))
            {
                return refused.Message;
            }
            catch (TargetInvocationException)
            {
                return null;   // Described: its line read a field the bare event lacks.
            }
        }

        new[] { Domain.Requests.RequestsModule.Module, Domain.Reviews.ReviewsModule.Module, Domain.Records.RecordsModule.Module }
            .SelectMany(m => m.EventTypes).Where(t => Refusal(RuntimeHelpers.GetUninitializedObject(t)) is not null).Select(t => t.Name)
            .ShouldBeEmpty("every event of a request, review or record stream needs its line in StepDescriptions.Of (the case timeline)");
        Refusal(new object()).ShouldNotBeNull("an event the timeline does not know is refused, not shown by its type's name");
    }
}
