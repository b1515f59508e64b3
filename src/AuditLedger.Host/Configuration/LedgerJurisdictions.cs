namespace AuditLedger.Host.Configuration;

using AuditLedger.Deadlines.Profiles;
using Microsoft.Extensions.Configuration;

/// <summary>
/// The jurisdiction profiles the service counts deadlines with, and the one new cases are received under.
/// Profiles ship embedded (urayasu-council, nagareyama-city); <c>AuditLedger:ProfilesDirectory</c> adds more. A profile
/// with an unknown clock, a negative length or a missing citation stops the service at start-up with the file and field at fault.
/// </summary>
public sealed class LedgerJurisdictions(ProfileCatalog catalog, string defaultId)
{
    public const string DefaultKey = "AuditLedger:Jurisdiction";
    public const string ProfilesDirectoryKey = "AuditLedger:ProfilesDirectory";

    public ProfileCatalog Catalog { get; } = catalog;

    /// <summary>The jurisdiction new cases are received under unless the command names another.</summary>
    public JurisdictionProfile Default { get; } = catalog.Get(defaultId);

    public JurisdictionProfile Get(string? id) => string.IsNullOrWhiteSpace(id) ? Default : Catalog.Get(id);

    public static LedgerJurisdictions Load(IConfiguration configuration) =>
        new(ProfileLoader.LoadCatalog(configuration[ProfilesDirectoryKey]), configuration[DefaultKey] ?? "urayasu-council");
}
