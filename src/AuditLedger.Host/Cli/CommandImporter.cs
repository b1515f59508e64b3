namespace AuditLedger.Host.Cli;

using AuditLedger.Host.Tenancy;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using Marten;
using Marten.Services;
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
/// <remarks>
/// Batches: with the host's <paramref name="services"/>, the lines are taken <see cref="BatchSize"/> at a time. The batch's
/// idempotency keys and the versions of its streams are looked up in one statement each; each line is validated and decided
/// by its own handler (<see cref="Ledger.CommandHandlers"/>, the same code as the single-command path) on a session of the batch's
/// one transaction, so it sees every earlier line of the batch; the data keys its events are sealed under are made in that
/// transaction, those of the streams it starts written with its events (<see cref="Erasure.SubjectKeyStore.CreateForNewStreams"/>),
/// the others read or made in one statement (<see cref="Erasure.SubjectKeyStore.GetOrCreateMany"/>); the batch commits once. A line
/// the domain refuses appends nothing and is answered as before. A batch the database refuses (or any failure that is not
/// a line's refusal) is rolled back whole and redone line by line, each line in its own transaction as without batches,
/// so that every line gets its own answer, retries included. Without services (or with a batch size of 1), every line
/// goes that way. The file is read as a stream: twice when it can be (its digest first), never whole in memory.
/// </remarks>
public sealed class CommandImporter(IMessageBus bus, IDocumentStore store, Actor importer, TimeProvider? time = null, IServiceProvider? services = null)
{
    /// <summary>How many lines are decided and written in one transaction (1: each line on its own, as the API appends).</summary>
    public int BatchSize { get; init; } = 500;

