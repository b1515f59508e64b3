namespace AuditLedger.Host.Configuration;

using AuditLedger.Deadlines.Calendars;
using AuditLedger.Deadlines.Profiles;
using Microsoft.Extensions.Configuration;

/// <summary>
/// The jurisdiction profiles the service counts deadlines with, and the one new cases are received under.
/// Profiles ship embedded (urayasu-council, nagareyama-city); <c>AuditLedger:ProfilesDirectory</c> adds more. A profile
/// with an unknown clock, a negative length or a missing citation stops the service at start-up with the file and field at fault.
/// The holiday calendar is the list shipped in the deadline engine, or the file <c>AuditLedger:HolidayCalendarFile</c> names
/// (a corrected or newly published list, in force without a release); the years after the list are derived from 祝日法.
/// </summary>
public sealed class LedgerJurisdictions(ProfileCatalog catalog, string defaultId)
{
    public const string DefaultKey = "AuditLedger:Jurisdiction";
    public const string ProfilesDirectoryKey = "AuditLedger:ProfilesDirectory";
    public const string HolidayCalendarFileKey = "AuditLedger:HolidayCalendarFile";

    public ProfileCatalog Catalog { get; } = catalog;

    /// <summary>The jurisdiction new cases are received under unless the command names another.</summary>
    public JurisdictionProfile Default { get; } = catalog.Get(defaultId);

    public JurisdictionProfile Get(string? id) => string.IsNullOrWhiteSpace(id) ? Default : Catalog.Get(id);

    /// <summary>
    /// The law in force for a tenant (実施機関): its jurisdiction's profile. A command's tenant is Wolverine's
    /// <c>Envelope.TenantId</c> / <c>IMessageContext.TenantId</c>; a query's is its session's <c>TenantId</c>.
    /// Null or empty (a path that has no tenant yet) gives the default jurisdiction.
    /// </summary>
    /// <exception cref="AuditLedger.Deadlines.DeadlineException">No profile defines the tenant.</exception>
    public JurisdictionProfile ForTenant(string? tenantId) =>
        string.IsNullOrWhiteSpace(tenantId) || tenantId == "*DEFAULT*" ? Default
        : Catalog.FindTenant(tenantId) is { } t ? Catalog.Get(t.JurisdictionId)
        : throw new AuditLedger.Deadlines.DeadlineException(AuditLedger.Deadlines.DeadlineErrorCodes.UnknownJurisdiction,
            $"未知の実施機関（テナント） '{tenantId}'", $"unknown tenant (body) '{tenantId}'");

    /// <summary>The Japanese name of a body (tenant) as its profile declares it; the id where no profile does.</summary>
    public string BodyName(string tenantId) => Catalog.FindTenant(tenantId)?.Name.Ja ?? tenantId;

    /// <summary>The holiday calendar in force: every clock is counted with it, and every stored view names its version.</summary>
    public HolidayCalendar Calendar => Catalog.Calendar;

    public static LedgerJurisdictions Load(IConfiguration configuration)
    {
        var calendar = configuration[HolidayCalendarFileKey] is { Length: > 0 } file ? HolidayCalendar.Load(file) : null;
        return new(ProfileLoader.LoadCatalog(configuration[ProfilesDirectoryKey], calendar), configuration[DefaultKey] ?? "urayasu-council");
    }
}
