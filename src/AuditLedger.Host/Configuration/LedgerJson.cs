namespace AuditLedger.Host.Configuration;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>The JSON shape of commands and results, shared by HTTP, the command line and the import.</summary>
public static class LedgerJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new StorableTextConverter());
    }

    public static readonly JsonSerializerOptions Options = Create(indented: false);

    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        Configure(options);
        return options;
    }
}

/// <summary>
/// Refuses, as unreadable input, text that PostgreSQL cannot store in jsonb: the NUL character and unpaired UTF-16
/// surrogates (JSON allows both as escapes). Without this they would pass validation and fail only at commit.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                throw new JsonException("The text contains a NUL character (\\u0000), which cannot be stored. Remove it and send the command again.");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c))
                throw new JsonException("The text contains an unpaired UTF-16 surrogate, which is not a character. Check the text's encoding and send it again.");
        }
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
