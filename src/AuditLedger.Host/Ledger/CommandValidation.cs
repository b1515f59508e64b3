namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Common;
using Wolverine;

/// <summary>
/// Wolverine middleware on the handler of every ledger command (<see cref="Configuration.LedgerConfiguration.ConfigureWolverine"/>):
/// the command's own validation runs before its handler loads anything or decides, so no handler can forget it, stream starts
/// included, and a malformed command never reaches a decision.
/// </summary>
public static class CommandValidation
{
    /// <exception cref="Domain.Law.InvalidCommand">A field is missing or malformed (HTTP 400); nothing is appended.</exception>
    /// <exception cref="InvalidOperationException">A host path sent the command without the correlation id the pipeline gives
    /// (<see cref="Access.LedgerPrincipals.Prepare"/>): a fault of that path, refused rather than recorded under an empty id.</exception>
    public static void Before(Envelope envelope)
    {
        if (envelope.Message is LedgerCommand command) Check(command);
    }

    /// <summary>
    /// The check itself, for the paths that run a handler without Wolverine's pipeline (<see cref="GroupCommit"/>): the same
    /// rule, so that a command grouped with others is refused exactly as it would be alone.
    /// </summary>
    /// <exception cref="Domain.Law.InvalidCommand">A field is missing or malformed; nothing is appended.</exception>
    /// <exception cref="InvalidOperationException">No correlation id (a fault of the path that sent it).</exception>
    public static void Check(LedgerCommand command)
    {
        if (command.CorrelationId is null && command.Recording is { CorrelationId: var drawn } && drawn == Guid.Empty)
            throw new InvalidOperationException($"{command.GetType().Name} reached its handler without a correlation id: send it through LedgerPrincipals.Prepare (LedgerCommands does).");
        command.Validate();
    }
}
