namespace AuditLedger.Host.Ledger;

using System.Reflection;
using AuditLedger.Domain.Common;
using Marten;
using Wolverine.Attributes;

/// <summary>
/// Each ledger command's own Wolverine handler — the static <c>Handle(command, IDocumentSession, …)</c> of its module's host
/// class (<c>[WolverineHandler]</c>, e.g. <c>Records/RecordsHost.cs</c>) — found once for every command of the catalog
/// (<see cref="CommandCatalog"/>), so that <see cref="GroupCommit"/> and the import's batches (<c>Cli/CommandImporter</c>) run the very handler Wolverine runs, with the group's
/// session, and no second copy of any rule.
/// </summary>
public static class CommandHandlers
{
    private static readonly Dictionary<Type, (MethodInfo Method, Type[] Parameters)> ByCommand =
        Find().ToDictionary(h => h.Key, h => (h.Value, h.Value.GetParameters().Select(p => p.ParameterType).ToArray()));

    /// <summary>The handler method of a catalog command.</summary>
    /// <exception cref="InvalidOperationException">The command is not in the catalog.</exception>
    public static MethodInfo Of(Type commandType) => Handler(commandType).Method;

    private static (MethodInfo Method, Type[] Parameters) Handler(Type commandType) =>
        ByCommand.TryGetValue(commandType, out var handler) ? handler : throw new InvalidOperationException($"{commandType.Name} is not a command of the catalog.");

    /// <summary>
    /// Validates the command as Wolverine's middleware does (<see cref="CommandValidation.Check"/>), then runs its handler on
    /// <paramref name="session"/>, which the caller saves (or not): the same decision and the same refusals as
    /// <c>IMessageBus.InvokeAsync</c>, on a session of the caller's transaction (the group commit's, the import's batch).
    /// </summary>
    /// <exception cref="InvalidOperationException">The command is not in the catalog.</exception>
    public static Task<AppendResult> Decide(LedgerCommand command, IDocumentSession session, IServiceProvider services, CancellationToken ct)
    {
        CommandValidation.Check(command);
        return Invoke(command, session, services, ct);
    }

    /// <summary>
    /// Runs the command's handler: its session parameter gets <paramref name="session"/>, its token <paramref name="ct"/>, every
    /// other parameter (the clock, the jurisdictions, the key store) the service Wolverine would give it.
    /// </summary>
    public static async Task<AppendResult> Invoke(LedgerCommand command, IDocumentSession session, IServiceProvider services, CancellationToken ct)
    {
        var (method, parameters) = Handler(command.GetType());
        var arguments = new object?[parameters.Length];
        arguments[0] = command;
        for (var i = 1; i < parameters.Length; i++)
        {
            var type = parameters[i];
            arguments[i] = type == typeof(IDocumentSession) ? session
                : type == typeof(CancellationToken) ? ct
                // A handler that reads its tenant from the envelope gets the session's (the tenant the caller opened it for).
                : type == typeof(Wolverine.Envelope) ? new Wolverine.Envelope(command) { TenantId = session.TenantId }
                : services.GetRequiredService(type);
        }
        return method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null) switch
        {
            Task<AppendResult> pending => await pending,
            AppendResult result => result,
            var other => throw new InvalidOperationException($"The handler of {command.GetType().Name} returned {other?.GetType().Name ?? "null"}, not an AppendResult."),
        };
    }

    private static Dictionary<Type, MethodInfo> Find()
    {
        var commands = CommandCatalog.All.Select(c => c.Type).ToHashSet();
        var handlers = typeof(CommandHandlers).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(WolverineHandlerAttribute)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name == "Handle" && m.GetParameters() is [var first, ..] && commands.Contains(first.ParameterType))
            .GroupBy(m => m.GetParameters()[0].ParameterType)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single()
                : throw new InvalidOperationException($"{g.Key.Name} has {g.Count()} handlers; Wolverine and the group commit need one."));
        var missing = commands.Where(c => !handlers.ContainsKey(c)).Select(c => c.Name).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"No handler for {string.Join(", ", missing)}.");
        return handlers;
    }
}
