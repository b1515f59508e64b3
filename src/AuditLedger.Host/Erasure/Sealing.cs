namespace AuditLedger.Host.Erasure;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

/// <summary>
/// AES-256-GCM as the sealed values use it: <c>VERSION + BASE64(nonce[12] | ciphertext | tag[16])</c>, a fresh random
/// nonce per value, and associated data binding the ciphertext to whose and what it is (so it cannot be moved).
/// </summary>
internal static class Sealing
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Seal(string version, ReadOnlySpan<byte> key, string text, byte[] associatedData)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), associatedData);
        CryptographicOperations.ZeroMemory(plain);
        return version + Convert.ToBase64String(output);
    }

    /// <summary>The text; throws <see cref="JsonException"/> when the value was changed (it does not open with an existing key).</summary>
    public static string Open(string version, ReadOnlySpan<byte> key, string sealedValue, byte[] associatedData)
    {
        if (!sealedValue.StartsWith(version, StringComparison.Ordinal))
            throw new JsonException($"Stored personal data is sealed in an unknown format (expected '{version}').");
        var bytes = Convert.FromBase64String(sealedValue[version.Length..]);
        if (bytes.Length < NonceSize + TagSize) throw new JsonException("Stored personal data is too short to be a sealed value.");
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, plain.Length), bytes.AsSpan(NonceSize + plain.Length), plain, associatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            // Not an erasure (the key exists): the stored value, or whose or what it is, was changed. verify names the event.
            throw new JsonException("A sealed personal data value does not open with its person's key: the stored event was changed.", e);
        }
        return Encoding.UTF8.GetString(plain);
    }
}
