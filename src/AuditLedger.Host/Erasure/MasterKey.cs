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

    public static MasterKey From(IConfiguration configuration) =>
        new(ConfiguredKey.Read(configuration, KeySetting, KeyFileSetting, "master key",
            "personal data could not be encrypted, so nothing could be recorded. Run through scripts/run (it creates one, 32 bytes); " +
            "keep it outside the database and its backups."));
}
