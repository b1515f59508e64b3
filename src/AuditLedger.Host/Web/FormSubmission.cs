namespace AuditLedger.Host.Web;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;

/// <summary>
/// Why a form's command was refused, in the words the API's problem gives (<see cref="ProblemMapping.ToProblem"/>: one
/// mapping for both): the rule's code, its Japanese and English text, the article it implements, the fields at fault, and
/// whether the record changed since the form was opened (a conflict). Nothing was appended.
/// </summary>
public sealed record FormRefusal(int Status, string Code, string Japanese, string English, string? Article, string? ArticleEnglish,
    IReadOnlyList<FieldError> Errors)
{
    /// <summary>The record was changed by someone else since the form was read (its expected version is stale).</summary>
    public bool IsConflict => Status == StatusCodes.Status409Conflict;

    /// <summary>The refusal the API would answer for this exception, or null when it is not a refusal (a fault: let it propagate).</summary>
    /// <param name="jurisdictions">The profiles, so that a rule's refusal cites the law in force (the case's or the tenant's).</param>
    public static FormRefusal? From(Exception exception, Configuration.LedgerJurisdictions? jurisdictions = null)
    {
        var problem = ProblemMapping.ToProblem(exception is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : exception, null, jurisdictions);
        if (problem?.Status is not { } status || status >= 500) return null;
        string? Text(string key) => problem.Extensions.TryGetValue(key, out var v) ? v?.ToString() : null;
        var errors = problem.Extensions.TryGetValue("errors", out var e) && e is IEnumerable<FieldError> fields ? fields.ToList() : [];
        return new FormRefusal(status, Text("code") ?? "", Text("messageJa") ?? problem.Title ?? "", Text("messageEn") ?? problem.Detail ?? "",
            Text("article"), Text("articleEnglish"), errors);
    }

    /// <summary>The message for one field (its JSON name, e.g. "receivedAt"), when the refusal names it.</summary>
    public FieldError? For(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Sends a page's command through the same pipeline as the API (<see cref="LedgerCommands"/>), as the signed-in user.</summary>
public static class FormSubmission
{
    /// <summary>The append's result, or the refusal to show on the form (nothing appended). Faults propagate.</summary>
    public static async Task<(AppendResult? Result, FormRefusal? Refusal)> Send(this LedgerCommands commands, LedgerCommand command, CancellationToken ct)
    {
        try
        {
            return (await commands.Append(command, ct), null);
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            return (null, refusal);
        }
    }
}
