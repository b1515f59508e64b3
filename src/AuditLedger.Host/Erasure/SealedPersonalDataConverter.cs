namespace AuditLedger.Host.Erasure;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditLedger.Domain.Common;

/// <summary>
/// How <see cref="PersonalData"/> is stored by Marten (events and documents alike): never the value, only
/// <c>{"dataSubjectId": "…", "kind": "Name", "sealed": "v1:BASE64(nonce[12] | ciphertext | tag[16])"}</c>, AES-256-GCM
/// under the person's own data key (<see cref="SubjectKeyStore"/>) with a fresh random nonce per value. The associated
/// data binds the ciphertext to <c>auditledger.personal-data.v1|{dataSubjectId}|{kind}</c>, so a sealed value cannot be
/// moved to another person or passed off as another kind without failing to open.
///
/// Writing fails (and with it the whole append) when the key cannot be had: no plaintext is ever written.
/// Reading a value whose key was destroyed by an erasure gives <see cref="PersonalData.ErasedValue"/>, never an
/// exception, so projections, replays, timelines and verification keep working after an erasure.
/// </summary>
public sealed class SealedPersonalDataConverter(Func<SubjectKeyStore> keys) : JsonConverter<PersonalData>
{
    public const string Version = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public override PersonalData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Stored personal data must be a JSON object.");
        Guid? subject = null;
        PersonalDataKind? kind = null;
        string? sealedValue = null, plainValue = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name?.ToLowerInvariant())
            {
                case "datasubjectid": subject = reader.GetGuid(); break;
                case "kind": kind = Enum.Parse<PersonalDataKind>(reader.GetString()!); break;
                case "sealed": sealedValue = reader.GetString(); break;
                // Only a store written before encryption holds "value"; SchemaMigration refuses to start on one (README).
                case "value": plainValue = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        if (subject is null || kind is null) throw new JsonException("Stored personal data lacks its data subject id or kind.");
        if (sealedValue is null) return plainValue is null ? PersonalData.ErasedValue(subject.Value, kind.Value) : new PersonalData(subject.Value, kind.Value, plainValue);
        return Open(subject.Value, kind.Value, sealedValue);
    }

    public override void Write(Utf8JsonWriter writer, PersonalData value, JsonSerializerOptions options)
    {
        // Sealed first: when the key cannot be had, this throws before anything of the value is written.
        var sealedValue = value.Erased ? null : Seal(keys().GetOrCreate(value.DataSubjectId), value);
        writer.WriteStartObject();
        writer.WriteString("dataSubjectId", value.DataSubjectId);
        writer.WriteString("kind", value.Kind.ToString());
        // A value read as erased (a projection document copying it) stays erased: there is nothing left to seal.
        // Commands cannot carry one (validation refuses it), so this never stands in for data that was sent.
        if (sealedValue is null) writer.WriteBoolean("erased", true);
        else writer.WriteString("sealed", sealedValue);
        writer.WriteEndObject();
    }

    private PersonalData Open(Guid subject, PersonalDataKind kind, string sealedValue)
    {
        var key = keys().Find(subject);
        if (key is null) return PersonalData.ErasedValue(subject, kind);
        if (!sealedValue.StartsWith(Version, StringComparison.Ordinal))
            throw new JsonException($"Stored personal data is sealed in an unknown format (expected '{Version}').");
        var bytes = Convert.FromBase64String(sealedValue[Version.Length..]);
        if (bytes.Length < NonceSize + TagSize) throw new JsonException("Stored personal data is too short to be a sealed value.");
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, plain.Length), bytes.AsSpan(NonceSize + plain.Length), plain, AssociatedData(subject, kind));
        }
        catch (AuthenticationTagMismatchException e)
        {
            // Not an erasure (the key exists): the stored value, its subject or its kind was changed. verify names the event.
            throw new JsonException("A sealed personal data value does not open with its person's key: the stored event was changed.", e);
        }
        return new PersonalData(subject, kind, Encoding.UTF8.GetString(plain));
    }

    private static string Seal(byte[] key, PersonalData value)
    {
        var plain = Encoding.UTF8.GetBytes(value.Value ?? "");
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), AssociatedData(value.DataSubjectId, value.Kind));
        CryptographicOperations.ZeroMemory(plain);
        return Version + Convert.ToBase64String(output);
    }

    private static byte[] AssociatedData(Guid subject, PersonalDataKind kind) =>
        Encoding.UTF8.GetBytes($"auditledger.personal-data.v1|{subject:D}|{kind}");
}
