namespace AuditLedger.Host.Reports;

using System.Globalization;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Requests;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Reporting;

/// <summary>
/// The API's lists as tables, for their spreadsheet forms (CSV and workbook): the deadline list (期限管理) and the
/// leak-incident reports (漏えい等事案, 第11条). Ids, dates, counts and labels only: no name, address or free text of a person.
/// The JSON form of each list stays the query's own rows.
/// </summary>
public static partial class LedgerReports
{
    public const string DeadlineListTitle = "期限一覧";
    public const string IncidentListTitle = "漏えい等事案一覧";

    /// <summary>The deadline rows as a table: each clock of each case, with its article, dates and state on the day read.</summary>
    public static ReportTable DeadlineTable(IReadOnlyList<DeadlineRow> rows) => new(DeadlineListTitle,
        [
            new("caseId", "事案ID", null), new("kind", "請求の種類", "第18条・第31条・第38条"), new("clock", "期限", null),
            new("article", "根拠条項", null), new("party", "期限を守る者", null), new("startedOn", "起算日", null, CellKind.Date),
            new("dueOn", "期限日", null, CellKind.Date), new("daysLeft", "残り日数", null, CellKind.Number), new("state", "状態", null),
            new("pausedDays", "停止日数", "第25条第3項等", CellKind.Number), new("extensionDays", "延長日数", "第25条第2項等", CellKind.Number),
            new("metOn", "履行日", null, CellKind.Date), new("problem", "算定できない理由", null),
        ],
        [.. rows.Select(r => (IReadOnlyList<string>)
        [
            r.CaseId.ToString(), CaseLabels.Kind(r.Kind), r.NameJa, r.ArticleJa, CaseLabels.Of(r.Party), Iso(r.StartedOn),
            r.DueOn is { } due ? Iso(due) : "—", r.DaysLeft is { } left ? N(left) : "—", CaseLabels.State(r.State),
            N(r.PausedDays), N(r.ExtensionDays), r.MetOn is { } met ? Iso(met) : "", r.Problem ?? "",
        ])]);

    /// <summary>The deadline list in the asked form: JSON (the rows themselves), CSV or a workbook.</summary>
    public static IResult RenderDeadlines(IReadOnlyList<DeadlineRow> rows, ReportFormat format) => format switch
    {
        ReportFormat.Csv or ReportFormat.Xlsx => RenderedReport.Sheet(DeadlineTable(rows), format, "deadlines").ToResult(format),
        ReportFormat.Json => Results.Json(rows),
        _ => throw NotOffered(format, "json, csv, xlsx"),
    };

    /// <summary>The incident reports as a table: kind, dates, counts, the assessment and what is still owed.</summary>
    public static ReportTable IncidentTable(IReadOnlyList<IncidentReportView> reports) => new(IncidentListTitle,
        [
            new("incidentId", "事案ID", null), new("kind", "区分", "第9条"), new("detectedAt", "発見日時（日本時間）", null, CellKind.DateTime),
            new("daysSinceDetection", "発見からの日数", null, CellKind.Number), new("affectedRecords", "対象の保有個人情報の数", null, CellKind.Number),
            new("affectedPersons", "影響を受けた本人の数", null, CellKind.Number), new("serious", "議長が定める事態", "第11条第1項"),
            new("notified", "本人への通知済み", "第11条第2項", CellKind.Number), new("exempted", "通知を要しないもの", "第11条第2項ただし書", CellKind.Number),
            new("owed", "通知が未了のもの", "第11条第2項", CellKind.Number), new("status", "状態", null),
            new("closedAt", "終結日時（日本時間）", null, CellKind.DateTime),
        ],
        [.. reports.Select(r => (IReadOnlyList<string>)
        [
            r.IncidentId.ToString(), r.KindJapanese, Time(r.Detected.OccurredAt), N(r.DaysSinceDetection), N(r.AffectedRecordCount),
            N(r.AffectedPersonCount), r.Serious switch { true => "該当", false => "非該当", null => "未評価" },
            N(r.NotifiedCount), N(r.ExemptedCount), N(r.OwedCount), r.Status == Domain.Incidents.IncidentStatus.Open ? "対応中" : "終結",
            r.Closed is { } closed ? Time(closed.OccurredAt) : "",
        ])]);

    /// <summary>The incident reports in the asked form: JSON (the views themselves), CSV or a workbook.</summary>
    public static IResult RenderIncidents(IReadOnlyList<IncidentReportView> reports, ReportFormat format) => format switch
    {
        ReportFormat.Csv or ReportFormat.Xlsx => RenderedReport.Sheet(IncidentTable(reports), format, "incident-reports").ToResult(format),
        ReportFormat.Json => Results.Json(reports),
        _ => throw NotOffered(format, "json, csv, xlsx"),
    };

    private static InvalidQuery NotOffered(ReportFormat format, string offered)
    {
        var name = format.ToString().ToLowerInvariant();
        return new InvalidQuery(new Domain.Law.FieldError("format", $"この一覧の出力形式は {offered} のいずれかです（指定値: {name}）。",
            $"This list is given as {offered}, not '{name}'."));
    }
}
