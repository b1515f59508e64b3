using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;

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

    [Fact]
    public void no_rule_is_made_by_a_static_method_or_property_rules_are_declared_as_fields()
    {
        // A rule a method builds on each call (a family of rules made from arguments) is in no module's list, so the catalog
        // (GET /api/rules) would not hold the rule a refused command names: every rule is a static readonly field instead.
        Domain.GetTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(LedgerRule) && !m.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ShouldBeEmpty("declare each rule as a static readonly LedgerRule field listed in its module's Rules, not as a method or property that makes one");
    }

    /// <summary>The instance properties of the domain that hold a rule, with every rule they can hold.</summary>
    private static readonly Dictionary<string, IEnumerable<LedgerRule>> RuleValuedProperties = new()
    {
        [$"{nameof(GroundTableEntry)}.{nameof(GroundTableEntry.Refusal)}"] = UseGrounds.Table.Select(e => e.Refusal),
        [$"{nameof(LedgerRuleViolation)}.{nameof(LedgerRuleViolation.Rule)}"] = [],
        [$"{nameof(AuditLedger.Domain.BusinessOversight.OversightRefusal)}.{nameof(AuditLedger.Domain.BusinessOversight.OversightRefusal.Rule)}"] =
            AuditLedger.Domain.BusinessOversight.OversightOrder.Rules,
    };

    [Fact]
    public void every_rule_a_property_of_the_domain_holds_is_in_the_rule_catalog()
    {
        Domain.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(LedgerRule))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .Where(p => !RuleValuedProperties.ContainsKey(p))
            .ShouldBeEmpty("a new property holding a rule: add it, with the rules it can hold, to RuleValuedProperties");
        RuleValuedProperties.SelectMany(p => p.Value.Where(r => !Rules.All.Any(c => ReferenceEquals(c, r))).Select(r => $"{p.Key}: {r.Code}"))
            .ShouldBeEmpty("every rule a property holds must be a rule of the catalog");
    }

    /// <summary>The folder holding AuditLedger.sln, found by walking up from the test's output folder.</summary>
    private static DirectoryInfo Checkout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AuditLedger.sln"))) return dir;
        throw new InvalidOperationException($"No AuditLedger.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The first argument of the call whose opening parenthesis is at <paramref name="open"/>.</summary>
    private static string FirstArgument(string source, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open + 1; i < source.Length; i++)
        {
            var c = source[i];
            if (inString) { if (c == '"' && source[i - 1] != '\\') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c is '(' or '{' or '[') depth++;
            else if (c is ')' or '}' or ']' && depth > 0) depth--;
            else if (c is ',' or ')' && depth == 0) return source[(open + 1)..i];
        }
        throw new InvalidOperationException("unbalanced call");
    }

    [Fact]
    public void every_rule_violation_the_domain_throws_names_a_rule_of_the_catalog()
    {
        // A static analysis of the domain's sources: each `new LedgerRuleViolation(rule, …)` and `CaseRefusal.Of(rule, …)`
        // names its rule by a declared rule field (or a property whose every rule is in the catalog), maybe chosen by a
        // condition, and changes at most its article (`with { Article = … }`: a request's refusal cites its own kind's
        // article). A rule made on the spot, by a method or `new`, is reported.
        var fields = DeclaredRules()
            .Select(d => (Type: d.Field[..d.Field.LastIndexOf('.')].Split('.', '+')[^1], Name: d.Field[(d.Field.LastIndexOf('.') + 1)..]))
            .ToList();
        var properties = RuleValuedProperties.Keys.Select(k => k.Split('.')[1]).ToHashSet();
        var source = Path.Combine(Checkout().FullName, "src", "AuditLedger.Domain");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        files.Count.ShouldBeGreaterThan(50);

        var found = 0;
        var problems = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match call in Regex.Matches(text, @"new\s+LedgerRuleViolation\s*\(|CaseRefusal\.Of\s*\("))
            {
                found++;
                var argument = FirstArgument(text, call.Index + call.Length - 1);
                var named = Regex.Replace(argument, @"\s+with\s*\{\s*Article\s*=\s*[^{}]*\}", "");
                var where = $"{Path.GetRelativePath(source, file)}:{text[..call.Index].Count(c => c == '\n') + 1}: {argument.Trim()}";
                if (named.Contains('(') || named.Contains('"') || Regex.IsMatch(named, @"\b(new|with)\b"))
                {
                    problems.Add($"{where} (a rule made on the spot)");
                    continue;
                }
                var branches = named.Split('?') is [_, var results] ? results.Split(':') : [named];
                foreach (var branch in branches.Select(b => b.Trim()))
                {
                    var parts = branch.Split('.');
                    var (qualifier, name) = (parts.Length > 1 ? parts[^2] : null, parts[^1]);
                    var known = Regex.IsMatch(branch, @"^[A-Za-z_][\w.]*$")
                        && (fields.Any(f => f.Name == name && (qualifier is null || char.IsLower(qualifier[0]) || f.Type == qualifier))
                            || (qualifier is not null && char.IsLower(qualifier[0]) && properties.Contains(name)));
                    if (!known) problems.Add($"{where} ('{branch}' is no declared rule)");
                }
            }
        }
        found.ShouldBeGreaterThan(40);
        problems.ShouldBeEmpty("a refused command names a rule of the catalog (Rules.All): throw a static LedgerRule field listed in the module's Rules");
    }
}
