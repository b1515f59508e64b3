namespace AuditLedger.Host.Cli;

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;

/// <summary>
/// Turns command-line input into a command object: a JSON body (<c>--json</c>, inline or <c>@file</c>)
/// overlaid with one option per scalar property (<c>--record-id</c>, <c>--staff-id</c>, ...).
/// Complex properties (lists, nested items) are given in the JSON body.
/// </summary>
public static class CommandInput
{
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(Guid) || t == typeof(bool) || t == typeof(long) || t == typeof(int)
            || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t.IsEnum;
    }

    public static IEnumerable<PropertyInfo> ScalarProperties(Type commandType) =>
        commandType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && IsScalar(p.PropertyType));

    public static string OptionName(PropertyInfo property) =>
        "--" + string.Concat(property.Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Describe(PropertyInfo property)
    {
        var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return t.IsEnum ? $"one of: {string.Join(", ", Enum.GetNames(t))}" : t.Name;
    }

    /// <summary>Builds the command from a JSON body and scalar option values (which win over the body).</summary>
    public static LedgerCommand Build(Type commandType, string? json, IReadOnlyDictionary<PropertyInfo, string> options)
    {
        var body = string.IsNullOrWhiteSpace(json) ? new JsonObject() : ParseBody(json);
        foreach (var (property, raw) in options)
            body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = ToJson(property, raw);
        try
        {
            return (LedgerCommand)body.Deserialize(commandType, LedgerJson.Options)!;
        }
        catch (JsonException e)
        {
            throw UnreadableInput.From(e, commandType, "--json");
        }
    }

    /// <summary>
    /// Reads a JSON object as the ledger reads every body: a member named twice is refused, a value that is not an object
    /// is unreadable input (<see cref="UnreadableInput"/>), never a parser's message.
    /// </summary>
    public static JsonObject ParseObject(string text, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: LedgerJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw UnreadableInput.From(e, source: source);
        }
        return node as JsonObject ?? throw new UnreadableInput(UnreadableInput.Unreadable, "$",
            source == "line" ? "この行はJSONのオブジェクト {...} ではありません。" : "--json の内容はJSONのオブジェクト {...} ではありません。",
            source == "line" ? "The line is not a JSON object {...}." : "--json is not a JSON object {...}.",
            "コマンドの項目を持つオブジェクト {...} を1つ書いてください。", "Write one object {...} with the command's fields.");
    }

    private static JsonObject ParseBody(string json)
    {
        var text = json.StartsWith('@') ? ReadBodyFile(json[1..]) : json;
        return ParseObject(text, "--json");
    }

    /// <summary>The file of <c>--json @path</c>, the whole path as one value (spaces included; the parser reads no response files).</summary>
    private static string ReadBodyFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineInputException($"--json @{path}: the file cannot be read ({e.Message}). Give the path of a file holding one JSON object, quoted if it has spaces: --json @\"my file.json\".");
        }
    }

    private static JsonNode? ToJson(PropertyInfo property, string raw)
    {
        var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        try
        {
            if (t == typeof(bool)) return JsonValue.Create(bool.Parse(raw));
            if (t == typeof(long) || t == typeof(int)) return JsonValue.Create(long.Parse(raw, System.Globalization.CultureInfo.InvariantCulture));
            return JsonValue.Create(raw);
        }
        catch (FormatException)
        {
            throw new UnreadableInput(UnreadableInput.Unreadable, OptionName(property),
                $"{OptionName(property)} の値「{raw}」を読み取れません（{Describe(property)}）。",
                $"{OptionName(property)} expects {Describe(property)}, not '{raw}'.",
                $"{OptionName(property)} に正しい値を指定してください。", $"Give {OptionName(property)} as {Describe(property)}.");
        }
    }
}

/// <summary>Input the command line could not understand (exit status 2).</summary>
public sealed class CommandLineInputException(string message) : Exception(message);
