namespace AuditLedger.Trust;

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>Input that cannot be used as given: a malformed file, a wrong key, a bad signature. Command line exit 2, HTTP 400.</summary>
public sealed class TrustInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A signed checkpoint: the Merkle tree of the first <see cref="TreeSize"/> events in global sequence order, which are
/// exactly the stored events whose sequence number is at most <see cref="SealedThroughSequence"/>, had root
/// <see cref="RootHash"/> at <see cref="IssuedAtMicros"/>. The signature is ECDSA P-256 with SHA-256 (DER, RFC 3279)
/// over <see cref="Statement"/>:
/// <code>
/// "AuditLedger/checkpoint/v1" 0x00 (26 bytes) || tree size (8) || root hash (32) || sealed through sequence (8)
///     || issued at, microseconds since the Unix epoch (8)          all integers big-endian
/// </code>
/// so that <c>openssl dgst -sha256 -verify key.pem -signature sig.der statement.bin</c> checks it too.
/// A checkpoint of one tenant (実施機関; every checkpoint sealed since tenancy) names it inside what is signed, so that one
/// body's checkpoint cannot pass for another's (the events of the tree are the tenant's alone, in sequence order):
/// <code>
/// "AuditLedger/checkpoint/v2" 0x00 (26 bytes) || tenant length (4) || tenant, UTF-8 || then as v1 from the tree size
/// </code>
/// A checkpoint without a tenant (<see cref="Tenant"/> null) is one signed before tenancy, over the whole store that then
/// held one body.
/// </summary>
public sealed record SignedCheckpoint(long TreeSize, byte[] RootHash, long SealedThroughSequence, long IssuedAtMicros, string KeyId, byte[] Signature, string? Tenant = null)
{
    public static ReadOnlySpan<byte> Domain => "AuditLedger/checkpoint/v1\0"u8;

    public static ReadOnlySpan<byte> TenantDomain => "AuditLedger/checkpoint/v2\0"u8;

    public byte[] Statement() => StatementOf(TreeSize, RootHash, SealedThroughSequence, IssuedAtMicros, Tenant);

    public static byte[] StatementOf(long treeSize, byte[] rootHash, long sealedThrough, long issuedAtMicros, string? tenant = null)
    {
        if (rootHash.Length != MerkleTree.HashSize) throw new ArgumentException("A root hash is 32 bytes.", nameof(rootHash));
        var tenantBytes = tenant is null ? Array.Empty<byte>() : System.Text.Encoding.UTF8.GetBytes(tenant);
        var domain = tenant is null ? Domain : TenantDomain;
        var prefix = domain.Length + (tenant is null ? 0 : 4 + tenantBytes.Length);
        var statement = new byte[prefix + 8 + MerkleTree.HashSize + 8 + 8];
        var span = statement.AsSpan();
        domain.CopyTo(span);
        if (tenant is not null)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[domain.Length..], tenantBytes.Length);
            tenantBytes.CopyTo(span[(domain.Length + 4)..]);
        }
        span = span[prefix..];
        BinaryPrimitives.WriteInt64BigEndian(span, treeSize);
        rootHash.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt64BigEndian(span[(8 + MerkleTree.HashSize)..], sealedThrough);
        BinaryPrimitives.WriteInt64BigEndian(span[(16 + MerkleTree.HashSize)..], issuedAtMicros);
        return statement;
    }

    public static SignedCheckpoint Sign(CheckpointKey key, long treeSize, byte[] rootHash, long sealedThrough, long issuedAtMicros, string? tenant = null) =>
        new(treeSize, rootHash, sealedThrough, issuedAtMicros, key.KeyId, key.Sign(StatementOf(treeSize, rootHash, sealedThrough, issuedAtMicros, tenant)), tenant);

    /// <summary>Whether this checkpoint was signed by <paramref name="key"/>, as it says.</summary>
    public bool IsSignedBy(CheckpointKey key) =>
        string.Equals(KeyId, key.KeyId, StringComparison.Ordinal) && key.Verify(Statement(), Signature);

    public DateTimeOffset IssuedAt => EventHash.FromUnixMicros(IssuedAtMicros);

    public CheckpointDocument ToDocument() => new()
    {
        Format = Tenant is null ? CheckpointDocument.FormatName : CheckpointDocument.TenantFormatName,
        Tenant = Tenant,
        TreeSize = TreeSize,
        RootHash = Convert.ToHexStringLower(RootHash),
        SealedThroughSequence = SealedThroughSequence,
        IssuedAt = IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        IssuedAtMicros = IssuedAtMicros,
        KeyId = KeyId,
        Signature = Convert.ToBase64String(Signature),
    };
}

