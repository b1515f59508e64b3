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

/// <summary>
/// What an import did. <paramref name="Appended"/> counts the lines now in the ledger through this file, with
/// <paramref name="AlreadyRecorded"/> of them found already recorded under their idempotency key (a commit whose answer was
/// lost, or an earlier run of the same file) and so not appended again; <paramref name="Retries"/> counts the attempts
/// repeated after the database could not be reached.
/// </summary>
public sealed record ImportSummary(int Lines, int Appended, int EventsAppended, IReadOnlyList<RefusedLine> Refused, int AlreadyRecorded = 0, int Retries = 0)
{
    public IEnumerable<(string Code, int Count)> RefusedByCode =>
        Refused.GroupBy(r => r.Code).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2);
}

/// <summary>A line about to be tried again because the database could not be reached.</summary>
public sealed record ImportRetry(int Line, int Attempt, TimeSpan Delay, string Reason);

/// <summary>
/// Imports a JSON-lines file of commands (how an office moves its paper register in): one command per line,
/// <c>{"command": "acquire-record", ...its fields}</c>, appended in file order through the same handlers as the API.
/// A refused line appends nothing and the import goes on; the summary says what was refused and why.
/// A line on an existing stream without <c>expectedVersion</c> is appended at the stream's current version:
/// the file's order is the authority for a migration.
///
/// Faults: every line carries an idempotency key — its own <c>idempotencyKey</c>, else <c>import-SHA256(file):LINE</c> — so
/// appending it twice is impossible. When the database cannot be reached (stopped, restarting, connection dropped, even
/// after the server committed but before the answer arrived), the importer waits — with a doubling pause from
/// <see cref="FirstPause"/> up to <see cref="LongestPause"/>, until the server accepts connections and answers again, for at
/// most <see cref="RetryBudget"/> in one outage — and tries the same line again: a line whose key was recorded meanwhile returns its
/// original result. Running the same file again after an aborted import resumes it the same way.
///
/// Who: every line is recorded by <paramref name="importer"/> (the authenticated user who runs the import, its
/// <c>recordedBy</c>); a line's own <c>staffId</c>, when it names another colleague, is kept as who acted (<c>actedBy</c>), with the
/// line named as the statement (the paper register it was entered from).
/// </summary>
public sealed class CommandImporter(IMessageBus bus, IDocumentStore store, Actor importer, TimeProvider? time = null)
{
    public TimeSpan FirstPause { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan LongestPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the import waits for the database in one outage (no line appended meanwhile) before it gives up; the error then ends the import, and running the file again resumes it.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Told of each retry (the command line prints it).</summary>
    public Action<ImportRetry>? OnRetry { get; init; }

    private readonly LedgerCommands _commands = new(bus, store, new Security.LedgerPrincipals(store));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<ImportSummary> Import(TextReader input, Action<int>? progress = null, CancellationToken ct = default)
    {
        var text = await input.ReadToEndAsync(ct);
        var fileKey = "import-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        using var lines = new StringReader(text);
        var refused = new List<RefusedLine>();
        int lineNumber = 0, appended = 0, events = 0, alreadyRecorded = 0, retries = 0;
        var waited = TimeSpan.Zero;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//")) continue;
            var name = "?";
            try
            {
                var (descriptor, command) = Parse(line);
                name = descriptor.Name;
                if (command.IdempotencyKey is null) command = command with { IdempotencyKey = $"{fileKey}:{lineNumber}" };
                var importedFrom = $"{fileKey}:{lineNumber}";
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var outcome = await _commands.AppendOnce(command, importer, importedFrom, WithCurrentVersionIfMissing, ct);
                        appended++;
                        events += outcome.Result.Events.Count;
                        if (outcome.AlreadyRecorded) alreadyRecorded++;
                        waited = TimeSpan.Zero;
                        break;
                    }
                    catch (Exception e) when (ConnectionFailure.Is(e) && waited < RetryBudget && !ct.IsCancellationRequested)
                    {
                        var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(attempt - 1, 20)));
                        retries++;
                        waited += pause;
                        OnRetry?.Invoke(new ImportRetry(lineNumber, attempt, pause, ConnectionFailure.Reason(e)));
                        await Task.Delay(pause, _time, ct);
                    }
                }
            }
            catch (Exception e) when (Describe(e) is { } reason)
            {
                refused.Add(new RefusedLine(lineNumber, name, reason.Code, reason.Text));
            }
            progress?.Invoke(lineNumber);
        }
        return new ImportSummary(lineNumber, appended, events, refused, alreadyRecorded, retries);
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

    /// <summary>Called only once the line's key is known to be new, so that a retry never re-reads a version its own first attempt raised.</summary>
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
