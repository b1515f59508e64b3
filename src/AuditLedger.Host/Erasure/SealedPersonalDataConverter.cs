namespace AuditLedger.Host.Erasure;

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditLedger.Domain.Common;

/// <summary>
/// How <see cref="PersonalData"/> is stored by Marten (events and documents alike): never the value, only
/// <c>{"dataSubjectId": "…", "streamId": "…", "kind": "Name", "sealed": "v2:BASE64(nonce[12] | ciphertext | tag[16])"}</c>,
/// AES-256-GCM under the person's data key for that stream (<see cref="SubjectKeyStore"/>) with a fresh random nonce per
/// value. The associated data binds the ciphertext to <c>auditledger.personal-data.v2|{dataSubjectId}|{streamId}|{kind}</c>,
/// so a sealed value cannot be moved to another person or stream or passed off as another kind without failing to open.
///
/// Values stored before keys were per stream (<c>v1:</c>, no stream id) open with the person's one key, as before; a value
/// without a stream (none is written by the domain) is still sealed that way.
///
/// Writing fails (and with it the whole append) when the key cannot be had: no plaintext is ever written.
/// Reading a value whose key was destroyed by an erasure or disposal gives <see cref="PersonalData.ErasedValue"/>, never an
/// exception, so projections, replays, timelines and verification keep working after an erasure.
/// </summary>
public sealed class SealedPersonalDataConverter(Func<SubjectKeyStore> keys) : JsonConverter<PersonalData>
{
    public const string Version = "v2:";
    public const string PersonWideVersion = "v1:";

    public override PersonalData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Stored personal data must be a JSON object.");
        Guid? subject = null, stream = null;
        PersonalDataKind? kind = null;
        string? sealedValue = null, plainValue = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name?.ToLowerInvariant())
            {
                case "datasubjectid": subject = reader.GetGuid(); break;
                case "streamid": stream = reader.TokenType == JsonTokenType.Null ? null : reader.GetGuid(); break;
                case "kind": kind = Enum.Parse<PersonalDataKind>(reader.GetString()!); break;
                case "sealed": sealedValue = reader.GetString(); break;
                // Only a store written before encryption holds "value"; SchemaMigration refuses to start on one (README).
                case "value": plainValue = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        if (subject is null || kind is null) throw new JsonException("Stored personal data lacks its data subject id or kind.");
        if (sealedValue is null) return plainValue is null ? PersonalData.ErasedValue(subject.Value, kind.Value, stream) : new PersonalData(subject.Value, kind.Value, plainValue);
        var key = keys().Find(subject.Value, stream ?? SubjectKeyStore.PersonWide);
        if (key is null) return PersonalData.ErasedValue(subject.Value, kind.Value, stream);
        var version = stream is null ? PersonWideVersion : Version;
        return new PersonalData(subject.Value, kind.Value, Sealing.Open(version, key, sealedValue, AssociatedData(subject.Value, stream, kind.Value))) { StreamId = stream };
    }

    public override void Write(Utf8JsonWriter writer, PersonalData value, JsonSerializerOptions options)
    {
        // Sealed first: when the key cannot be had, this throws before anything of the value is written.
        var sealedValue = value.Erased ? null : Sealing.Seal(value.StreamId is null ? PersonWideVersion : Version,
            keys().GetOrCreate(value.DataSubjectId, value.StreamId ?? SubjectKeyStore.PersonWide), value.Value ?? "",
            AssociatedData(value.DataSubjectId, value.StreamId, value.Kind));
        writer.WriteStartObject();
        writer.WriteString("dataSubjectId", value.DataSubjectId);
        if (value.StreamId is { } stream) writer.WriteString("streamId", stream);
        writer.WriteString("kind", value.Kind.ToString());
        // A value read as erased (a projection document copying it) stays erased: there is nothing left to seal.
        // Commands cannot carry one (validation refuses it), so this never stands in for data that was sent.
        if (sealedValue is null) writer.WriteBoolean("erased", true);
        else writer.WriteString("sealed", sealedValue);
        writer.WriteEndObject();
    }

    private static byte[] AssociatedData(Guid subject, Guid? stream, PersonalDataKind kind) => Encoding.UTF8.GetBytes(stream is { } s
        ? $"auditledger.personal-data.v2|{subject:D}|{s:D}|{kind}"
        : $"auditledger.personal-data.v1|{subject:D}|{kind}");
}
