namespace AuditLedger.Host.Files.Pages;

using AuditLedger.Domain.Files;
using AuditLedger.Host.Web;

/// <summary>
/// What to do after a files form was refused, beside the rule and its article (<see cref="FormRefusal"/>): the rules whose
/// own text does not already say it. Nothing was appended, and what was typed is still in the form.
/// </summary>
public static class RefusalAdvice
{
    public static string? For(FormRefusal refusal) => refusal switch
    {
        { IsConflict: true } => null, // the refusal's own partial says it: reopen the page and check the latest entry
        { Code: var c } when c.StartsWith("file.register-item-missing", StringComparison.Ordinal) =>
            "赤字で示した欄を記入して、もう一度送信してください（入力した内容は残っています）。",
        { Code: var c } when c == RegisterItemRules.RetentionPeriodInvalid.Code =>
            "保存期間は、1〜100の年数を入力するか「永年保存」を選ぶか、どちらか一方にしてください。",
        { Code: var c } when c == FileRules.FileAlreadyRetired.Code =>
            "廃止したファイルの事項は変更できません。引き続き保有する必要があるときは、新しい個人情報ファイルとして登録してください（/files/new）。",
        { Code: "input.invalid" } => "赤字で示した欄を記入又は選択して、もう一度送信してください（入力した内容は残っています）。",
        _ => null,
    };
}
