namespace AuditLedger.Host.Web.Pages;

using AuditLedger.Domain.Requests;
using AuditLedger.Host.Access;
using AuditLedger.Host.Files;
using AuditLedger.Host.Http;
using AuditLedger.Host.Incidents;
using AuditLedger.Host.Requests;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// ホーム: the staff's dashboard of what asks for action today, read with the same queries as the API: the clocks past their
/// date (期限超過) and due this week (<see cref="DeadlineQueries"/>, Art. 19, 23, 25 …), the clocks stopped for a 補正 and why,
/// the open incidents still owing a notification to a person (<see cref="IncidentsHost.NotificationsOwed"/>, Art. 11), the
/// records past their file's retention period (<see cref="FilesHost.DisposalDue"/>, Art. 4(2)) and the latest events
/// (<see cref="RecentActivity"/>). Ids, labels, dates and counts only: no personal data, so no stated purpose is asked.
/// Other roles are sent to their own first page.
/// </summary>
[Authorize]
public sealed class IndexModel(DeadlineQueries deadlines, IQuerySession session, TimeProvider time) : PageModel
{
    /// <summary>How many of the latest events the dashboard lists.</summary>
    public const int ActivityCount = 15;

    public DateOnly Today { get; private set; }
    public IReadOnlyList<DeadlineRow> Overdue { get; private set; } = [];
    public IReadOnlyList<DeadlineRow> DueThisWeek { get; private set; } = [];
    public IReadOnlyList<DeadlineRow> Paused { get; private set; } = [];
    public IReadOnlyList<IncidentReportView> NotificationsOwed { get; private set; } = [];
    public IReadOnlyList<DisposalDueRow> DisposalDue { get; private set; } = [];
    public IReadOnlyList<ActivityRow> Activity { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = Navigation.CurrentUser(HttpContext);
        if (user is null) return Challenge();
        if (user.Role != LedgerRoles.Staff) return Redirect(Navigation.Home(user.Role));
        Today = deadlines.Today;
        Overdue = await deadlines.Find(DeadlineFilter.Overdue, DeadlineQueries.DueSoonDays, ct);
        DueThisWeek = [.. (await deadlines.Find(DeadlineFilter.DueThisWeek, DeadlineQueries.DueSoonDays, ct))
            .Where(r => r.State is not (ClockState.Overdue or ClockState.Paused))];
        Paused = [.. (await deadlines.Find(DeadlineFilter.Open, DeadlineQueries.DueSoonDays, ct)).Where(r => r.State == ClockState.Paused)];
        NotificationsOwed = await IncidentsHost.NotificationsOwed(session, time, ct);
        DisposalDue = await FilesHost.DisposalDue(null, session, time, ct);
        Activity = await RecentActivity.Latest(session, ActivityCount, ct);
        return Page();
    }

    /// <summary>A clock's state as the dashboard shows it: a colour class and always the words (期限超過 N日, あとN日, 補正中).</summary>
    public static (string Css, string Words) Status(DeadlineRow row) => row switch
    {
        { State: ClockState.Overdue, DaysLeft: { } d } => ("status--overdue", $"期限超過 {-d}日"),
        { State: ClockState.Paused } => ("status--paused", "停止中（補正中）"),
        { DaysLeft: 0 } => ("status--due-soon", "あと0日（本日が期限）"),
        { DaysLeft: { } d } when d <= DeadlineQueries.DueSoonDays => ("status--due-soon", $"あと{d}日"),
        { DaysLeft: { } d } => ("status--ok", $"あと{d}日"),
        _ => ("status--paused", CaseLabels.State(row.State)),
    };

    /// <summary>Why a clock is stopped, in words with its article: a 補正 asked of the requester and not yet made.</summary>
    public static string PauseReason(DeadlineRow row) =>
        $"補正中：補正を求めた日から補正が済むまでの期間は、期限の計算に算入しません（{CaseArticles.For(row.Kind).FormCorrection.Japanese}）";

    /// <summary>Who a clock waits for, in words.</summary>
    public static string Party(DeadlineRow row) => row.Party switch
    {
        ClockParty.Office => "実施機関",
        ClockParty.Requester => "請求者",
        _ => "期間の経過待ち",
    };

    /// <summary>What a stream of a module is, as clerks call it.</summary>
    public static string What(ActivityRow row) => row.Module switch
    {
        "requests" => "請求",
        "records" => "保有個人情報",
        "files" => "個人情報ファイル",
        "incidents" => "漏えい等事案",
        "reviews" => "審査請求",
        _ => row.Module,
    };

    /// <summary>Where a stream of a module is shown, or null when the staff have no page for it.</summary>
    public static string? Link(ActivityRow row) => row.Module switch
    {
        "requests" => $"/requests/{row.StreamId}",
        "records" => $"/records/{row.StreamId}",
        "files" => $"/files/{row.StreamId}",
        "incidents" => $"/incidents/{row.StreamId}",
        _ => null,
    };
}
