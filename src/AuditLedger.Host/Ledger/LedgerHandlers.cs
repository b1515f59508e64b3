namespace AuditLedger.Host.Ledger;

using System.Collections.Concurrent;
using System.Reflection;
using AuditLedger.Domain.Common;
using Marten;
using Wolverine;
using Wolverine.Attributes;

/// <summary>
/// Each ledger command's own Wolverine handler (the static <c>Handle</c> of its module's host file, e.g.
/// <c>Records/RecordsHost.cs</c>), callable on a Marten session the caller owns, with the validation middleware's check
/// first (<see cref="CommandValidation.Before"/>) as Wolverine's pipeline runs it: the same decision and the same refusals
/// as <c>IMessageBus.InvokeAsync</c>, without Wolverine's own session and transaction, so that a caller can write many
/// commands in one transaction (the import's batches). The caller saves the session; a refusal throws before anything is queued.
/// </summary>
public static class LedgerHandlers
{
    private delegate Task<AppendResult> Handler(LedgerCommand command, IDocumentSession session, IServiceProvider services, CancellationToken ct);

    private static readonly ConcurrentDictionary<Type, Handler> ByCommand = new();

    /// <summary>Validates the command and runs its handler on <paramref name="session"/> (not saved here).</summary>
    /// <param name="services">Where the handler's other parameters (the clock, the jurisdictions, the key store) come from: the host's services.</param>
    /// <exception cref="InvalidOperationException">The command type has no handler in the host.</exception>
    public static Task<AppendResult> Decide(LedgerCommand command, IDocumentSession session, IServiceProvider services, CancellationToken ct)
    {
        CommandValidation.Before(new Envelope(command));
        return ByCommand.GetOrAdd(command.GetType(), Find)(command, session, services, ct);
    }

    private static Handler Find(Type commandType)
    {
        var method = typeof(LedgerHandlers).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(WolverineHandlerAttribute)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SingleOrDefault(m => m.Name == "Handle" && m.GetParameters() is [var first, ..] && first.ParameterType == commandType)
            ?? throw new InvalidOperationException($"No handler for {commandType.Name} in the host.");
        var parameters = method.GetParameters();
        return async (command, session, services, ct) =>
        {
            var arguments = parameters.Select((p, i) =>
                i == 0 ? command
                : p.ParameterType == typeof(IDocumentSession) ? session
                : p.ParameterType == typeof(CancellationToken) ? ct
                : services.GetRequiredService(p.ParameterType)).ToArray();
            try
            {
                return method.Invoke(null, arguments) switch
                {
                    Task<AppendResult> pending => await pending,
                    AppendResult result => result,
                    var other => throw new InvalidOperationException($"The handler of {commandType.Name} returned {other?.GetType().Name ?? "null"}, not an AppendResult."),
                };
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
                throw;
            }
        };
    }
}
