using System.Reflection;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

namespace AuditLedger.Domain.Tests;

/// <summary>
/// The modules' lists are the one place each event, command and rule is declared (<see cref="LedgerModules"/>): the store
/// names events from them, the labels and projections read them, the rule catalog is made of them. Each test finds the
/// domain's types by reflection and names what a list is missing, so a new event, command or rule left out fails here.
/// </summary>
public class ModuleCompletenessTests
{
    private static readonly Assembly Domain = typeof(ILedgerEvent).Assembly;

    private static List<Type> Concrete<TBase>() =>
        [.. Domain.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(TBase).IsAssignableFrom(t)).OrderBy(t => t.FullName)];

    /// <summary>Each type, with the names of the modules that list it, when that is not exactly one.</summary>
    private static List<string> NotInExactlyOne(IEnumerable<Type> types, Func<LedgerModule, IEnumerable<Type>> listed) =>
        [.. types.Select(t => (Type: t, Modules: LedgerModules.All.Where(m => listed(m).Contains(t)).Select(m => m.Name).ToList()))
            .Where(x => x.Modules.Count != 1)
            .Select(x => $"{x.Type.FullName} is in {(x.Modules.Count == 0 ? "no module" : string.Join(" and ", x.Modules))}")];

    [Fact]
    public void every_event_type_is_in_exactly_one_modules_events()
    {
        var events = Concrete<ILedgerEvent>();
        events.Count.ShouldBeGreaterThan(40);
        NotInExactlyOne(events, m => m.EventTypes).ShouldBeEmpty("every ILedgerEvent must be listed in the Events of exactly one module (src/AuditLedger.Domain/<Module>/<Module>Module.cs)");
        LedgerModules.Events.Select(e => e.Type).Where(t => !events.Contains(t)).Select(t => t.FullName).ShouldBeEmpty("a module lists a type that is not a concrete ILedgerEvent");
    }

    [Fact]
    public void every_event_has_a_japanese_label()
    {
        static bool IsJapanese(string text) => text.Any(c => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff');
        LedgerModules.Events.Where(e => string.IsNullOrWhiteSpace(e.Japanese) || !IsJapanese(e.Japanese))
            .Select(e => $"{e.Type.Name}: '{e.Japanese}'")
            .ShouldBeEmpty("each event of a module's Events needs its Japanese label: LedgerEventType.Of<TEvent>(\"…\")");
        LedgerModules.Events.GroupBy(e => e.Japanese).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Type.Name))}")
            .ShouldBeEmpty("two events may not read the same in the timeline");
    }

    [Fact]
    public void stored_event_names_are_unique()
    {
        LedgerModules.Events.GroupBy(e => e.StoredName).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Type.Name))}")
            .ShouldBeEmpty("each event is stored under its own name (mt_events.type)");
    }

    [Fact]
    public void every_command_is_in_exactly_one_modules_commands()
    {
        var commands = Concrete<LedgerCommand>();
        commands.ShouldContain(typeof(AddUser));
        NotInExactlyOne(commands, m => m.Commands).ShouldBeEmpty("every LedgerCommand must be listed in the Commands of exactly one module");
        LedgerModules.All.SelectMany(m => m.Commands).Where(t => !commands.Contains(t)).Select(t => t.FullName)
            .ShouldBeEmpty("a module lists a type that is not a concrete LedgerCommand");
    }

    /// <summary>Every rule declared as a static field of any type of the domain (the use cases' own, the modules' shared checks, <see cref="Rules"/>).</summary>
    private static List<(string Field, LedgerRule Rule)> DeclaredRules() =>
        [.. Domain.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(LedgerRule))
            .Select(f => ($"{f.DeclaringType!.FullName}.{f.Name}", (LedgerRule)f.GetValue(null)!))];

    [Fact]
    public void every_rule_declared_in_the_domain_is_in_the_rule_catalog_exactly_once()
    {
        var declared = DeclaredRules();
        declared.Count.ShouldBeGreaterThan(20);
        declared.Select(d => (d.Field, Count: Rules.All.Count(r => ReferenceEquals(r, d.Rule)))).Where(d => d.Count != 1)
            .Select(d => $"{d.Field} ({declared.First(x => x.Field == d.Field).Rule.Code}) is in Rules.All {d.Count} times")
            .ShouldBeEmpty("every static LedgerRule must be in its module's Rules list (and so in Rules.All) exactly once");
        Rules.All.Where(r => !declared.Any(d => ReferenceEquals(d.Rule, r))).Select(r => r.Code)
            .ShouldBeEmpty("Rules.All holds a rule declared in no static field");
    }

    [Fact]
    public void rule_codes_are_unique_across_every_module()
    {
        // Two fields holding the same rule are one rule; two rules with one code are not.
        DeclaredRules().GroupBy(d => d.Rule.Code).Where(g => g.Select(d => d.Rule).Distinct(ReferenceEqualityComparer.Instance).Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.Field))}")
            .ShouldBeEmpty("each rule has its own code");
    }
}
