namespace AuditLedger.Host.Ledger;

using System.Reflection;
using AuditLedger.Domain.Common;
using Marten;
using Marten.Services;
using Npgsql;
using Weasel.Postgresql;
using Wolverine.Attributes;

/// <summary>
/// Group commit for many clients: the commands that wait at the same time are decided and appended in one transaction, a
/// savepoint each, so that one commit (one WAL flush, one round trip) serves them all.
/// </summary>
/// <remarks>
/// <para>
/// A command that finds a lane free runs alone through Wolverine, exactly as without grouping (<see cref="Append"/>): one client
/// is never slowed. The commands that arrive while every lane is busy wait; when a lane finishes, it takes up to
/// <see cref="MaxGroupSize"/> of them and runs them as one group (<see cref="Run"/>): one connection, one transaction, and for each
/// command a <c>SAVEPOINT</c>, a Marten session on that transaction (<see cref="SessionOptions.ForTransaction"/>), the
/// validation middleware's check (<see cref="CommandValidation.Check"/>), the command's own Wolverine handler
/// (<see cref="CommandHandlers"/>) and the session's <c>SaveChanges</c>, which queues the command's idempotency key with its
/// events as alone (<see cref="IdempotencyKeys.Record"/>). A refused command rolls back to its savepoint: it appends nothing and
/// is answered with its refusal. A later command of the group sees what the earlier ones appended (same transaction), so two
/// commands on one stream behave as if sent one after the other: the second sees the first's version, or is refused with a
/// version conflict. Callers are answered only after the commit; if the commit fails, every command of the group fails
/// (<see cref="GroupCommitFailed"/>) and nothing of the group is appended: clients retry by their idempotency keys.
/// </para>
/// <para>
/// At most <see cref="MaxGroupSize"/> commands per group: each savepoint that writes is a subtransaction with its own
/// transaction id, and PostgreSQL keeps only 64 of them per backend in shared memory (<c>PGPROC_MAX_CACHED_SUBXIDS</c>); beyond
/// that every snapshot of every session must look up <c>pg_subtrans</c> ("suboverflowed"), which slows the whole server.
/// A handler that appends to several streams (an erasure) stays one subtransaction: it runs inside its one savepoint.
/// </para>
/// </remarks>
public sealed class GroupCommit
{
    /// <summary>The most commands in one transaction: under PostgreSQL's 64 cached subtransactions per backend, with room to spare.</summary>
    public const int MaxGroupSize = 50;

    /// <summary>
    /// How many commands (or groups) run at once before further commands wait and are grouped. A lane runs its group one
    /// command after the other on one connection, so grouping trades parallelism for fewer commits; PostgreSQL already
    /// shares one WAL flush among commits that arrive together. Measured on 2 cores with 8 clients (scripts/bench, the
    /// profile line "commands grouped in 2 lanes"), each command's own work (round trips, projections, serialization), not
    /// its commit, dominates, and 2 or 4 lanes appended 25-45 % fewer events per second than 8 independent transactions.
    /// So grouping starts only beyond 16 commands in flight: there it caps the connections the appends hold (Npgsql's pool
    /// has 100) and the commits the server does, where more transactions at once would only queue for both.
    /// </summary>
    public const int DefaultLanes = 16;

    /// <summary>How often a command of a group that met a deadlock or a serialization failure is tried again, in a later group.</summary>
    private const int TransientAttempts = 3;

    private readonly IDocumentStore _store;
    private readonly IServiceProvider _services;
    private readonly int _lanes;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiting> _waiting = new();
    private int _busy;

    /// <param name="lanes">How many commands or groups run at once, each on its own connection (<see cref="DefaultLanes"/>).</param>
    public GroupCommit(IDocumentStore store, IServiceProvider services, int lanes = DefaultLanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _store = store;
        _services = services;
        _lanes = lanes;
    }

    /// <summary>
    /// Appends one command: at once through <paramref name="alone"/> (Wolverine's pipeline) when a lane is free, otherwise in
    /// the next group. The command has been prepared (<see cref="Access.LedgerPrincipals.Prepare"/>).
    /// </summary>
    /// <returns>The command's result, once the transaction that holds its events has committed.</returns>
    /// <exception cref="GroupCommitFailed">The group's commit failed: nothing of the command was appended; retry by its key.</exception>
    /// <remarks>Any refusal of the command (validation, rule, version conflict) is thrown as the command alone would throw it.</remarks>
    public async Task<AppendResult> Append(LedgerCommand command, Func<LedgerCommand, CancellationToken, Task<AppendResult>> alone, CancellationToken ct)
    {
        Waiting? waiting = null;
        lock (_gate)
        {
            if (_busy < _lanes) _busy++;
            else _waiting.AddLast(waiting = new Waiting(command, ct));
        }
        if (waiting is not null) return await waiting.Answer.Task;
        try
        {
            return await alone(command, ct);
        }
        finally
        {
            // This lane goes on with the commands that queued meanwhile, without keeping this caller waiting for them.
            if (Next() is { } group) _ = Task.Run(() => Lane(group));
        }
    }

