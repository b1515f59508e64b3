namespace AuditLedger.Host.Ledger;

using AuditLedger.Host.Tenancy;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Configuration;
using Marten;
using Wolverine;

/// <summary>What a key was first appended with: the command's kind and fingerprint, and the result the caller was (or should have been) given.</summary>
public sealed record IdempotencyRecord(string Key, string Command, string Fingerprint, Guid StreamId, long Version, IReadOnlyList<string> Events)
{
    public AppendResult Result => new(StreamId, Version, Events);
}

/// <summary>A key already used for a different command: refused, so that a client's mistake never silently returns someone else's result.</summary>
public sealed class IdempotencyKeyReused(string key, string firstCommand, string thisCommand)
    : InvalidOperationException(firstCommand == thisCommand
        ? $"The idempotency key '{key}' was already used for a different {thisCommand} command (other fields). Use a new key for a new command; resend the same command to learn its result."
        : $"The idempotency key '{key}' was already used for a {firstCommand} command, not {thisCommand}. Use a new key for a new command.")
{
    public string Key { get; } = key;
}

/// <summary>
/// The idempotency store: the table <c>idempotency_keys</c> (created by the owner's migration in <see cref="AppendOnlyStore"/>;
/// the application role may only SELECT and INSERT it, and triggers refuse UPDATE, DELETE and TRUNCATE). A command that carries
/// a key has its row inserted in the same transaction as its events (<see cref="Record"/>, queued on the handler's Marten
/// session), so the key is stored exactly when the events are: a second append under the key fails at commit on the primary
/// key and rolls back whole.
/// </summary>
public static class IdempotencyKeys
{
    public const string Table = "idempotency_keys";

    public static string QualifiedTable => $"{LedgerConfiguration.SchemaName}.{Table}";

    /// <summary>Whether the key is one the store can hold (longer or blank keys are refused by the command's validation).</summary>
    public static bool Usable(string? key) => !string.IsNullOrWhiteSpace(key) && key.Length <= LedgerCommand.IdempotencyKeyMaxLength;

    /// <summary>The version prefix of fingerprints that leave personal data out (v2); older rows hold a bare SHA-256 of everything.</summary>
    public const string FingerprintVersion = "v2:";

    /// <summary>The command's stable name in the catalog (what the command line and the import call it), not its .NET type name.</summary>
    public static string CommandName(LedgerCommand command) =>
        CommandCatalog.NameOf(command.GetType())
        ?? throw new InvalidOperationException($"The command {command.GetType().Name} is not in the catalog.");

    /// <summary>
    /// <c>v2:</c> + SHA-256 (hex) of the command's catalog name and its JSON without its key, its expected version and its
    /// personal content: every <see cref="PersonalData"/> value and every <see cref="PersonalTextAttribute"/> text is blanked.
    /// Nothing a person could be recognised by is digested, so nothing can be recovered from the row by guessing, before
    /// or after an erasure; the personal content is compared with the command's sealed events instead
    /// (<see cref="Replay"/>), which die with their keys. The version is left out on purpose: it is the precondition the
    /// command was decided on, not the change it asks for, and the import fills a missing one with the stream's version
    /// at the time of each attempt; a retry must match its first attempt.
    /// </summary>
    public static string Fingerprint(LedgerCommand command) => Fingerprint(command, CommandName(command));

    /// <summary>The v2 fingerprint under a given name of the command: a key stored before a rename digests its former name.</summary>
    internal static string Fingerprint(LedgerCommand command, string name)
    {
        var body = Body(command);
        Personal(command, body, blank: true);
        return FingerprintVersion + Digest(name, body);
    }

    /// <summary>The command's personal content (trimmed, non-empty, in order): what its events hold sealed.</summary>
    public static IReadOnlyList<string> PersonalContent(LedgerCommand command) => Personal(command, Body(command), blank: false);

    /// <summary>The fingerprint rows written before v2 hold (SHA-256 of the .NET type name and the whole JSON): compared as they were.</summary>
    private static string LegacyFingerprint(LedgerCommand command, string typeName) => Digest(typeName, Body(command));

    private static JsonObject Body(LedgerCommand command)
    {
        var body = (JsonObject)JsonSerializer.SerializeToNode(command, command.GetType(), LedgerJson.Options)!;
        foreach (var name in body.Select(p => p.Key).Where(k =>
                     k.Equals(nameof(LedgerCommand.IdempotencyKey), StringComparison.OrdinalIgnoreCase)
                     || k.Equals(nameof(StreamCommand.ExpectedVersion), StringComparison.OrdinalIgnoreCase)).ToList())
            body.Remove(name);
        return body;
    }

