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

    /// <summary>Told of each line naming its command by a former (deprecated) name: the line, that name and the current one.</summary>
    public Action<int, string, string>? OnFormerName { get; init; }

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private LedgerCommands Commands => _commandsOnce ??= new(bus, store, new Access.LedgerPrincipals(store, _time));
    private LedgerCommands? _commandsOnce;

    /// <summary>
    /// Imports a file as its bytes: it must be UTF-8 (RFC 3629; a byte order mark is accepted). A file that is not, e.g. one
    /// Excel saved as Shift_JIS (CP932), is refused whole before anything is appended (<see cref="UnreadableInput"/>, code
    /// <c>input.encoding</c>, naming the first line that is not UTF-8): read as UTF-8 it would be appended as mojibake.
    /// </summary>
    public async Task<ImportSummary> Import(Stream input, Action<int>? progress = null, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        return await Import(new StringReader(DecodeUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))), progress, ct);
    }

    /// <summary>Decodes UTF-8 strictly (BOM skipped), or refuses the whole file with how to save it as UTF-8.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return new string(chars, 0, written);
        var line = bytes[..read].Count((byte)'\n') + 1;
        throw new UnreadableInput(UnreadableInput.Encoding, $"line {line}",
            $"取込ファイルがUTF-8ではありません（{line}行目に UTF-8 でないバイトがあります。Excel の「CSV（コンマ区切り）」や Shift_JIS で保存されたファイルと思われます）。1行も取り込んでいません。",
            $"The import file is not UTF-8 (line {line} has bytes that are not UTF-8; it looks saved as Shift_JIS/CP932, e.g. by Excel). Nothing was imported.",
            "ファイルを UTF-8 で保存し直してから取り込んでください。Excel: 名前を付けて保存 → ファイルの種類「CSV UTF-8（コンマ区切り）」／テキストエディタ: 文字コード「UTF-8」で保存。",
            "Save the file as UTF-8 and import it again: in Excel, Save As → file type \"CSV UTF-8 (Comma delimited)\"; in a text editor, save with encoding UTF-8.");
    }

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
                var (descriptor, command) = Parse(line, given => name = given);
                if (name != descriptor.Name) OnFormerName?.Invoke(lineNumber, name, descriptor.Name);
                name = descriptor.Name;
                if (command.IdempotencyKey is null) command = command with { IdempotencyKey = $"{fileKey}:{lineNumber}" };
                var importedFrom = $"{fileKey}:{lineNumber}";
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var outcome = await Commands.AppendOnce(command, importer, importedFrom, WithCurrentVersionIfMissing, ct);
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

    /// <param name="named">Told the command's name as the line gives it, before it is looked up (a refusal names it).</param>
    private static (CommandDescriptor, LedgerCommand) Parse(string line, Action<string> named)
    {
        var body = CommandInput.ParseObject(line, "line");
        var name = body["command"] is JsonValue value && value.TryGetValue<string>(out var given) ? given
            : throw new UnreadableInput(UnreadableInput.Unreadable, "$.command",
                "この行にはコマンド名（\"command\": \"acquire-record\" など）がありません。",
                "The line has no \"command\" member naming the command (e.g. \"command\": \"acquire-record\").",
                "行の先頭に \"command\" を書いてください。", "Add a \"command\" member to the line.");
        named(name);
        var descriptor = CommandCatalog.Find(name)
            ?? throw new UnreadableInput(UnreadableInput.Unreadable, "$.command",
                $"コマンド「{name}」はありません。", $"Unknown command '{name}'.",
                $"次のいずれかを指定してください: {string.Join(", ", CommandCatalog.All.Select(c => c.Name))}",
                $"Use one of: {string.Join(", ", CommandCatalog.All.Select(c => c.Name))}.");
        body.Remove("command");
        try
        {
            return (descriptor, (LedgerCommand)body.Deserialize(descriptor.Type, LedgerJson.Options)!);
        }
        catch (JsonException e)
        {
            throw UnreadableInput.From(e, descriptor.Type, "line");
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
        if (e is CommandLineInputException) return (UnreadableInput.Unreadable, e.Message);
        var problem = ProblemMapping.ToProblem(e);
        if (problem is null) return null;
        return ((string)problem.Extensions["code"]!, $"{problem.Title} {problem.Detail}");
    }
}
