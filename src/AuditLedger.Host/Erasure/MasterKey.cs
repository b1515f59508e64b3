namespace AuditLedger.Host.Erasure;

using AuditLedger.Host.Configuration;

/// <summary>
/// The key that wraps every person's data key in the key table. It lives outside the database:
/// <c>AuditLedger:MasterKey</c> (base64, 32 bytes) or <c>AuditLedger:MasterKeyFile</c> (a file holding it;
/// scripts/run and scripts/auditledger create one in .artifacts/). A copy of the database alone (files, WAL, a backup)
/// therefore decrypts nothing; destroying a person's wrapped key row is what erases that person's data.
/// </summary>
public sealed class MasterKey
{
    public const string KeySetting = "AuditLedger:MasterKey";
    public const string KeyFileSetting = "AuditLedger:MasterKeyFile";

    private readonly byte[] _key;

    public MasterKey(byte[] key)
    {
        if (key.Length != 32) throw new ServiceRefusedToStart($"The master key has {key.Length} bytes; AES-256 needs exactly 32.");
        _key = key;
    }

    internal ReadOnlySpan<byte> Bytes => _key;

    public static MasterKey From(IConfiguration configuration)
    {
        var encoded = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(encoded) && configuration[KeyFileSetting] is { Length: > 0 } file)
            encoded = File.Exists(file) ? File.ReadAllText(file).Trim()
                : throw new ServiceRefusedToStart($"The master key file {file} ({KeyFileSetting}) does not exist. Create it (scripts/run does) or point the setting at the right file.");
        if (string.IsNullOrWhiteSpace(encoded))
            throw new ServiceRefusedToStart(
                "No master key is configured, so personal data could not be encrypted and nothing could be recorded. Run through scripts/run " +
                $"(it creates one), or set {KeySetting} (base64, 32 bytes) or {KeyFileSetting}. Keep it outside the database and its backups.");
        try
        {
            return new MasterKey(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw new ServiceRefusedToStart($"The master key ({KeySetting}) is not base64. Generate one with: head -c 32 /dev/urandom | base64");
        }
    }
}