    private static string Digest(string name, JsonObject body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + body.ToJsonString(LedgerJson.Options))));

    /// <summary>Collects (and, when asked, blanks in <paramref name="body"/>) the personal data values and the personal texts.</summary>
    private static List<string> Personal(LedgerCommand command, JsonObject body, bool blank)
    {
        var found = new List<string>();
        foreach (var property in command.GetType().GetProperties().Where(p => p.IsDefined(typeof(PersonalTextAttribute), inherit: true)))
        {
            var name = LedgerJson.Options.PropertyNamingPolicy!.ConvertName(property.Name);
            if (body[name] is JsonValue text && text.TryGetValue<string>(out var value))
            {
                Add(found, value);
                if (blank) body[name] = "";
            }
        }
        Walk(body, found, blank);
        return found;
    }

    /// <summary>Every value of a personal data or personal text object in the JSON tree (<c>value</c> beside <c>dataSubjectId(s)</c>).</summary>
    private static void Walk(JsonNode? node, List<string> found, bool blank, List<bool>? erased = null)
    {
        switch (node)
        {
            case JsonObject o:
                if ((o.ContainsKey("dataSubjectId") || o.ContainsKey("dataSubjectIds")) && o["value"] is JsonValue v && v.TryGetValue<string>(out var value))
                {
                    Add(found, value);
                    if (o["erased"] is JsonValue e && e.TryGetValue<bool>(out var isErased) && isErased) erased?.Add(true);
                    if (blank) o["value"] = "";
                }
                foreach (var (_, child) in o.ToList()) Walk(child, found, blank, erased);
                break;
            case JsonArray a:
                foreach (var child in a) Walk(child, found, blank, erased);
                break;
        }
    }

    private static void Add(List<string> found, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) found.Add(value.Trim());
    }

    /// <summary>Queues the key's row on the session that appends the command's events: both commit, or neither.</summary>
    public static void Record(IDocumentSession session, LedgerCommand command, AppendResult result, DateTimeOffset recordedAt)
    {
        if (command.IdempotencyKey is not { } key) return;
        session.QueueSqlCommand(
            $"insert into {QualifiedTable} (tenant_id, key, command, fingerprint, stream_id, version, events, recorded_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)",
            session.TenantId, key, CommandName(command), Fingerprint(command), result.StreamId, result.Version,
            JsonSerializer.Serialize(result.Events), recordedAt.ToUniversalTime());
    }

    public static async Task<IdempotencyRecord?> Find(IDocumentStore store, string key, CancellationToken ct)
    {
        await using var session = store.TenantQuerySession();
        var rows = await session.AdvancedSql.QueryAsync<string>(
            $"select json_build_object('key', key, 'command', command, 'fingerprint', fingerprint, 'streamId', stream_id, 'version', version, 'events', events)::text from {QualifiedTable} where tenant_id = ? and key = ?",
            ct, session.TenantId, key);
        return rows.Count == 0 ? null : JsonSerializer.Deserialize<IdempotencyRecord>(rows[0], LedgerJson.Options);
    }

    /// <summary>
    /// The original result when the command is the one first appended under its key; <see cref="IdempotencyKeyReused"/> when it
    /// is another. Compared: the catalog name and the v2 fingerprint (everything but the personal content), then the personal
    /// content against what the key's events hold, opened with their keys. After an erasure or disposal those read as erased
    /// (［消去済み］) and cannot be compared: a command that matches in everything else then gets the original result (the erased
    /// stream's id and version; nothing of the person is given back or appended), and one that differs in anything else is
    /// still refused. Rows from before v2 are compared with the digest they hold (type name and all fields).
    /// </summary>
    public static async Task<AppendResult> Replay(IDocumentStore store, IdempotencyRecord record, LedgerCommand command, CancellationToken ct)
    {
        var name = CommandName(command);
        // The key may have been stored under a former name of the same command (its .NET type name before v2, an older
        // catalog name before a rename): it is compared under the name it was stored with.
        var sameCommand = CommandCatalog.Of(command.GetType())!.Answers(record.Command) || record.Command == command.GetType().Name;
        if (!sameCommand) throw new IdempotencyKeyReused(record.Key, record.Command, name);
        if (!record.Fingerprint.StartsWith(FingerprintVersion, StringComparison.Ordinal))
            return record.Fingerprint == LegacyFingerprint(command, record.Command) ? record.Result : throw new IdempotencyKeyReused(record.Key, record.Command, name);
        if (record.Fingerprint != Fingerprint(command, record.Command)) throw new IdempotencyKeyReused(record.Key, record.Command, name);
        var sent = PersonalContent(command);
        var (stored, erased) = await StoredPersonalContent(store, record, ct);
        if (erased) return record.Result;
        return sent.Order(StringComparer.Ordinal).SequenceEqual(stored.Order(StringComparer.Ordinal))
            ? record.Result
            : throw new IdempotencyKeyReused(record.Key, record.Command, name);
    }

    /// <summary>The personal content of the events the key appended (opened through the store), and whether any of it was erased.</summary>
    private static async Task<(List<string> Values, bool Erased)> StoredPersonalContent(IDocumentStore store, IdempotencyRecord record, CancellationToken ct)
    {
        await using var session = store.TenantQuerySession();
        var events = await session.Events.FetchStreamAsync(record.StreamId, record.Version, token: ct);
        var found = new List<string>();
        var erased = new List<bool>();
        foreach (var e in events.Where(e => e.Version > record.Version - record.Events.Count))
            Walk(JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), LedgerJson.Options), found, blank: false, erased);
        return (found, erased.Count > 0);
    }
}

