// 第9条 (Art. 9): 利用者の利用停止（安全管理措置） / disabling a user of the ledger (security control measures).
namespace AuditLedger.Domain.Access;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Disables a user: their tokens are refused from then on.</summary>
public sealed record DisableUser : DirectoryCommand
{
    public string Reason { get; init; } = "";

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireText(errors, UserId, nameof(UserId), "職員番号", "staff id", UserDirectory.UserIdMaxLength);
        Fields.RequireText(errors, Reason, nameof(Reason), "利用停止の理由", "reason", 500);
    }

    public static readonly LedgerRule DirectoryUserAlreadyDisabled = new(
        "directory.user-already-disabled", ArticleRef.Ordinance(9),
        "この利用者は既に利用停止されています（第9条）。",
        "This user is already disabled (Art. 9).");

    /// <summary>An administrator never disables themselves, so that the ledger is never left without one by mistake (Art. 9).</summary>
    public static readonly LedgerRule DirectoryCannotDisableSelf = new(
        "directory.cannot-disable-self", ArticleRef.Ordinance(9),
        "自分自身を利用停止することはできません。他の管理者に依頼してください（第9条：管理者が不在となることの防止）。",
        "You cannot disable yourself; ask another administrator, so that the ledger never loses its last administrator by mistake (Art. 9).");

    public IReadOnlyList<ILedgerEvent> Decide(DirectoryUser? user, DateTimeOffset now)
    {
        RequireAdministrator();
        var known = UserDirectory.Known(user, UserId);
        if (!known.Enabled) throw new LedgerRuleViolation(DirectoryUserAlreadyDisabled, $"'{UserId}' was disabled on {known.DisabledAt:yyyy-MM-dd}.");
        if (known.UserId == Recording!.RecordedBy.StaffId) throw new LedgerRuleViolation(DirectoryCannotDisableSelf);
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(9), "利用者の利用停止 / user disabled"));
        return [new UserDisabled(known.UserId, Reason.Trim(), context)];
    }

    /// <summary>The rules disabling a user enforces (besides those every directory command does).</summary>
    public static IReadOnlyList<LedgerRule> Rules { get; } = [DirectoryUserAlreadyDisabled, DirectoryCannotDisableSelf];
}
