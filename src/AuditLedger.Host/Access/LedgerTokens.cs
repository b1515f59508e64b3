namespace AuditLedger.Host.Access;

using System.Security.Claims;
using AuditLedger.Host.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// Bearer tokens signed with a key configured on the server (HMAC-SHA256): <c>AuditLedger:TokenSigningKey</c> (base64)
/// or <c>AuditLedger:TokenSigningKeyFile</c> (a file holding it; scripts/run creates one in .artifacts/).
/// </summary>
public sealed class LedgerTokens(SymmetricSecurityKey key, TimeProvider time)
{
    public const string Issuer = "auditledger";
    public const string Audience = "auditledger";
    public const string KeySetting = "AuditLedger:TokenSigningKey";
    public const string KeyFileSetting = "AuditLedger:TokenSigningKeyFile";

    public static LedgerTokens From(IConfiguration configuration, TimeProvider time) => new(LoadKey(configuration), time);

    public static SymmetricSecurityKey LoadKey(IConfiguration configuration)
    {
        var bytes = ConfiguredKey.Read(configuration, KeySetting, KeyFileSetting, "token signing key",
            "no caller could be authenticated. Run through scripts/run (it creates one, at least 32 bytes).");
        if (bytes.Length < 32) throw new ServiceRefusedToStart($"The token signing key has {bytes.Length} bytes; at least 32 are needed for HMAC-SHA256.");
        return new SymmetricSecurityKey(bytes);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromMinutes(1),
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore <= now.AddMinutes(1)) && expires is { } end && end > now.AddMinutes(-1);
        },
    };

    /// <summary>
    /// The claim of a token limited to one use; its one value so far is <see cref="CalendarScope"/>. A token without it may
    /// do whatever its role may.
    /// </summary>
    public const string ScopeClaim = "scope";

    /// <summary>
    /// A token that reads the deadline calendar feed and nothing else (marked <see cref="CalendarFeedAttribute"/>): it is
    /// pasted into an office calendar as part of a URL, so it must not open the rest of the API if it leaks.
    /// </summary>
    public const string CalendarScope = "calendar-feed";

    /// <summary>
    /// A token for a user (staff id) of one tenant (実施機関) in one or more roles, valid for the given time; limited to
    /// <paramref name="scope"/> when given. The tenant is <paramref name="tenant"/>, else the current one
    /// (<see cref="Tenancy.LedgerTenant.Current"/>), else <see cref="Tenancy.LedgerTenant.Default"/>: claim <c>tenant</c>.
    /// </summary>
    public string Issue(string user, IReadOnlyCollection<string> roles, TimeSpan lifetime, string? scope = null, string? tenant = null)
    {
        var unknown = roles.Except(LedgerRoles.All).ToList();
        if (string.IsNullOrWhiteSpace(user)) throw new ArgumentException("A token names its user (a staff id, not a name).", nameof(user));
        if (roles.Count == 0 || unknown.Count > 0)
            throw new ArgumentException($"Roles must be among: {string.Join(", ", LedgerRoles.All)}; not {string.Join(", ", unknown)}.", nameof(roles));
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["role"] = roles.ToArray() };
        if (scope is not null) claims[ScopeClaim] = scope;
        claims[Tenancy.LedgerTenant.Claim] = tenant ?? Tenancy.LedgerTenant.Current ?? Tenancy.LedgerTenant.Default;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, user)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
