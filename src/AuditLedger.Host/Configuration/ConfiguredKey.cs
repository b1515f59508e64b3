namespace AuditLedger.Host.Configuration;

/// <summary>A secret key configured outside the database: base64 in a setting, or in a file the setting names.</summary>
public static class ConfiguredKey
{
    /// <param name="what">How the key is named in messages, e.g. "token signing key".</param>
    /// <param name="missing">Why the service cannot run without it, and how to get one.</param>
    public static byte[] Read(IConfiguration configuration, string setting, string fileSetting, string what, string missing)
    {
        var encoded = configuration[setting];
        if (string.IsNullOrWhiteSpace(encoded) && configuration[fileSetting] is { Length: > 0 } file)
            encoded = File.Exists(file) ? File.ReadAllText(file).Trim()
                : throw new ServiceRefusedToStart($"The {what} file {file} ({fileSetting}) does not exist. Create it (scripts/run does) or point the setting at the right file.");
        if (string.IsNullOrWhiteSpace(encoded)) throw new ServiceRefusedToStart($"No {what} is configured: {missing} Set {setting} (base64) or {fileSetting}.");
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new ServiceRefusedToStart($"The {what} ({setting}) is not base64. Generate one with: head -c 32 /dev/urandom | base64");
        }
    }
}
