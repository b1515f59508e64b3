namespace AuditLedger.Deadlines.Profiles;

using System.Text.Json;
using AuditLedger.Deadlines;

/// <summary>
/// Whether a jurisdiction's law provides oversight of businesses' handling of personal information (調査, 審査会の意見,
/// 是正勧告, 意見の聴取, 公表) and where it says so: the profile's top-level <c>"businessOversight"</c>
/// (<c>{ "provided": true, "citation": { "ja": …, "en": … } }</c>). A profile without it provides none.
/// </summary>
public sealed record BusinessOversightPolicy(bool Provided, Citation? Citation)
{
    public const string Key = "businessOversight";

    public static readonly BusinessOversightPolicy None = new(false, null);

    /// <summary>The section of a profile's root; <see cref="None"/> when absent.</summary>
    /// <exception cref="ProfileValidationException">The section is malformed (names the file and the field).</exception>
    public static BusinessOversightPolicy From(JsonElement root, string file)
    {
        if (!root.TryGetProperty(Key, out var el)) return None;
        if (el.ValueKind != JsonValueKind.Object) throw Fail(file, Key, "オブジェクトが必要です", "must be an object");
        foreach (var p in el.EnumerateObject())
            if (p.Name is not ("provided" or "citation"))
                throw Fail(file, $"{Key}.{p.Name}", "未知の項目です", "unknown field");
        if (!el.TryGetProperty("provided", out var provided) || provided.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw Fail(file, $"{Key}.provided", "true 又は false が必要です", "must be true or false");
        if (!el.TryGetProperty("citation", out var c) || c.ValueKind != JsonValueKind.Object
            || !c.TryGetProperty("ja", out var ja) || ja.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(ja.GetString())
            || !c.TryGetProperty("en", out var en) || en.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(en.GetString()))
            throw Fail(file, $"{Key}.citation", "根拠（ja, en）が必要です", "needs its citation (ja, en)");
        return new(provided.GetBoolean(), new Citation(ja.GetString()!, en.GetString()!));
    }

    private static ProfileValidationException Fail(string file, string field, string ja, string en) => new(file, field, ja, en);
}
