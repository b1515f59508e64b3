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
    public static void Before(Envelope envelope)
    {
        if (envelope.Message is LedgerCommand command) command.Validate();
    }
}
