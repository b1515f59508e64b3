namespace AuditLedger.Host.Erasure;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditLedger.Domain.Common;

/// <summary>
/// How <see cref="PersonalText"/> is stored by Marten: <c>{"dataSubjectIds": [...], "streamId": "…", "sealed": "t2:…"}</c>,
/// AES-256-GCM under a text key derived (HKDF-SHA256, RFC 5869) from the data keys of every listed person for that stream,
/// in id order (<see cref="SubjectKeyStore"/>); with no person listed, from the stream's own key (subject id empty). The
/// associated data binds it to <c>auditledger.personal-text.v2|{streamId}|{ids}</c>. Destroying any one of those keys
/// (erasing one of the persons, or disposing the stream) makes the text unreadable for good: it then reads as
/// <see cref="PersonalText.ErasedValue"/>, never an exception. Writing fails when a key cannot be had: no plaintext is written.
/// </summary>
public sealed class SealedPersonalTextConverter(Func<SubjectKeyStore> keys) : JsonConverter<PersonalText>
{
    public const string Version = "t2:";

    public override PersonalText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Stored personal text must be a JSON object.");
        List<Guid> subjects = [];
        Guid? stream = null;
        string? sealedValue = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name?.ToLowerInvariant())
            {
                case "datasubjectids":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) subjects.Add(reader.GetGuid());
                    break;
                case "streamid": stream = reader.GetGuid(); break;
                case "sealed": sealedValue = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        if (stream is null) throw new JsonException("Stored personal text lacks its stream id.");
        var key = sealedValue is null ? null : TextKey(subjects, stream.Value, create: false);
        if (key is null) return PersonalText.ErasedValue(subjects, stream.Value);
        try
        {
            return new PersonalText(subjects, stream.Value, Sealing.Open(Version, key, sealedValue!, AssociatedData(subjects, stream.Value)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public override void Write(Utf8JsonWriter writer, PersonalText value, JsonSerializerOptions options)
    {
        string? sealedValue = null;
        if (!value.Erased)
        {
            var key = TextKey(value.DataSubjectIds, value.StreamId, create: true)!;
            sealedValue = Sealing.Seal(Version, key, value.Value ?? "", AssociatedData(value.DataSubjectIds, value.StreamId));
            CryptographicOperations.ZeroMemory(key);
        }
        writer.WriteStartObject();
        writer.WriteStartArray("dataSubjectIds");
        foreach (var subject in value.DataSubjectIds) writer.WriteStringValue(subject);
        writer.WriteEndArray();
        writer.WriteString("streamId", value.StreamId);
        if (sealedValue is null) writer.WriteBoolean("erased", true);
        else writer.WriteString("sealed", sealedValue);
        writer.WriteEndObject();
    }

    /// <summary>The text key, or null when a key it needs was destroyed (only when reading).</summary>
    private byte[]? TextKey(IReadOnlyList<Guid> subjects, Guid stream, bool create)
    {
        var store = keys();
        var holders = subjects.Count == 0 ? [Guid.Empty] : subjects.Order().ToList();
        var material = new byte[holders.Count * 32];
        for (var i = 0; i < holders.Count; i++)
        {
            var key = create ? store.GetOrCreate(holders[i], stream) : store.Find(holders[i], stream);
            if (key is null)
            {
                CryptographicOperations.ZeroMemory(material);
                return null;
            }
            key.CopyTo(material, i * 32);
        }
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: AssociatedData(subjects, stream));
        CryptographicOperations.ZeroMemory(material);
        return derived;
    }

    private static byte[] AssociatedData(IReadOnlyList<Guid> subjects, Guid stream) =>
        Encoding.UTF8.GetBytes($"auditledger.personal-text.v2|{stream:D}|{string.Join(',', subjects.Order().Select(s => s.ToString("D")))}");
}
