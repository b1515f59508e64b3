namespace AuditLedger.Host.Incidents.Pages;

using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Projections.Incidents;

/// <summary>
/// What the incident pages (漏えい等事案, 第9条・第11条) say about an incident, in one place: its short reference, whether the
/// notification of the persons is owed (第11条) in colour class and words, and the articles each step follows.
/// </summary>
public static class IncidentPages
{
    /// <summary>The article of the serious kinds the chair defines (議長が別に定める事態), under which persons are notified.</summary>
    public static readonly string SeriousArticle = ArticleRef.Ordinance(11).Japanese;

    /// <summary>Serious or not, in words.</summary>
    public static string Assessment(IncidentReportView view) => view.Serious switch
    {
        null => "未評価",
        true => $"議長が定める事態に該当（{SeriousArticle}）",
        false => "議長が定める事態に該当しない",
    };

    /// <summary>What is still owed to the persons (第11条), as a status class and words: never colour alone.</summary>
    public static (string Css, string Words) Owed(IncidentReportView view) => view switch
    {
        { Status: IncidentStatus.Closed } => ("status--ok", "終結済み"),
        { NotificationsStillOwed: true, NotificationDuty: NotificationDuty.PendingAssessment } => ("status--due-soon", $"評価待ち・未通知 {view.OwedCount}人"),
        { NotificationsStillOwed: true } => ("status--overdue", $"本人通知 未了 {view.OwedCount}人"),
        { NotificationDuty: NotificationDuty.NotRequired } => ("status--ok", "通知義務なし（第11条）"),
        _ => ("status--ok", "本人通知 済み"),
    };

    /// <summary>The status of the incident in words (対応中 / 終結).</summary>
    public static string Status(IncidentStatus status) => status == IncidentStatus.Open ? "対応中" : "終結";

    /// <summary>
    /// The grounds of each exemption as the proviso of Art. 11 states them, with its item (第11条第1号 / 第2号), for the form that
    /// applies one (the reports use the short label of <see cref="Projections.Reporting.CaseLabels"/>).
    /// </summary>
    public static readonly IReadOnlyList<(NotificationExemption Exemption, string Words)> Exemptions =
    [
        (NotificationExemption.AlternativeMeasure, "本人への通知が困難な場合で、本人の権利利益を保護するため必要なこれに代わるべき措置をとるとき（第11条第1号）"),
        (NotificationExemption.ContainsNonDisclosureInformation, "当該保有個人情報に第20条各号に掲げる不開示情報が含まれるとき（第11条第2号）"),
    ];

    /// <summary>The incident kinds in the order of 第9条 (漏えい、滅失又は毀損).</summary>
    public static readonly IReadOnlyList<IncidentKind> Kinds = [IncidentKind.Leak, IncidentKind.Loss, IncidentKind.Damage];
}
