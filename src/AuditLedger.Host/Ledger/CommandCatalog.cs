namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Common;

/// <summary>
/// A command as the command line, the JSON-lines import, the HTTP API and the idempotency keys name it: one name per concept,
/// the kebab case of the command's type (<c>UseRecordOutsidePurpose</c> → <c>use-record-outside-purpose</c>), and the route
/// that takes it.
/// </summary>
/// <param name="Name">The stable name: what idempotency keys store, what the import's "command" field and the command line use.</param>
/// <param name="Type">The command's type (its use-case file in the domain).</param>
/// <param name="Route">The HTTP method and route template that take it, e.g. <c>POST /api/records/{recordId}/outside-purpose-uses</c>.</param>
/// <param name="Description">Japanese and English, with the article, as the command line's help shows it.</param>
/// <param name="FormerNames">
/// Names it had before (older command-line names and .NET type names): accepted by the command line and the import with a
/// deprecation note, and matched by idempotency keys stored under them, so old keys and scripts keep working.
/// </param>
public sealed record CommandDescriptor(string Name, Type Type, string Route, string Description, params string[] FormerNames)
{
    /// <summary>Whether the name is this command's, current or former.</summary>
    public bool Answers(string name) => Name == name || FormerNames.Contains(name);
}

/// <summary>One module of the ledger in the host: the domain module and its commands as the host takes them.</summary>
public sealed record HostModule(LedgerModule Domain, IReadOnlyList<CommandDescriptor> Commands);

/// <summary>Every command of the ledger, composed from the modules (<see cref="LedgerHostModules.All"/>), by name.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandDescriptor> All { get; } = [.. LedgerHostModules.All.SelectMany(m => m.Commands)];

    private static readonly Dictionary<string, CommandDescriptor> ByName =
        All.SelectMany(c => c.FormerNames.Prepend(c.Name).Select(n => (Name: n, Command: c))).ToDictionary(x => x.Name, x => x.Command);

    private static readonly Dictionary<Type, CommandDescriptor> ByType = All.ToDictionary(c => c.Type);

    /// <summary>The command named so (its current name or a former one); null when none is.</summary>
    public static CommandDescriptor? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The descriptor of a command type; null when it is not in the catalog.</summary>
    public static CommandDescriptor? Of(Type commandType) => ByType.GetValueOrDefault(commandType);

    /// <summary>The stable name (e.g. <c>receive-request</c>) of a command type in the catalog; null when it is not in it.</summary>
    public static string? NameOf(Type commandType) => Of(commandType)?.Name;
}
