namespace AuditLedger.Host.Access;

using AuditLedger.Domain.Access;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

/// <summary>
/// The access module (利用者と閲覧, 第9条、第10条) in the host: the user directory, for administrators alone (Art. 9 安全管理措置:
/// who may act on the ledger, with their name and title). Each change is an event on the user's stream (who added or disabled
/// whom, when), decided by the domain and appended in the handler's transaction, recorded as the administrator.
/// </summary>
[Wolverine.Attributes.WolverineHandler]
public static class AccessHost
{
    /// <summary>
    /// No command of the directory is in the command catalog: administrators keep it through <c>users add|disable</c> and
    /// /api/users, never through the generic command line or the import, so its commands list is empty.
    /// </summary>
    public static readonly HostModule Module = new(AccessModule.Module, []);

    // ---- add a user (第9条) ----

    public static async Task<AppendResult> Handle(AddUser command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var existing = await session.LoadAsync<DirectoryUser>(command.StreamId, ct);
        return LedgerAppender.Start<DirectoryUser>(session, command, command.StreamId, command.Decide(existing, time.GetUtcNow()));
    }

    [WolverinePost("/api/users"), Tags("Users"), AdministratorsOnly]
    public static async Task<Created<AppendResult>> PostAddUser(AddUser command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(command.UserId.Trim())}", result);
    }

    // ---- disable a user (第9条) ----

    public static async Task<AppendResult> Handle(DisableUser command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<DirectoryUser>(command.StreamId, ct);
        var events = command.Decide(stream.Aggregate, time.GetUtcNow());
        stream.AppendMany(events.Cast<object>().ToArray());
        return LedgerAppender.Started(session, command, command.StreamId, (stream.CurrentVersion ?? 0) + events.Count, events);
    }

    [WolverinePost("/api/users/{userId}/disable"), Tags("Users"), AdministratorsOnly]
    public static Task<AppendResult> PostDisableUser(string userId, DisableUser command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { UserId = userId });

    // ---- queries: the directory as administrators read it ----

    [WolverineGet("/api/users"), Tags("Users"), AdministratorsOnly]
    public static async Task<IReadOnlyList<DirectoryUser>> GetUsers(IQuerySession session, CancellationToken ct) =>
        await session.Query<DirectoryUser>().OrderBy(u => u.UserId).ToListAsync(ct);

    [WolverineGet("/api/users/{userId}"), Tags("Users"), AdministratorsOnly]
    public static async Task<DirectoryUser> GetUser(string userId, IQuerySession session, CancellationToken ct) =>
        UserDirectory.Known(await session.LoadAsync<DirectoryUser>(UserDirectory.StreamIdOf(userId), ct),
            userId.Length > 64 ? userId[..64] + "…" : userId);

    // ---- queries: the log of reads of personal data (Art. 9, 10), as the auditors' page /audit/reads shows it ----

    /// <summary>
    /// Reads of personal data, newest first, at most <see cref="PersonalDataReads.Limit"/>: reader (職員番号), Japan days from/to
    /// (inclusive; ISO or 和暦), the stream read. Subject ids, never names. A date that does not read is a 400 problem (query.invalid).
    /// </summary>
    [WolverineGet("/api/reads"), Tags("Users")]
    public static Task<IReadOnlyList<PersonalDataRead>> GetReads(string? reader, string? from, string? to, Guid? stream, IQuerySession session, CancellationToken ct) =>
        PersonalDataReads.Find(session, new PersonalDataReadFilter(reader, Day(from, "from"), Day(to, "to"), stream), ct);

    private static DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return AuditLedger.Deadlines.JapaneseDateInput.ParseDate(text);
        }
        catch (AuditLedger.Deadlines.DateInputException e)
        {
            throw new Reports.InvalidQuery(new AuditLedger.Domain.Law.FieldError(field, e.Japanese, e.English));
        }
    }
}