/// <summary>A checkpoint as exported to a file (<c>checkpoint export</c>) and embedded in inclusion proofs.</summary>
public sealed record CheckpointDocument
{
    public const string FormatName = "auditledger-checkpoint/v1";

    /// <summary>A checkpoint of one tenant's tree (the tenant is signed).</summary>
    public const string TenantFormatName = "auditledger-checkpoint/v2";

    public required string Format { get; init; }
    /// <summary>The tenant (実施機関) whose events the tree holds; absent in a checkpoint from before tenancy (v1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tenant { get; init; }
    public required long TreeSize { get; init; }
    /// <summary>Hex, 64 characters.</summary>
    public required string RootHash { get; init; }
    public required long SealedThroughSequence { get; init; }
    /// <summary>Informative (UTC); the signed value is <see cref="IssuedAtMicros"/>.</summary>
    public string? IssuedAt { get; init; }
    public required long IssuedAtMicros { get; init; }
    /// <summary>Hex SHA-256 of the signing key's SubjectPublicKeyInfo (DER).</summary>
    public required string KeyId { get; init; }
    /// <summary>Base64 of the DER-encoded ECDSA signature over the statement.</summary>
    public required string Signature { get; init; }

    /// <summary>Checks the shape of every field (not the signature) and gives the checkpoint.</summary>
    public SignedCheckpoint ToCheckpoint()
    {
        if (Format != FormatName && Format != TenantFormatName)
            throw new TrustInputException($"Not a checkpoint of this ledger: format is \"{Format}\", expected \"{TenantFormatName}\" (or \"{FormatName}\").");
        if ((Format == TenantFormatName) != !string.IsNullOrEmpty(Tenant))
            throw new TrustInputException(Format == TenantFormatName ? "The checkpoint does not name its tenant." : $"A {FormatName} checkpoint names no tenant.");
        if (TreeSize < 0) throw new TrustInputException($"The checkpoint's treeSize {TreeSize} is negative.");
        if (SealedThroughSequence < 0) throw new TrustInputException($"The checkpoint's sealedThroughSequence {SealedThroughSequence} is negative.");
        var keyId = Convert.ToHexStringLower(TrustJson.Hex(KeyId, "keyId", MerkleTree.HashSize));
        return new SignedCheckpoint(TreeSize, TrustJson.Hash(RootHash, "rootHash"), SealedThroughSequence, IssuedAtMicros, keyId,
            TrustJson.Base64(Signature, "signature"), Tenant);
    }

    public static SignedCheckpoint Parse(string json) => TrustJson.Read<CheckpointDocument>(json, "checkpoint").ToCheckpoint();
}