    public TimeSpan FirstPause { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan LongestPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the import waits for the database in one outage (no line appended meanwhile) before it gives up; the error then ends the import, and running the file again resumes it.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Told of each retry (the command line prints it).</summary>
    public Action<ImportRetry>? OnRetry { get; init; }

    /// <summary>Told of each line naming its command by a former (deprecated) name: the line, that name and the current one.</summary>
    public Action<int, string, string>? OnFormerName { get; init; }

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Access.LedgerPrincipals _principals = new(store, time ?? TimeProvider.System);
    private LedgerCommands Commands => _commandsOnce ??= new(bus, store, _principals);
    private LedgerCommands? _commandsOnce;

    /// <summary>
    /// Imports a file as its bytes: it must be UTF-8 (RFC 3629; a byte order mark is accepted). A file that is not, e.g. one
    /// Excel saved as Shift_JIS (CP932), is refused whole before anything is appended (<see cref="UnreadableInput"/>, code
    /// <c>input.encoding</c>, naming the first line that is not UTF-8): read as UTF-8 it would be appended as mojibake.
    /// </summary>
    public async Task<ImportSummary> Import(Stream input, Action<int>? progress = null, CancellationToken ct = default)
    {
        if (!input.CanSeek)
        {
            // Read twice below (its digest names the lines before the first is imported): a pipe is kept in memory first.
            var buffer = new MemoryStream();
            await input.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            input = buffer;
        }
        var start = input.Position;
        var (fileKey, bom) = await DigestUtf8(input, ct);
        input.Position = start + bom;
        using var reader = new StreamReader(input, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        return await ImportLines(reader, fileKey, progress, ct);
    }

    /// <summary>
    /// The file's key (<c>import-</c> + SHA-256 of its UTF-8 bytes after a byte order mark) and the length of that mark,
    /// checking the whole file as strict UTF-8 on the way (<see cref="DecodeUtf8"/>'s refusal, naming the same line).
    /// </summary>
    private static async Task<(string FileKey, int Bom)> DigestUtf8(Stream input, CancellationToken ct)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var chars = new char[buffer.Length];
        int carried = 0, bom = 0, lines = 0;
        var first = true;
        while (true)
        {
            var read = await input.ReadAsync(buffer.AsMemory(carried), ct);
            var length = carried + read;
            var final = read == 0;
            var from = 0;
            if (first && (length >= 3 || final))
            {
                first = false;
                if (buffer.AsSpan(0, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) from = bom = 3;
            }
            else if (first)
            {
                carried = length;
                continue;
            }
            var status = System.Text.Unicode.Utf8.ToUtf16(buffer.AsSpan(from, length - from), chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (status == System.Buffers.OperationStatus.InvalidData)
                DecodeUtf8(buffer.AsSpan(from, used + Math.Min(4, length - from - used)), lines);
            sha.AppendData(buffer, from, used);
            lines += buffer.AsSpan(from, used).Count((byte)'\n');
            carried = length - from - used;
            buffer.AsSpan(from + used, carried).CopyTo(buffer);
            if (final) break;
        }
        return ("import-" + Convert.ToHexStringLower(sha.GetHashAndReset()), bom);
    }

    /// <summary>Decodes UTF-8 strictly (BOM skipped), or refuses the whole file with how to save it as UTF-8.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes) =>
        DecodeUtf8(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes, 0);

    /// <param name="linesBefore">Lines of the file before <paramref name="bytes"/> (a part of a file read in pieces).</param>
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int linesBefore)
    {
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return new string(chars, 0, written);
        var line = linesBefore + bytes[..read].Count((byte)'\n') + 1;
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
        return await ImportLines(lines, fileKey, progress, ct);
    }

    /// <summary>A line read and parsed (or refused as unreadable), on its way into a batch.</summary>
    private sealed record ParsedLine(int Number, string Name, LedgerCommand? Command, RefusedLine? Refusal);

    /// <summary>What became of a line: appended (with its outcome), or refused.</summary>
    private sealed record LineAnswer(AppendOutcome? Outcome, RefusedLine? Refusal);

    private async Task<ImportSummary> ImportLines(TextReader lines, string fileKey, Action<int>? progress, CancellationToken ct)
    {
        var tally = new Tally();
        var batch = new List<ParsedLine>();
        var keysInBatch = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (await lines.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//"))
            {
                // A blank line or a comment: counted as read, neither appended nor refused nor reported to progress.
                continue;
            }
            var parsed = ParseLine(line, lineNumber, fileKey);
            // A key met twice in one batch is answered by its first line's commit: the batch ends before the second.
            if (parsed.Command?.IdempotencyKey is { } key && !keysInBatch.Add(key))
            {
                await Run(batch, fileKey, tally, progress, ct);
                batch.Clear();
                keysInBatch.Clear();
                keysInBatch.Add(key);
            }
            batch.Add(parsed);
            if (batch.Count >= Math.Max(1, BatchSize))
            {
                await Run(batch, fileKey, tally, progress, ct);
                batch.Clear();
                keysInBatch.Clear();
            }
        }
        await Run(batch, fileKey, tally, progress, ct);
        return new ImportSummary(lineNumber, tally.Appended, tally.Events, tally.Refused, tally.AlreadyRecorded, tally.Retries);
    }

    private sealed class Tally
    {
        public int Appended, Events, AlreadyRecorded, Retries;
        public readonly List<RefusedLine> Refused = [];
        public TimeSpan Waited;

        public void Add(LineAnswer answer)
        {
            if (answer.Refusal is { } refusal) Refused.Add(refusal);
            if (answer.Outcome is not { } outcome) return;
            Appended++;
            Events += outcome.Result.Events.Count;
            if (outcome.AlreadyRecorded) AlreadyRecorded++;
        }
    }

    private ParsedLine ParseLine(string line, int lineNumber, string fileKey)
    {
        var name = "?";
        try
        {
            var (descriptor, command) = Parse(line, given => name = given);
            if (name != descriptor.Name) OnFormerName?.Invoke(lineNumber, name, descriptor.Name);
            if (command.IdempotencyKey is null) command = command with { IdempotencyKey = $"{fileKey}:{lineNumber}" };
            return new ParsedLine(lineNumber, descriptor.Name, command, null);
        }
        catch (Exception e) when (Describe(e) is { } reason)
        {
            return new ParsedLine(lineNumber, name, null, new RefusedLine(lineNumber, name, reason.Code, reason.Text));
        }
    }

    /// <summary>Runs a batch (in one transaction when it can, else line by line) and reports its lines in file order.</summary>
    private async Task Run(List<ParsedLine> batch, string fileKey, Tally tally, Action<int>? progress, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var commands = batch.Count(l => l.Command is not null);
        var answers = services is not null && BatchSize > 1 && commands > 1 ? await InOneTransaction(batch, fileKey, ct) : null;
        foreach (var line in batch)
        {
            var answer = line.Command is null ? new LineAnswer(null, line.Refusal)
                : answers?.GetValueOrDefault(line.Number) ?? await Alone(line, fileKey, tally, ct);
            tally.Add(answer);
            progress?.Invoke(line.Number);
        }
    }

    /// <summary>One line in its own transaction through <see cref="LedgerCommands.AppendOnce"/>, retried while the database cannot be reached.</summary>
    private async Task<LineAnswer> Alone(ParsedLine line, string fileKey, Tally tally, CancellationToken ct)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var outcome = await Commands.AppendOnce(line.Command!, importer, $"{fileKey}:{line.Number}", WithCurrentVersionIfMissing, ct);
                    tally.Waited = TimeSpan.Zero;
                    return new LineAnswer(outcome, null);
                }
                catch (Exception e) when (ConnectionFailure.Is(e) && tally.Waited < RetryBudget && !ct.IsCancellationRequested)
                {
                    var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(attempt - 1, 20)));
                    tally.Retries++;
                    tally.Waited += pause;
                    OnRetry?.Invoke(new ImportRetry(line.Number, attempt, pause, ConnectionFailure.Reason(e)));
                    await Task.Delay(pause, _time, ct);
                }
            }
        }
        catch (Exception e) when (Describe(e) is { } reason)
        {
            return new LineAnswer(null, new RefusedLine(line.Number, line.Name, reason.Code, reason.Text));
        }
    }

    /// <summary>
    /// The batch's lines in one transaction: the answers by line number, or null when the batch was rolled back (the
    /// database refused a statement or the commit, or something failed that is not a line's refusal): then nothing of it
    /// was written and its lines are redone one by one. Lines whose key is already recorded are left out (answered alone:
    /// they append nothing).
    /// </summary>
    private async Task<Dictionary<int, LineAnswer>?> InOneTransaction(List<ParsedLine> batch, string fileKey, CancellationToken ct)
    {
        var host = services!;
        var keys = host.GetRequiredService<Erasure.SubjectKeyStore>();
        var created = new List<(Guid Subject, Guid Stream)>();
        var answers = new Dictionary<int, LineAnswer>();
        try
        {
            var prepared = new List<(ParsedLine Line, LedgerCommand Command)>();
            foreach (var line in batch.Where(l => l.Command is not null))
                prepared.Add((line, await _principals.Prepare(line.Command!, importer, $"{fileKey}:{line.Number}", ct)));
            // The batch writes the new persons' data keys in its own transaction: only where the key store is, the main
            // database. A tenant placed on another database has its lines appended one by one (each through the pipeline).
            var tenant = Tenancy.LedgerTenant.Require();
            var database = (Weasel.Postgresql.PostgresqlDatabase)await store.Storage.FindOrCreateDatabase(tenant);
            if (database.Identifier != Tenancy.TenantPlacement.MainDatabase) return null;
            await using var connection = await database.DataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var recorded = await RecordedKeys(connection, transaction, tenant, prepared.Select(p => p.Command.IdempotencyKey).OfType<string>().Where(IdempotencyKeys.Usable), ct);
            var versions = await StreamVersions(connection, transaction, tenant, prepared.Select(p => p.Command)
                .Where(c => c is StreamCommand { ExpectedVersion: null } && c.StreamId != Guid.Empty).Select(c => c.StreamId), ct);
            foreach (var (line, prepared0) in prepared)
            {
                var command = prepared0;
                if (command.IdempotencyKey is { } key && recorded.Contains(key)) continue;
                if (command is StreamCommand { ExpectedVersion: null } streamCommand && command.StreamId != Guid.Empty)
                {
                    if (!versions.TryGetValue(command.StreamId, out var version))
                        versions[command.StreamId] = version = (await StreamVersions(connection, transaction, tenant, [command.StreamId], ct)).GetValueOrDefault(command.StreamId, 1);
                    command = streamCommand with { ExpectedVersion = version };
                }
                var sessionOptions = SessionOptions.ForTransaction(transaction);
                sessionOptions.TenantId = tenant;
                await using var session = store.LightweightSession(sessionOptions);
                AppendResult result;
                try
                {
                    result = await CommandHandlers.Decide(command, session, host, ct);
                }
                catch (Exception e) when (!FromDatabase(e) && Describe(e) is { } reason)
                {
                    // Refused by the domain before anything was queued: the line appends nothing, the batch goes on.
                    answers[line.Number] = new LineAnswer(null, new RefusedLine(line.Number, line.Name, reason.Code, reason.Text));
                    continue;
                }
                var touched = session.PendingChanges.Streams().Select(s => s.Id).ToList();
                // The data keys its events are sealed under, before they are serialized: those of streams it starts made
                // here and written with its events; the others read, or made, in one statement.
                var needed = new HashSet<(Guid Subject, Guid Stream)>();
                var started = new HashSet<Guid>();
                foreach (var stream in session.PendingChanges.Streams())
                {
                    if (stream.ActionType == JasperFx.Events.StreamActionType.Start) started.Add(stream.Id);
                    foreach (var e in stream.Events) Erasure.SealedKeys.Collect(e.Data, needed);
                }
                created.AddRange(await keys.GetOrCreateMany(needed.Where(p => !started.Contains(p.Stream)), connection, transaction, ct));
                var (insertKeys, keyParameters, fresh) = keys.CreateForNewStreams(needed.Where(p => started.Contains(p.Stream)));
                created.AddRange(fresh);
                if (fresh.Count > 0) session.QueueSqlCommand(insertKeys, keyParameters);
                await session.SaveChangesAsync(ct);
                foreach (var id in touched) versions.Remove(id);
                versions[result.StreamId] = result.Version;
                answers[line.Number] = new LineAnswer(new AppendOutcome(result, AlreadyRecorded: false), null);
            }
            await transaction.CommitAsync(ct);
            return answers;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The database refused the batch (or could not be reached, or a commit's answer was lost): each line is redone
            // alone, and finds by its key whatever was committed after all.
            return null;
        }
        finally
        {
            // Keys created in a transaction that did not commit do not exist: none may stay in memory to seal with. Those
            // that did are in the table, read again if a later line needs one: dropped too, so that a file of a million
            // persons does not keep a million keys in memory.
            keys.ForgetCreated(created);
        }
    }

    private static bool FromDatabase(Exception e) =>
        e is Npgsql.NpgsqlException || e is Marten.Exceptions.MartenCommandException || (e.InnerException is { } inner && FromDatabase(inner));

    private static async Task<HashSet<string>> RecordedKeys(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, string tenant, IEnumerable<string> keys, CancellationToken ct)
    {
        await using var command = new Npgsql.NpgsqlCommand($"select key from {IdempotencyKeys.QualifiedTable} where tenant_id = $2 and key = any($1)", connection, transaction);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = keys.Distinct().ToArray() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }

    /// <summary>The current versions of streams, read in the batch's transaction (so after its earlier lines); an unknown stream is absent.</summary>
    private static async Task<Dictionary<Guid, long>> StreamVersions(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, string tenant, IEnumerable<Guid> ids, CancellationToken ct)
    {
        await using var command = new Npgsql.NpgsqlCommand($"select id, version from {LedgerConfiguration.SchemaName}.mt_streams where tenant_id = $2 and id = any($1)", connection, transaction);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ids.Distinct().ToArray() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        var found = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found[reader.GetGuid(0)] = reader.GetInt64(1);
        return found;
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
        await using var session = store.TenantQuerySession();
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
