namespace AuditLedger.Host.Requests.Pages;

using AuditLedger.Domain.Requests;
using AuditLedger.Projections.Reporting;

/// <summary>How the request pages show a clock's state: the status class (colour) and always its words and days left.</summary>
public static class ClockLabels
{
    /// <summary>The status class of auditledger.css for the state (never shown without <see cref="Text"/>).</summary>
    public static string Class(ClockState state) => state switch
    {
        ClockState.Overdue or ClockState.MetLate or ClockState.Unknown => "status status--overdue",
        ClockState.DueSoon => "status status--due-soon",
        ClockState.Paused or ClockState.Waiting or ClockState.Stopped or ClockState.Expired => "status status--paused",
        _ => "status status--ok",
    };

    /// <summary>期限間近（残り3日）, 期限超過（2日超過）, 停止中（補正）...</summary>
    public static string Text(ClockState state, int? daysLeft) => CaseLabels.State(state) + daysLeft switch
    {
        null => "",
        < 0 and var d => $"（{-d}日超過）",
        0 => "（本日が期限）",
        var d => $"（残り{d}日）",
    };
}
