// 第9条 (Art. 9): 利用者台帳への利用者の登録（安全管理措置） / adding a user to the directory (security control measures).
namespace AuditLedger.Domain.Access;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Adds a user: staff id, display name (氏名), title (職名) and access role.</summary>
public sealed record AddUser : DirectoryCommand
{
    public string DisplayName { get; init; } = "";
    public string Title { get; init; } = "";
    public string Role { get; init; } = "";

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireText(errors, UserId, nameof(UserId), "職員番号", "staff id", UserDirectory.UserIdMaxLength);
        Fields.RequireText(errors, DisplayName, nameof(DisplayName), "氏名", "display name", 100);
        Fields.RequireText(errors, Title, nameof(Title), "職名", "title", 200);
        if (!AccessRoles.All.Contains(Role))
            errors.Add(new FieldError(nameof(Role), $"権限は {string.Join(", ", AccessRoles.All)} のいずれかを指定してください。",
                $"The role must be one of: {string.Join(", ", AccessRoles.All)}."));
    }

    /// <summary>A staff id names one person for good: every event that names it must keep naming that person (Art. 9).</summary>
    public static readonly LedgerRule DirectoryUserExists = new(
        "directory.user-exists", ArticleRef.Ordinance(9),
        "この職員番号は利用者台帳に登録済みです。職員番号は再利用できません（第9条）。別の職員番号を指定してください。",
        "This staff id is already in the user directory; an id is never reused, so that every event keeps naming one person (Art. 9). Choose another id.");

    /// <param name="existing">The user's current entry, if the id was ever added.</param>
    public IReadOnlyList<ILedgerEvent> Decide(DirectoryUser? existing, DateTimeOffset now)
    {
        RequireAdministrator();
        if (existing is not null) throw new LedgerRuleViolation(DirectoryUserExists, $"'{UserId}' was added on {existing.AddedAt:yyyy-MM-dd}.");
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(9), "利用者台帳への登録 / user added to the directory"));
        return [new UserAdded(UserId.Trim(), DisplayName.Trim(), Title.Trim(), Role, context)];
    }

    /// <summary>The rules adding a user enforces (besides those every directory command does).</summary>
    public static IReadOnlyList<LedgerRule> Rules { get; } = [DirectoryUserExists];
}