/// <summary>The result of a command sent through <see cref="LedgerCommands"/>, and whether it had been appended before under its key.</summary>
public sealed record AppendOutcome(AppendResult Result, bool AlreadyRecorded);

/// <summary>
/// The one way commands enter the ledger (HTTP, command line, import): through the Wolverine handlers, made safe to retry by
/// the command's idempotency key. Before appending, a key already recorded returns its original result and appends nothing.
/// When the append fails in any way — a lost connection after the server committed, a concurrent writer with the same key that
/// won the race (and so a unique-key or version conflict here) — the key is looked up again: if it was recorded meanwhile, the
/// original result is returned; otherwise the failure stands.
/// </summary>
/// <remarks>
/// Who records it is never read from the command's input: <see cref="Append(LedgerCommand, CancellationToken)"/> takes the
/// caller of the HTTP request (resolved from the user directory by the security pipeline), the other overloads the principal
/// the command line or the import established; the command gets its <see cref="Recording"/> here, before its handler runs.
/// <para>
/// With a <see cref="GroupCommit"/> (the host registers one), a command that arrives while others are being appended waits for
/// the next group and is appended with them in one transaction, each on its own savepoint; alone, it goes straight to its
/// handler as before. A group whose commit fails fails each of its commands (<see cref="GroupCommitFailed"/>), which is answered
/// here like any other failure: the key is looked up, and the caller retries by it.
/// </para>
/// </remarks>
public sealed class LedgerCommands(IMessageBus bus, IDocumentStore store, Access.LedgerPrincipals principals, IHttpContextAccessor? http = null,
    GroupCommit? group = null)
{
    /// <summary>A command of the current HTTP request, recorded as its authenticated caller.</summary>
    /// <exception cref="PrincipalMissing">Outside a request with an authenticated caller.</exception>
    public async Task<AppendResult> Append(LedgerCommand command, CancellationToken ct = default) =>
        (await AppendOnce(command, HttpCaller(command), null, null, ct)).Result;

    /// <summary>A command recorded as the given principal (the command line's, the demo's).</summary>
    public async Task<AppendResult> Append(LedgerCommand command, Actor principal, CancellationToken ct = default) =>
        (await AppendOnce(command, principal, null, null, ct)).Result;

    /// <summary>The command through Wolverine's pipeline (validation middleware, handler, Marten transaction), on its own.</summary>
    /// <remarks>Under the current tenant (<see cref="Tenancy.LedgerTenant"/>): Wolverine opens the handler's session for it.</remarks>
    private Task<AppendResult> Alone(LedgerCommand command, CancellationToken ct) =>
        bus.InvokeForTenantAsync<AppendResult>(Tenancy.LedgerTenant.Require(), command, ct);

    private Actor HttpCaller(LedgerCommand command) =>
        http?.HttpContext?.Items[Access.LedgerPrincipals.HttpItem] as Actor ?? throw new PrincipalMissing(command.GetType().Name);

    /// <param name="principal">Who records the command (the authenticated user).</param>
    /// <param name="importedFrom">The import line the command came from ("import-SHA256(file):LINE"), which may name another colleague as the actor.</param>
    /// <param name="prepare">Completes the command after the key was found new (the import fills a missing expected version here).</param>
    public async Task<AppendOutcome> AppendOnce(LedgerCommand command, Actor principal, string? importedFrom,
        Func<LedgerCommand, CancellationToken, Task<LedgerCommand>>? prepare, CancellationToken ct)
    {
        command = await principals.Prepare(command, principal, importedFrom, ct);
        var key = IdempotencyKeys.Usable(command.IdempotencyKey) ? command.IdempotencyKey : null;
        if (key is not null && await IdempotencyKeys.Find(store, key, ct) is { } earlier)
            return new AppendOutcome(await IdempotencyKeys.Replay(store, earlier, command, ct), AlreadyRecorded: true);
        if (prepare is not null) command = await prepare(command, ct);
        try
        {
            var result = group is null
                ? await Alone(command, ct)
                : await group.Append(command, Alone, ct);
            return new AppendOutcome(result, AlreadyRecorded: false);
        }
        catch (Exception failure) when (key is not null)
        {
            var thrown = ExceptionDispatchInfo.Capture(failure);
            IdempotencyRecord? recorded = null;
            // A connection that died with the commit's answer may leave other dead connections in the pool: a look-up that
            // meets one is asked again on a fresh connection (each failed connection is discarded), a few times.
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    recorded = await IdempotencyKeys.Find(store, key, ct);
                    break;
                }
                catch (Exception lookup) when (!ct.IsCancellationRequested && attempt < 3 && ConnectionFailure.Is(lookup))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // The server cannot be asked now (it is down, say): the original failure is the answer; a retry will ask again.
                    break;
                }
            }
            if (recorded is null) thrown.Throw();
            return new AppendOutcome(await IdempotencyKeys.Replay(store, recorded!, command, ct), AlreadyRecorded: true);
        }
    }
}