    /// <summary>
    /// Appends the commands as one group now (at most <see cref="MaxGroupSize"/>, each prepared), in their order, whatever
    /// the lanes are doing: for callers that hold several commands at once (and for the tests of grouping).
    /// </summary>
    /// <returns>One task per command, completed after the commit: its result, its refusal, or <see cref="GroupCommitFailed"/>.</returns>
    public IReadOnlyList<Task<AppendResult>> AppendTogether(IReadOnlyList<LedgerCommand> commands)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(commands.Count, MaxGroupSize);
        var group = commands.Select(c => new Waiting(c, CancellationToken.None)).ToList();
        _ = Task.Run(async () =>
        {
            var retry = await Run(group);
            while (retry.Count > 0) retry = await Run(retry);
        });
        return [.. group.Select(w => w.Answer.Task)];
    }

    /// <summary>Runs groups in this lane until no command waits; the lane is then free again.</summary>
    private async Task Lane(List<Waiting> group)
    {
        for (List<Waiting>? next = group; next is not null; next = Next())
        {
            var retry = await Run(next);
            if (retry.Count == 0) continue;
            lock (_gate)
                for (var i = retry.Count - 1; i >= 0; i--) _waiting.AddFirst(retry[i]);
        }
    }

    /// <summary>The next group (the oldest waiting commands not given up by their callers), or null and the lane freed.</summary>
    private List<Waiting>? Next()
    {
        lock (_gate)
        {
            var group = new List<Waiting>(Math.Min(_waiting.Count, MaxGroupSize));
            // The oldest waiting command's tenant, and of the others only that tenant's: one group, one tenant's database.
            for (var node = _waiting.First; node is not null && group.Count < MaxGroupSize;)
            {
                var next = node.Next;
                var first = node.Value;
                if (first.Cancelled.IsCancellationRequested) { _waiting.Remove(node); first.Answer.TrySetCanceled(first.Cancelled); }
                else if (group.Count == 0 || first.Tenant == group[0].Tenant) { _waiting.Remove(node); group.Add(first); }
                node = next;
            }
            if (group.Count > 0) return group;
            _busy--;
            return null;
        }
    }

    /// <summary>
    /// One transaction for the group, a savepoint per command; answers every command (never throws).
    /// </summary>
    /// <returns>The commands refused for a deadlock or a serialization failure the group itself may have caused, to be tried
    /// again in a later group (a few times; then they are answered with the failure).</returns>
    private async Task<List<Waiting>> Run(List<Waiting> group)
    {
        var retry = new List<Waiting>();
        var results = new AppendResult?[group.Count];
        var failures = new Exception?[group.Count];
        try
        {
            await using var scope = _services.CreateAsyncScope();
            var tenant = group[0].Tenant;
            var database = (PostgresqlDatabase)await _store.Storage.FindOrCreateDatabase(tenant);
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            // A group of one needs no savepoint: its refusal rolls back the whole transaction, as alone.
            var savepoints = group.Count > 1;
            for (var i = 0; i < group.Count; i++)
            {
                var savepoint = $"command_{i}";
                try
                {
                    if (savepoints) await transaction.SaveAsync(savepoint);
                    results[i] = await Decide(group[i].Command, tenant, transaction, scope.ServiceProvider);
                }
                catch (Exception refused)
                {
                    failures[i] = refused;
                    results[i] = null;
                    if (!savepoints) break;
                    // Back to the state before this command: what it queued or wrote is undone, the others' appends stay.
                    await transaction.RollbackAsync(savepoint);
                }
            }
            if (results.Any(r => r is not null)) await transaction.CommitAsync();
        }
        catch (Exception failed)
        {
            // The transaction could not be begun, kept (a connection lost while rolling back to a savepoint) or committed:
            // nothing of the group is stored. Every command fails, the refused ones included (a refusal may have been decided
            // on another command's append that is now gone); retried by its key, each is decided again.
            var groupFailure = new GroupCommitFailed(group.Count, failed);
            foreach (var waiting in group) waiting.Answer.TrySetException(groupFailure);
            return retry;
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (results[i] is { } result) group[i].Answer.TrySetResult(result);
            else if (Transient(failures[i]!) && group.Count > 1 && ++group[i].Attempts < TransientAttempts) retry.Add(group[i]);
            else group[i].Answer.TrySetException(failures[i]!);
        }
        return retry;
    }

    /// <summary>One command of the group, as Wolverine would run it: validation, its handler on a session of the group's transaction, SaveChanges (no commit).</summary>
    private async Task<AppendResult> Decide(LedgerCommand command, string tenant, NpgsqlTransaction transaction, IServiceProvider services)
    {
        var options = SessionOptions.ForTransaction(transaction, shouldAutoCommit: false);
        options.TenantId = tenant;
        await using var session = _store.LightweightSession(options);
        var result = await CommandHandlers.Decide(command, session, services, CancellationToken.None);
        await session.SaveChangesAsync();
        return result;
    }

    /// <summary>A deadlock (40P01) or a serialization failure (40001): caused by the timing of concurrent transactions, not by the command.</summary>
    private static bool Transient(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }) return true;
        return false;
    }

    private sealed class Waiting(LedgerCommand command, CancellationToken cancelled)
    {
        public LedgerCommand Command { get; } = command;
        public CancellationToken Cancelled { get; } = cancelled;
        /// <summary>The tenant the command acts for: a group holds one tenant's commands only (one database, one transaction).</summary>
        public string Tenant { get; } = Tenancy.LedgerTenant.Require();
        public TaskCompletionSource<AppendResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Attempts { get; set; }
    }
}

/// <summary>
/// The commit of a group of commands failed (the connection was lost, the server refused the commit): nothing of any command
/// of the group was appended — unless the server committed and only its answer was lost, which a retry under the command's
/// idempotency key finds out (<see cref="LedgerCommands"/> looks the key up before giving this failure back).
/// </summary>
public sealed class GroupCommitFailed(int commands, Exception cause)
    : Exception($"The transaction of a group of {commands} command(s) failed at or before its commit ({cause.Message}); this command was not appended. Send it again with the same idempotency key.", cause);
