namespace AuditLedger.Host.Web.Pages;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>One page of the accessibility statement's scope: its address and what it is.</summary>
public sealed record StatementPage(string Route, string Name);

/// <summary>
/// アクセシビリティ方針・試験結果 (public): the accessibility statement as Japanese public bodies publish it under JIS X 8341-3:2016
/// (and the guidance of 総務省「みんなの公共サイト運用ガイドライン」): the scope (対象範囲), the target level (目標とする適合レベル:
/// AA), and the test result (試験結果: the tool and its version, the date, the pages tested, the violations, the keyboard test).
/// The browser tests (tests/AuditLedger.Tests/Web) run axe-core on every page listed and fail on any violation.
/// </summary>
[AllowAnonymous]
public sealed class AccessibilityModel : PageModel
{
    /// <summary>The standard and level aimed at.</summary>
    public const string Standard = "JIS X 8341-3:2016";
    public const string Level = "AA";

    /// <summary>The checker: axe-core, as bundled by Deque.AxeCore.Playwright (the browser tests' version).</summary>
    public const string Tool = "axe-core";
    public const string ToolVersion = "4.14.0";

    /// <summary>The day of the last test run that this statement reports.</summary>
    public static readonly DateOnly TestedOn = new(2026, 12, 1);

    /// <summary>The pages of the service (対象範囲), each tested by axe-core in the browser tests.</summary>
    public static readonly IReadOnlyList<StatementPage> Pages =
    [
        new("/sign-in", "サインイン"),
        new("/", "ホーム（職員）"),
        new("/requests", "請求"),
        new("/records", "保有個人情報"),
        new("/files", "個人情報ファイル簿"),
        new("/incidents", "漏えい等"),
        new("/board", "審査会に諮問された事案"),
        new("/board/{事案ID}", "事案の経過（審査会）"),
        new("/audit", "監査（改ざん検証）"),
        new("/audit/replay", "過去の時点の再現と差分"),
        new("/audit/reads", "個人情報の閲覧記録"),
        new("/accessibility", "アクセシビリティ方針・試験結果"),
        new("/published", "公表資料"),
    ];

    public void OnGet()
    {
    }
}
