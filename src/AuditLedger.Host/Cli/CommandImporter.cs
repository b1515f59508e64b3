namespace AuditLedger.Host.Cli;

using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using Marten;
using Wolverine;

/// <summary>One refused line of an import.</summary>
public sealed record RefusedLine(int Line, string Command, string Code, string Reason);

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Lines, int Appended, int EventsAppended, IReadOnlyList<RefusedLine> Refused)
{
    public IEnumerable<(string Code, int Count)> RefusedByCode =>
        Refused.GroupBy(r => r.Code).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2);
}

/// <summary>
/// Imports a JSON-lines file of commands (how an office moves its paper register in): one command per line,
/// <c>{"command": "acquire-record", ...its fields}</c>, appended in file order through the same handlers as the API.
/// A refused line appends nothing and the import goes on; the summary says what was refused and why.
/// A line on an existing stream without <c>expectedVersion</c> is appended at the stream's current version:
/// the file's order is the authority for a migration.
/// </summary>
public sealed class CommandImporter(IMessageBus bus, IDocumentStore store)
{
    public async Task<ImportSummary> Import(TextReader input, Action<int>? progress = null, CancellationToken ct = default)
    {
        var refused = new List<RefusedLine>();
        int lineNumber = 0, appended = 0, events = 0;
        while (await input.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//")) continue;
            var name = "?";
            try
            {
                var (descriptor, command) = Parse(line);
                name = descriptor.Name;
                command = await WithCurrentVersionIfMissing(command, ct);
                var result = await bus.InvokeAsync<AppendResult>(command, ct);
                appended++;
                events += result.Events.Count;
            }
            catch (Exception e) when (Describe(e) is { } reason)
            {
                refused.Add(new RefusedLine(lineNumber, name, reason.Code, reason.Text));
            }
            progress?.Invoke(lineNumber);
        }
        return new ImportSummary(lineNumber, appended, events, refused);
    }

    private static (CommandDescriptor, LedgerCommand) Parse(string line)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(line) as JsonObject ?? throw new CommandLineInputException("The line is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CommandLineInputException($"The line is not valid JSON: {e.Message}");
        }
        var name = body["command"]?.GetValue<string>()
            ?? throw new CommandLineInputException("The line has no \"command\" field naming the command.");
        var descriptor = CommandCatalog.Find(name)
            ?? throw new CommandLineInputException($"Unknown command '{name}'. Known: {string.Join(", ", CommandCatalog.All.Select(c => c.Name))}.");
        body.Remove("command");
        try
        {
            return (descriptor, (LedgerCommand)body.Deserialize(descriptor.Type, LedgerJson.Options)!);
        }
        catch (JsonException e)
        {
            throw new CommandLineInputException($"The fields do not fit {name}: {e.Message}");
        }
    }

    private async Task<LedgerCommand> WithCurrentVersionIfMissing(LedgerCommand command, CancellationToken ct)
    {
        if (command is not StreamCommand { ExpectedVersion: null } streamCommand || command.StreamId == Guid.Empty) return command;
        await using var session = store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(command.StreamId, ct);
        // An unknown stream keeps version 1 here, so that the handler reports it as not found.
        return streamCommand with { ExpectedVersion = state?.Version ?? 1 };
    }

    private static (string Code, string Text)? Describe(Exception e)
    {
        if (e is CommandLineInputException) return ("input.unreadable", e.Message);
        var problem = ProblemMapping.ToProblem(e);
        if (problem is null) return null;
        return ((string)problem.Extensions["code"]!, $"{problem.Title} {problem.Detail}");
    }
}