/// <summary>Strict JSON for the files an auditor handles: unknown fields, missing fields and malformed values are errors.</summary>
public static class TrustJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        // A member named twice is refused: with "the last one wins", a file whose first `data` was forged would still verify
        // against what a reader of the first value believes (RFC 8259 §4 leaves duplicates to the reader).
        AllowDuplicateProperties = false,
        // Japanese text stays readable in the files an auditor opens; they are never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new TrustInputException($"The {what} file is empty (null).");
        }
        catch (JsonException e) when (e.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            throw new TrustInputException(
                $"{what} ファイルの {e.Path} が2回以上書かれています。改ざんの可能性があるため検証しません。 / The {what} file names {e.Path} more than once; " +
                "a file with a member named twice is not verified (one of the values may be forged). Obtain the file again from its source.", e);
        }
        catch (JsonException e)
        {
            throw new TrustInputException($"The {what} file is not valid: {e.Message}", e);
        }
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static byte[] Hash(string? hex, string field) => Hex(hex, field, MerkleTree.HashSize);

    public static byte[] Hex(string? hex, string field, int length)
    {
        if (hex is null || hex.Length != length * 2) throw new TrustInputException($"{field} must be {length * 2} hexadecimal characters.");
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new TrustInputException($"{field} is not hexadecimal.", e);
        }
    }

    public static byte[] Base64(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) throw new TrustInputException($"{field} is missing.");
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException e)
        {
            throw new TrustInputException($"{field} is not base64.", e);
        }
    }
}

/// <summary>The checkpoint signing key: ECDSA on P-256, in PEM files (PKCS#8 private key, SubjectPublicKeyInfo public key).</summary>
public sealed class CheckpointKey : IDisposable
{
    private readonly ECDsa _key;

    private CheckpointKey(ECDsa key, bool hasPrivateKey)
    {
        var parameters = key.ExportParameters(false);
        if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new TrustInputException("The checkpoint key must be an ECDSA key on the P-256 curve (prime256v1).");
        _key = key;
        HasPrivateKey = hasPrivateKey;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public bool HasPrivateKey { get; }

    /// <summary>Hex SHA-256 of the SubjectPublicKeyInfo (DER).</summary>
    public string KeyId { get; }

    public static CheckpointKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), hasPrivateKey: true);

    /// <summary>Reads a PEM file holding a private key (to sign) or only a public key (to verify).</summary>
    public static CheckpointKey Load(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustInputException($"Cannot read the key file {path}: {e.Message}", e);
        }
        return FromPem(pem, path);
    }

    public static CheckpointKey FromPem(string pem, string source = "the key")
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new TrustInputException($"{source} is not a PEM-encoded ECDSA key: {e.Message}", e);
        }
        var hasPrivate = pem.Contains("PRIVATE KEY", StringComparison.Ordinal);
        return new CheckpointKey(key, hasPrivate);
    }

    public string PrivateKeyPem() => HasPrivateKey ? _key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException("This is a public key only.");

    public string PublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>This key without its private part.</summary>
    public CheckpointKey PublicOnly() => FromPem(PublicKeyPem());

    public byte[] Sign(byte[] statement) =>
        HasPrivateKey
            ? _key.SignData(statement, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : throw new InvalidOperationException("Checkpoints are signed with the private key; this is the public key only.");

    public bool Verify(byte[] statement, byte[] signature)
    {
        try
        {
            return _key.VerifyData(statement, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Writes a new key pair: the private key (owner read/write only) and, beside it, the public key for auditors.</summary>
    public static (string PrivatePath, string PublicPath) CreateFiles(string privatePath, bool overwrite = false)
    {
        if (File.Exists(privatePath) && !overwrite) throw new TrustInputException($"{privatePath} exists already; a new key would orphan the checkpoints signed with it. Choose another file.");
        using var key = Generate();
        var directory = Path.GetDirectoryName(Path.GetFullPath(privatePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(privatePath, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(key.PrivateKeyPem());
        var publicPath = PublicPathFor(privatePath);
        File.WriteAllText(publicPath, key.PublicKeyPem());
        return (privatePath, publicPath);
    }

    /// <summary>key.pem → key.pub.pem.</summary>
    public static string PublicPathFor(string privatePath) =>
        privatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) ? privatePath[..^4] + ".pub.pem" : privatePath + ".pub.pem";

    public void Dispose() => _key.Dispose();
}
