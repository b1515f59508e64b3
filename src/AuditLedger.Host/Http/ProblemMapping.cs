using AuditLedger.Deadlines;
using AuditLedger.Deadlines.Profiles;
namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// Turns the ledger's refusals into problem details: 400 invalid input, 404 unknown stream,
/// 409 version conflict, 422 refused by a legal rule (with its stable code and article, Japanese first).
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger, Configuration.LedgerJurisdictions jurisdictions) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(Unwrap(exception), RequestType(http), jurisdictions, Tenancy.TenantMiddleware.Of(http));
        if (problem is null) return false;
        logger.LogInformation("Command refused with {Status} {Code}: {Title}", problem.Status, problem.Extensions.TryGetValue("code", out var code) ? code : null, problem.Title);
        http.Response.StatusCode = problem.Status!.Value;
        if (Web.LedgerWeb.IsPage(http))
        {
            // A page: the error page (re-executed by the status code pages) shows the refusal in Japanese, not a JSON problem.
            http.Items[Access.LedgerSecurity.RefusalItem] = new Web.PageRefusal(
                problem.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? "" : "", problem.Title ?? "", problem.Detail ?? "");
            return true;
        }
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception })) return true;
        // A client that accepts no JSON (Accept: text/html on an API or report address) still gets the refusal with its own
        // status, as application/problem+json (RFC 9457), rather than the exception handler's 500 for an unwritten 404.
        await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
        return true;
    }

    /// <summary>Marten wraps what its serializer throws; the key store's failure is found wherever it sits.</summary>
    private static Erasure.KeyStoreUnavailable? KeyStoreFailure(Exception? e) => e switch
    {
        null => null,
        Erasure.KeyStoreUnavailable k => k,
        AggregateException a => a.InnerExceptions.Select(KeyStoreFailure).FirstOrDefault(k => k is not null),
        _ => KeyStoreFailure(e.InnerException),
    };

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>The command type the endpoint binds its body to, so that an unreadable value can say what it should have been.</summary>
    private static Type? RequestType(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Wolverine.Http.HttpChain>()?.RequestType;

    /// <summary>Input that could not be read: one shape for HTTP, the import and the command line (see <see cref="UnreadableInput"/>).</summary>
    public static ProblemDetails Unreadable(UnreadableInput input) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Type = $"urn:auditledger:{input.Code}",
        Title = $"{input.Japanese} / {input.English}",
        Detail = $"{input.ToDoJa} / {input.ToDoEn}",
        Extensions =
        {
            ["code"] = input.Code,
            ["field"] = input.Field,
            ["messageJa"] = input.Japanese,
            ["messageEn"] = input.English,
            ["toDoJa"] = input.ToDoJa,
            ["toDoEn"] = input.ToDoEn,
            ["errors"] = new[] { new FieldError(input.Field, input.Japanese, input.English) },
            ["appended"] = 0,
        },
    };

    /// <summary>
    /// The law in force for a refusal: the jurisdiction the check named (a request case's own), else the request's tenant's.
    /// Until every request carries its tenant, a refusal without one is cited by the default jurisdiction (ForTenant(null)).
    /// </summary>
    public static JurisdictionProfile? ProfileInForce(LedgerRuleViolation v, Configuration.LedgerJurisdictions? jurisdictions, string? tenantId = null) =>
        jurisdictions is null ? null
        : v.JurisdictionId is { } id && jurisdictions.Catalog.All.Any(p => p.Id == id) ? jurisdictions.Catalog.Get(id)
        : jurisdictions.ForTenant(tenantId);

    /// <summary>A refusal by a legal rule, cited as the law in force states the rule (<see cref="LawInForce.RuleInForce"/>).</summary>
    public static ProblemDetails RuleProblem(LedgerRuleViolation v, JurisdictionProfile? profile)
    {
        var r = profile is null
            ? new RuleAsCited(v.Rule.Code, "", true, v.Rule.Article.Japanese, v.Rule.Article.English, v.Rule.Japanese, v.Rule.English, null, null, Fallback: true)
            : LawInForce.RuleInForce(v.Rule, profile);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = $"urn:auditledger:rule:{r.Code}",
            Title = r.Japanese,
            Detail = r.English + (v.Detail is null ? "" : " " + v.Detail),
            Extensions =
            {
                ["code"] = r.Code,
                ["article"] = r.ArticleJa,
                ["articleEnglish"] = r.ArticleEn,
                ["messageJa"] = r.Japanese,
                ["messageEn"] = r.English,
                ["jurisdiction"] = r.Jurisdiction,
                ["citationFallback"] = r.Fallback,
                ["appended"] = 0,
            },
        };
        if (r.ToDoJa is not null) problem.Extensions["toDoJa"] = r.ToDoJa;
        if (r.ToDoEn is not null) problem.Extensions["toDoEn"] = r.ToDoEn;
        return problem;
    }

    /// <param name="tenantId">The tenant the refused command acted for (its law cites the refusal); null: the current one.</param>
    public static ProblemDetails? ToProblem(Exception exception, Type? requestType = null, Configuration.LedgerJurisdictions? jurisdictions = null,
        string? tenantId = null) => exception switch
    {
        UnreadableInput input => Unreadable(input),
        System.Text.Json.JsonException json => Unreadable(UnreadableInput.From(json, requestType)),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => Unreadable(UnreadableInput.From(json, requestType)),
        LedgerRuleViolation v => RuleProblem(v, ProfileInForce(v, jurisdictions, tenantId ?? Tenancy.LedgerTenant.Current)),
        Access.PrincipalRefused refused => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = $"urn:auditledger:{refused.Code}",
            Title = refused.Japanese,
            Detail = refused.Message,
            Extensions = { ["code"] = refused.Code, ["appended"] = 0 },
        },
        PrincipalMissing missing => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = "urn:auditledger:access.no-principal",
            Title = "操作する利用者が特定できないため、記録していません。トークン（AUDITLEDGER_TOKEN）又は --as で利用者を指定してください。",
            Detail = missing.Message,
            Extensions = { ["code"] = "access.no-principal", ["appended"] = 0 },
        },
        InvalidCommand invalid => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = "urn:auditledger:invalid-input",
            Title = "入力内容に不備があります。 / The command is incomplete or malformed.",
            Detail = string.Join(" ", invalid.Errors.Select(e => $"{e.Field}: {e.English}")),
            Extensions = { ["code"] = "input.invalid", ["errors"] = invalid.Errors, ["appended"] = 0 },
        },
        Reports.NotPublished missing => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = "urn:auditledger:not-published",
            Title = $"{missing.Japanese} / {missing.Message}",
            Detail = missing.Message,
            Extensions = { ["code"] = missing.Code, ["japanese"] = missing.Japanese, ["english"] = missing.Message },
        },
        Reports.InvalidQuery query => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = "urn:auditledger:invalid-query",
            Title = "照会の指定に誤りがあります。 / The query could not be answered as asked.",
            Detail = query.Message,
            Extensions = { ["code"] = "query.invalid", ["errors"] = new[] { query.Error } },
        },
        StreamNotFound missing => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = "urn:auditledger:not-found",
            Title = "指定されたIDの記録は台帳にありません。 / No such stream in the ledger.",
            Detail = missing.Message,
            Extensions = { ["code"] = "stream.not-found", ["appended"] = 0 },
        },
        Replay.NotRecordedYet notYet => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = "urn:auditledger:not-yet-recorded",
            Title = "指定された日時には、台帳はまだこの記録を保持していませんでした。 / The ledger had not recorded this stream yet at that instant.",
            Detail = notYet.Message,
            Extensions = { ["code"] = "stream.not-yet-recorded" },
        },
        StreamVersionConflict or ConcurrencyException or EventStreamUnexpectedMaxEventIdException
            or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = "urn:auditledger:version-conflict",
            Title = "他の操作により記録が更新されています。最新の内容を確認してから再度操作してください。 / The stream changed since you read it.",
            Detail = exception is ExistingStreamIdCollisionException
                ? "A stream with this id already exists; choose another id or leave it empty to have one generated."
                : exception.Message,
            Extensions = { ["code"] = "stream.version-conflict", ["appended"] = 0 },
        },
        Ledger.IdempotencyKeyReused reused => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = "urn:auditledger:idempotency-key-reused",
            Title = "この冪等キーは別の操作に使用済みです。新しい操作には新しいキーを指定してください。 / This idempotency key was already used for a different command.",
            Detail = reused.Message,
            Extensions = { ["code"] = "idempotency.key-reused", ["appended"] = 0 },
        },
        // An unknown jurisdiction or a date the calendar does not cover: the input names something the law data lacks.
        DeadlineException deadline => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = $"urn:auditledger:deadline:{deadline.Code}",
            Title = deadline.MessageJa,
            Detail = deadline.MessageEn,
            Extensions = { ["code"] = $"deadline.{deadline.Code}", ["appended"] = 0 },
        },
        Access.ReadNotRecorded unrecorded => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = "urn:auditledger:access.read-not-recorded",
            Title = "閲覧の記録ができなかったため、個人情報は表示していません。時間をおいて再度お試しください。",
            Detail = unrecorded.Message,
            Extensions = { ["code"] = "access.read-not-recorded", ["appended"] = 0 },
        },
        AuditLedger.Trust.TrustInputException input => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = "urn:auditledger:trust:invalid-input",
            Title = "検証に用いる入力が正しくありません。 / The checkpoint, proof or key given cannot be used.",
            Detail = input.Message,
            Extensions = { ["code"] = "trust.invalid-input" },
        },
        Trust.UnknownEvent unknown => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = "urn:auditledger:trust:unknown-event",
            Title = "指定された番号のイベントは台帳にありません。 / No such event in the ledger.",
            Detail = unknown.Message,
            Extensions = { ["code"] = "trust.unknown-event" },
        },
        Trust.NotYetSealed notSealed => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = "urn:auditledger:trust:not-sealed",
            Title = "まだ封印（チェックポイント）に含まれていません。 / Not sealed into a checkpoint yet.",
            Detail = notSealed.Message,
            Extensions = { ["code"] = "trust.not-sealed" },
        },
        Trust.LedgerDoesNotVerify broken => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = "urn:auditledger:trust:does-not-verify",
            Title = "台帳の記録が検証できません。 / The stored history does not match its records.",
            Detail = broken.Message,
            Extensions = { ["code"] = "trust.does-not-verify" },
        },
        // The group this command was committed with failed at its commit: nothing of it was appended; the same key may be sent again.
        Ledger.GroupCommitFailed group => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = "urn:auditledger:ledger.group-commit-failed",
            Title = "記録を確定できなかったため、記録していません。同じ冪等キーで再度お送りください。 / The commit failed; nothing was appended. Send the command again with the same idempotency key.",
            Detail = group.Message,
            Extensions = { ["code"] = "ledger.group-commit-failed", ["appended"] = 0 },
        },
        // The key store could not be reached: personal data can be neither sealed nor opened, so nothing was written (fail closed).
        _ when KeyStoreFailure(exception) is { } keys => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = "urn:auditledger:personal-data.key-store-unavailable",
            Title = "個人情報の暗号鍵を利用できないため、記録していません。時間をおいて再度お試しください。",
            Detail = keys.Message,
            Extensions = { ["code"] = "personal-data.key-store-unavailable", ["appended"] = 0 },
        },
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = "urn:auditledger:invalid-input",
            Title = "リクエストの形式が正しくありません。 / The request could not be read.",
            Detail = bad.Message,
            Extensions = { ["code"] = "input.unreadable", ["appended"] = 0 },
        },
        _ => null,
    };
}
