namespace AuditLedger.Host.Http;

using System.Text.Json;
using AuditLedger.Host.Configuration;

/// <summary>
/// Input that could not be read as a command, over HTTP, in an import line or on the command line: answered in the same
/// problem shape as every other refusal (400, a stable <see cref="Code"/>, the <see cref="Field"/> as a JSON path, Japanese and
/// English text, what to do, <c>appended: 0</c>), never with the parser's own message.
/// Codes:
/// <list type="bullet">
/// <item><c>input.unreadable</c>: not JSON, not an object, or a value of the wrong type (RFC 8259).</item>
/// <item><c>input.date</c>: a date or time that is not one (see <see cref="Deadlines.JapaneseDateInput"/>).</item>
/// <item><c>input.duplicate-member</c>: a member named twice in one object (RFC 8259 §4: names SHOULD be unique; the ledger
/// refuses rather than let the last value silently win).</item>
/// <item><c>input.encoding</c>: an import file that is not UTF-8 (RFC 3629), e.g. saved by Excel as Shift_JIS (CP932).</item>
/// </list>
/// </summary>
public sealed class UnreadableInput(string code, string field, string japanese, string english, string toDoJa, string toDoEn, Exception? inner = null)
    : Exception(english, inner)
{
    public const string Unreadable = "input.unreadable";
    public const string Date = "input.date";
    public const string DuplicateMember = "input.duplicate-member";
    public const string Encoding = "input.encoding";

    public string Code { get; } = code;

    /// <summary>Where in the input: a JSON path (<c>$.occurredAt</c>), a command-line option, or <c>body</c> / <c>file</c>.</summary>
    public string Field { get; } = field;

    public string Japanese { get; } = japanese;

    public string English { get; } = english;

    /// <summary>What to do about it, in Japanese.</summary>
    public string ToDoJa { get; } = toDoJa;

    /// <summary>What to do about it, in English.</summary>
    public string ToDoEn { get; } = toDoEn;

    /// <summary>
    /// What a JSON reader's refusal means for the person who wrote the input. <paramref name="commandType"/> (when known)
    /// names the type the value should have had. <paramref name="source"/> says where the text came from (the request body,
    /// --json, the line).
    /// </summary>
    public static UnreadableInput From(JsonException e, Type? commandType = null, string source = "body")
    {
        var field = e.Path is { Length: > 0 } path ? path : "$";
        if (e is UnreadableDateException date)
            return new UnreadableInput(Date, field, $"{field}: {date.Japanese}", $"{field}: {date.English}",
                $"{field} の日付・日時を {Deadlines.JapaneseDateInput.ExamplesJa} のように書き直して、もう一度送ってください。",
                $"Rewrite the date or time at {field} (e.g. 2026-11-30, 2026-11-30T16:00, 令和8年11月30日, R8.11.30) and send it again.", e);
        if (IsDuplicateMember(e))
            return new UnreadableInput(DuplicateMember, field,
                $"{field} の項目が同じオブジェクトに2回以上書かれています。どちらの値が正しいか台帳には判断できないため受け付けません。",
                $"The member {field} is named more than once in the same object; the ledger cannot tell which value is meant and refuses both.",
                "同じ項目は1回だけ書いて、もう一度送ってください。", "Name each member once and send it again.", e);
        if (e is StorableTextException)
            return new UnreadableInput(Unreadable, field,
                $"{field} に保存できない文字（NUL文字 \\u0000、または対になっていないサロゲート）が含まれています。",
                $"{field}: {e.Message}",
                "その文字を取り除くか、文字コードを確認して、もう一度送ってください。", "Remove the character or check the text's encoding, and send it again.", e);
        if (IsSyntax(e) || field == "$")
            return new UnreadableInput(Unreadable, field,
                $"{Where(source).Ja}をJSONのオブジェクトとして読み取れません（{Position(e)}）。",
                $"The {Where(source).En} is not a JSON object this command can read ({Position(e)}).",
                "JSONの書式（括弧、引用符、カンマ）を確認して、コマンドの項目を持つオブジェクト {...} を送ってください。",
                "Check the JSON syntax (brackets, quotes, commas) and send one object {...} with the command's fields.", e);
        var expected = ExpectedType(commandType, field);
        return new UnreadableInput(Unreadable, field,
            $"{field} の値を読み取れません。{expected.Ja}で指定してください。",
            $"The value at {field} cannot be read: give {expected.En}.",
            $"{field} を{expected.Ja}に直して、もう一度送ってください。", $"Correct {field} to {expected.En} and send it again.", e);
    }

    /// <summary>System.Text.Json's refusal of a member named twice (AllowDuplicateProperties = false): it has no type of its own.</summary>
    public static bool IsDuplicateMember(JsonException e) =>
        e.Message.StartsWith("Duplicate propert", StringComparison.Ordinal);

    /// <summary>Not JSON at all (the reader's own refusal, kept as the inner exception when the serializer rethrows it).</summary>
    private static bool IsSyntax(JsonException e) =>
        e.GetType().Name == "JsonReaderException" || e.InnerException?.GetType().Name == "JsonReaderException";

    private static (string Ja, string En) Where(string source) => source switch
    {
        "line" => ("この行", "line"),
        "--json" => ("--json の内容", "--json input"),
        _ => ("リクエスト本文", "request body"),
    };

    private static string Position(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "position unknown";

    /// <summary>The type of the property a JSON path names, described for a person.</summary>
    private static (string Ja, string En) ExpectedType(Type? commandType, string path)
    {
        var type = commandType;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (type is null) break;
            var name = segment.Split('[')[0];
            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            type = property?.PropertyType;
            if (type is not null && segment.Contains('[') && type.IsGenericType) type = type.GetGenericArguments()[^1];
        }
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            null => ("正しい型", "a value of the right type"),
            _ when t == typeof(string) => ("文字列（\"...\"）", "text (a JSON string)"),
            _ when t == typeof(long) || t == typeof(int) => ("整数（例: 1）", "a whole number (e.g. 1)"),
            _ when t == typeof(bool) => ("true または false", "true or false"),
            _ when t == typeof(Guid) => ("ID（例: 0b5c3c2e-8f3a-4f0e-9a57-3d2b8e1f6c10）", "an id (a UUID such as 0b5c3c2e-8f3a-4f0e-9a57-3d2b8e1f6c10)"),
            _ when t.IsEnum => ($"次のいずれか（{string.Join(", ", Enum.GetNames(t))}）", $"one of: {string.Join(", ", Enum.GetNames(t))}"),
            _ when t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => ("配列（[...]）", "an array [...]"),
            _ => ("オブジェクト（{...}）", "an object {...}"),
        };
    }
}

/// <summary>
/// Reads each command body once before its endpoint does, with the same options, so that a body that cannot be read is
/// refused in the ledger's problem shape (<see cref="UnreadableInput"/>, through <see cref="ProblemMapping"/>) rather
/// than with Wolverine's "Invalid JSON format" and the parser's raw message. The body is buffered and rewound for the endpoint.
/// </summary>
public static class ReadableBodies
{
    public static IApplicationBuilder UseReadableBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.HasJsonContentType()
            && http.GetEndpoint()?.Metadata.GetMetadata<Wolverine.Http.HttpChain>()?.RequestType is { } type
            && typeof(Domain.Common.LedgerCommand).IsAssignableFrom(type))
        {
            http.Request.EnableBuffering();
            var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                await JsonSerializer.DeserializeAsync(http.Request.Body, type, options, http.RequestAborted);
            }
            catch (JsonException e)
            {
                throw UnreadableInput.From(e, type);
            }
            finally
            {
                http.Request.Body.Position = 0;
            }
        }
        await next(http);
    });
}
