namespace AuditLedger.Host.Access;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Access;
using Marten;
using Microsoft.AspNetCore.Identity;

/// <summary>
/// A user's password, kept beside the directory: only its hash (ASP.NET Core's <see cref="PasswordHasher{TUser}"/>: PBKDF2
/// with HMAC-SHA512, 100,000 iterations, a random salt) and the count of failed attempts. A mutable document, not an event:
/// a password is changed and forgotten, never replayed.
/// </summary>
public sealed class UserCredential
{
    /// <summary>The directory's user id (職員番号).</summary>
    public string Id { get; set; } = "";
    public string Hash { get; set; } = "";
    public int FailedAttempts { get; set; }
    /// <summary>Until when sign-in is refused after too many failures (UTC), or null.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>Why a sign-in was refused; the same words whether the user is unknown or the password wrong.</summary>
public enum SignInRefusal { None, WrongUserOrPassword, LockedOut, Disabled }

/// <summary>
/// Sign-in with a password (Art. 9 安全管理措置: only users of the directory, each with their own password). After
/// <see cref="MaxFailures"/> failures in a row the account is locked for <see cref="Lockout"/>; a success resets the count.
/// </summary>
public sealed class PasswordSignIn(IDocumentStore store, LedgerPrincipals principals, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    public const int MinimumLength = 12;

    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>The user's directory entry when the password is right and the account neither locked nor disabled.</summary>
    public async Task<(DirectoryUser? User, SignInRefusal Refusal)> Check(string userId, string password, CancellationToken ct)
    {
        userId = userId.Trim();
        var entry = await principals.Find(userId, ct);
        await using var session = store.TenantLightweightSession();
        var credential = entry is null ? null : await session.LoadAsync<UserCredential>(userId, ct);
        if (entry is null || credential is null)
        {
            // The same work as a real check, so that the answer's timing does not tell which ids exist.
            Hasher.VerifyHashedPassword(userId, DummyHash, password);
            return (null, SignInRefusal.WrongUserOrPassword);
        }
        var now = time.GetUtcNow();
        if (credential.LockedUntil is { } until && until > now) return (null, SignInRefusal.LockedOut);
        var verdict = Hasher.VerifyHashedPassword(userId, credential.Hash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            credential.FailedAttempts++;
            if (credential.FailedAttempts >= MaxFailures)
            {
                credential.LockedUntil = now + Lockout;
                credential.FailedAttempts = 0;
            }
            session.Store(credential);
            await session.SaveChangesAsync(ct);
            return (null, credential.LockedUntil > now ? SignInRefusal.LockedOut : SignInRefusal.WrongUserOrPassword);
        }
        if (!entry.Enabled) return (null, SignInRefusal.Disabled);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) credential.Hash = Hasher.HashPassword(userId, password);
        credential.FailedAttempts = 0;
        credential.LockedUntil = null;
        session.Store(credential);
        await session.SaveChangesAsync(ct);
        return (entry, SignInRefusal.None);
    }

    /// <summary>Sets (or replaces) a user's password; unlocks the account.</summary>
    /// <exception cref="ArgumentException">The user is not in the directory, or the password is shorter than <see cref="MinimumLength"/>.</exception>
    public async Task Set(string userId, string password, CancellationToken ct)
    {
        userId = userId.Trim();
        if (await principals.Find(userId, ct) is null)
            throw new ArgumentException($"利用者「{userId}」は利用者台帳にありません。/ '{userId}' is not in the user directory.");
        if (password.Length < MinimumLength)
            throw new ArgumentException($"パスワードは{MinimumLength}文字以上にしてください。/ A password has at least {MinimumLength} characters.");
        await using var session = store.TenantLightweightSession();
        session.Store(new UserCredential { Id = userId, Hash = Hasher.HashPassword(userId, password), ChangedAt = time.GetUtcNow() });
        await session.SaveChangesAsync(ct);
    }

    private static readonly string DummyHash = Hasher.HashPassword("", Guid.NewGuid().ToString());
}
