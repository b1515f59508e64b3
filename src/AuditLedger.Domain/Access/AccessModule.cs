namespace AuditLedger.Domain.Access;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>利用者と閲覧 (第9条、第10条): the user directory (who may act, in which role) and the record of every read of personal data.</summary>
public static class AccessModule
{
    public static readonly LedgerModule Module = new(
        "access", "利用者台帳・個人情報の閲覧記録（第9条、第10条）",
        Events:
        [
            LedgerEventType.Of<UserAdded>("利用者の登録"),
            LedgerEventType.Of<UserDisabled>("利用者の利用停止"),
            LedgerEventType.Of<PersonalDataRead>("個人情報の閲覧の記録"),
        ],
        Commands: [typeof(AddUser), typeof(DisableUser)],
        Rules:
        [
            DirectoryCommand.DirectoryAdministratorsOnly,
            .. AddUser.Rules,
            UserDirectory.DirectoryUserUnknown,
            .. DisableUser.Rules,
        ]);
}
