namespace AuditLedger.Host.Http;

using System.Globalization;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Reports;
using Wolverine.Http;

/// <summary>
/// Refuses a request whose route or query value cannot be read as the endpoint's parameter type (an id that is not a
/// GUID, a year or sequence that is not a number) with a 400 problem naming the field, in Japanese and English
/// (<c>code</c> <c>query.invalid</c>, <c>errors[0].field</c> the parameter), before the endpoint runs. Without it an
/// id such as <c>/api/records/not-a-guid</c> is answered by an empty 404, as if the id were well formed and unknown.
/// The parameter types come from the endpoint's method (Wolverine puts its <see cref="HttpChain"/>, with the method, in
/// the endpoint's metadata); a value that is absent is left to the endpoint.
/// </summary>
public static class MalformedValues
{
    public static void UseMalformedValueRefusal(this WebApplication app) => app.Use(Refuse);

    private static Task Refuse(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.Method.Method is { } method)
            foreach (var parameter in method.GetParameters())
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                if (parameter.Name is not { } name || !Readers.TryGetValue(type, out var reader)) continue;
                var text = http.Request.RouteValues.TryGetValue(name, out var routed) ? routed?.ToString()
                    : http.Request.Query.TryGetValue(name, out var queried) ? queried.ToString()
                    : null;
                if (text is null || reader.Reads(text)) continue;
                throw new InvalidQuery(new FieldError(name,
                    $"{name} の値「{Shown(text)}」は{reader.Japanese}として読み取れません。{reader.ExampleJa}",
                    $"{name} '{Shown(text)}' is not {reader.English}. {reader.ExampleEn}"));
            }
        return next(http);
    }

    private sealed record Reader(Func<string, bool> Reads, string Japanese, string English, string ExampleJa, string ExampleEn);

    private static readonly Dictionary<Type, Reader> Readers = new()
    {
        [typeof(Guid)] = new(s => Guid.TryParse(s, out _), "ID（GUID）", "an id (a GUID)",
            "ハイフン付き36文字のGUID（例: 3f2504e0-4f89-41d3-9a0c-0305e82c3301）で指定してください。",
            "Give the 36-character GUID with hyphens (e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301)."),
        [typeof(int)] = new(s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "整数", "a whole number",
            "半角数字で指定してください（例: 2025）。", "Give it in digits (e.g. 2025)."),
        [typeof(long)] = new(s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "整数", "a whole number",
            "半角数字で指定してください（例: 42）。", "Give it in digits (e.g. 42)."),
        [typeof(bool)] = new(s => bool.TryParse(s, out _), "真偽値", "true or false",
            "true または false で指定してください。", "Give true or false."),
    };

    /// <summary>What the caller sent, cut short and without control characters, to show back.</summary>
    private static string Shown(string text)
    {
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        return clean.Length > 60 ? clean[..60] + "…" : clean;
    }
}
