namespace AuditLedger.Host.Configuration;

using System.Text.Json;
using System.Text.Json.Serialization;
using AuditLedger.Deadlines;

/// <summary>
/// The JSON shape of commands and results, shared by HTTP, the command line and the import: one reading of input for all
/// three. A member named twice is refused (RFC 8259 §4 leaves duplicate names to the reader; "the last one wins" would let a
/// forged first value pass review), text is normalised to NFC, and dates and times are read by <see cref="JapaneseDateInput"/>.
/// </summary>
public static class LedgerJson
{
    /// <summary>How <c>JsonNode.Parse</c> reads a body before it is bound (import lines, <c>--json</c>): duplicate members refused too.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new StorableTextConverter());
        options.Converters.Add(new JapanInstantConverter());
        options.Converters.Add(new JapanDateConverter());
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
/// Every text read is then normalised to Unicode NFC (UAX #15), once, here: the same name, purpose or recipient typed on a
/// Mac (NFD, e.g. か + ゛) and on Windows (NFC, が) is then the same text wherever the ledger compares it. Compatibility
/// forms (half-width ｶﾞ, full-width Ａ) are kept as typed: NFKC would change what a person wrote.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null) return null;
        if (text.Contains('\0'))
            throw new StorableTextException("The text contains a NUL character (\\u0000), which cannot be stored. Remove it and send the command again.");
        if (StorableText.HasUnpairedSurrogate(text))
            throw new StorableTextException("The text contains an unpaired UTF-16 surrogate, which is not a character. Check the text's encoding and send it again.");
        return System.Text.Ascii.IsValid(text) || text.IsNormalized(System.Text.NormalizationForm.FormC)
            ? text
            : text.Normalize(System.Text.NormalizationForm.FormC);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>What makes text unstorable and unreadable as characters, for the JSON reader and for a page's form fields alike.</summary>
public static class StorableText
{
    /// <summary>Whether the text holds a UTF-16 surrogate without its pair (not a character; Unicode normalisation throws on it).</summary>
    public static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }
}

/// <summary>Text that PostgreSQL cannot store (NUL, an unpaired surrogate): problem code <c>input.unreadable</c>.</summary>
public sealed class StorableTextException(string message) : JsonException(message);

/// <summary>A date or time in a body that <see cref="JapaneseDateInput"/> could not read (problem code <c>input.date</c>).</summary>
public sealed class UnreadableDateException(DateInputException inner) : JsonException(inner.English, inner)
{
    public string Japanese => inner.Japanese;

    public string English => inner.English;
}

/// <summary>
/// An instant as a clerk writes it (see <see cref="JapaneseDateInput"/>): with an offset it is that instant, without one it is
/// Japan time, a date alone is the start of that day in Japan. Written as ISO 8601 with its offset, as before.
/// </summary>
public sealed class JapanInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, JapaneseDateInput.ParseInstant);

    internal static T Read<T>(ref Utf8JsonReader reader, Func<string, T> parse)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new UnreadableDateException(new DateInputException(
                $"日付・日時は文字列で指定してください（例: {JapaneseDateInput.ExamplesJa}）。",
                "A date or time is given as a string (e.g. \"2026-11-30\", \"2026-11-30T16:00\", \"令和8年11月30日\")."));
        try
        {
            return parse(reader.GetString()!);
        }
        catch (DateInputException e)
        {
            throw new UnreadableDateException(e);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A calendar date (a Japan calendar date) as a clerk writes it (see <see cref="JapaneseDateInput"/>); written as yyyy-MM-dd.</summary>
public sealed class JapanDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JapanInstantConverter.Read(ref reader, JapaneseDateInput.ParseDate);

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
