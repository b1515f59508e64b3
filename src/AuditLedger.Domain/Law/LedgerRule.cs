namespace AuditLedger.Domain.Law;

/// <summary>
/// A rule the ledger enforces when a command is appended, with the article it implements.
/// The code is stable (clients may switch on it); the texts are for people, Japanese first.
/// </summary>
public sealed record LedgerRule(string Code, ArticleRef Article, string Japanese, string English);

/// <summary>A command refused by a legal rule (HTTP 422). Nothing was appended.</summary>
public sealed class LedgerRuleViolation(LedgerRule rule, string? detail = null)
    : Exception($"{rule.Code} ({rule.Article.English}): {rule.English}{(detail is null ? "" : " " + detail)}")
{
    public LedgerRule Rule { get; } = rule;
    public string? Detail { get; } = detail;

    /// <summary>The jurisdiction whose law refused it, where the check knew (a request case's own); else the request's tenant's.</summary>
    public string? JurisdictionId { get; init; }

    /// <summary>The same refusal, naming the jurisdiction whose law refused it.</summary>
    public LedgerRuleViolation In(string jurisdictionId) => JurisdictionId is null ? new(Rule, Detail) { JurisdictionId = jurisdictionId } : this;
}

/// <summary>A field-level problem with a command's input (HTTP 400). Nothing was appended.</summary>
public sealed record FieldError(string Field, string Japanese, string English);

/// <summary>A command whose input is malformed or incomplete (HTTP 400). Nothing was appended.</summary>
public sealed class InvalidCommand(IReadOnlyList<FieldError> errors)
    : Exception("The command is incomplete or malformed: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.English}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>A command addressed to a stream that does not exist (HTTP 404). Nothing was appended.</summary>
public sealed class StreamNotFound(string streamKind, Guid id)
    : Exception($"No {streamKind} with id {id} exists in the ledger. Check the id, or record its first event first.")
{
    public string StreamKind { get; } = streamKind;
    public Guid Id { get; } = id;
}

/// <summary>A command decided on a version of a stream that is no longer current (HTTP 409). Nothing was appended.</summary>
public sealed class StreamVersionConflict(string streamKind, Guid id, long actual, long? expected)
    : Exception($"The {streamKind} {id} is at version {actual}, not {expected} as the command expected. " +
                "Someone else recorded an action on it meanwhile: read it again and decide on what it is now.")
{
    public Guid Id { get; } = id;
}
