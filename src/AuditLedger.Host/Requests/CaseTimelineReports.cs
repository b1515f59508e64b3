namespace AuditLedger.Host.Reports;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Requests;
using AuditLedger.Projections.Reporting;
using Marten;

/// <summary>The timeline as served: the steps, and the SHA-256 of its CSV form, which the page states so a kept copy can be checked.</summary>
public sealed record CaseTimelineDocument(CaseTimeline Timeline, DateTimeOffset AsOf, string CsvSha256);

/// <summary>The review board's timeline of a case (Art. 45, 50) as data, a printable page and a CSV the board can keep.</summary>
public static partial class LedgerReports
{
    /// <summary>Whether personal data is shown: hide (default) or show.</summary>
    public static bool ParsePersonalData(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "hide" => false,
        "show" => true,
        _ => throw new InvalidQuery(new FieldError("personalData", $"個人情報の表示は hide（既定）又は show で指定してください（指定値: {value}）。",
            $"personalData must be hide (the default) or show, not '{value}'.")),
    };

    public static ReportTable TimelineTable(CaseTimeline timeline) => new($"事案の経過（{timeline.Steps.Count}件）",
        [
            new("number", "番号", null, CellKind.Number), new("day", "日付", null, CellKind.Date), new("occurredAt", "日時（日本時間）", null, CellKind.DateTime), new("stream", "記録の対象", null),
            new("event", "事象", null), new("description", "内容", null), new("staff", "行った職員（職員番号・氏名・職名）", null),
            new("recordedBy", "記録した職員（異なる場合はその経緯）", null), new("article", "根拠条項", null),
            new("ground", "根拠", null), new("mark", "期限の状況", "第25条・第35条・第42条等"), new("clocks", "各期限（その日現在）", null),
            new("recordedAt", "記録日時", null, CellKind.DateTime), new("sequence", "記録番号", null, CellKind.Number),
        ],
        [.. timeline.Steps.Select(s => (IReadOnlyList<string>)
        [
            N(s.Number), Iso(s.Day), Time(s.OccurredAt), $"{StreamLabel(s.Stream, timeline.KindJa)} {Web.StreamReference.Short(s.StreamId)}（第{N(s.Version)}版）",
            s.EventJa, s.Description, s.ActedBy.Describe(), RecordedByCell(s), s.ArticleJa, s.Ground, s.MarkJa,
            string.Join("\n", s.Clocks.Select(c => $"{c.NameJa}（{c.ArticleJa}）: 期限 {(c.DueOn is { } due ? Iso(due) : "—")} {c.StateJa}"
                + (c.DaysLeft is { } left ? $"（残り{N(left)}日）" : ""))),
            Time(s.RecordedAt), N(s.Sequence),
        ])]);

    /// <summary>Who recorded the step: the principal, with the statement when another colleague acted; "—" on events stored before the recorder was kept.</summary>
    private static string RecordedByCell(TimelineStep step) => Projections.Reporting.Recorded.RecorderText(step.RecordedBy, step.ActedByStatement);

    public static async Task<CaseTimelineDocument> Timeline(IQuerySession session, ProfileCatalog profiles, Guid caseId, bool showPersonalData, DateTimeOffset now, CancellationToken ct)
    {
        var timeline = await CaseTimelines.Load(session, profiles, caseId, showPersonalData, ct);
        return new CaseTimelineDocument(timeline, now, Convert.ToHexStringLower(SHA256.HashData(CsvExport.Write(TimelineTable(timeline)))));
    }

    /// <summary>The file name holds the case id only, never a name.</summary>
    public static async Task<RenderedReport> RenderTimeline(IQuerySession session, ProfileCatalog profiles, Guid caseId, bool showPersonalData, ReportFormat format,
        DateTimeOffset now, CancellationToken ct)
    {
        var document = await Timeline(session, profiles, caseId, showPersonalData, now, ct);
        var timeline = document.Timeline;
        var name = $"case-timeline-{caseId}";
        if (format == ReportFormat.Csv) return new RenderedReport(CsvExport.Write(TimelineTable(timeline)), "text/csv; charset=utf-8", name + ".csv");
        if (format == ReportFormat.Xlsx) return new RenderedReport(Spreadsheet.Write(TimelineTable(timeline)), Spreadsheet.ContentType, $"事案の経過_{caseId}.xlsx");
        if (format == ReportFormat.Json) return Json(document, name + ".json");

        var summary = new ReportTable("事案の概要", [new("item", "項目", null), new("value", "内容", null)],
        [
            ["事案ID", timeline.CaseId.ToString()],
            ["請求の種類", timeline.KindJa],
            ["受付日", Iso(timeline.ReceivedOn)],
            ["状況", CaseLabels.Of(timeline.Status)],
            ["決定", timeline.OutcomeJa ?? "—"],
            ["期限の計算に用いた規程", timeline.JurisdictionJa],
            ["審査請求", timeline.ReviewIds.Count == 0 ? "なし" : string.Join("\n", timeline.ReviewIds)],
            ["対象の保有個人情報", timeline.RecordIds.Count == 0 ? "なし" : string.Join("\n", timeline.RecordIds)],
        ]);
        var parties = new ReportTable("第三者に対する意見書提出の機会の付与（第27条）",
            [new("thirdParty", "第三者", null), new("kind", "区分", "第27条第1項・第2項"), new("notifiedOn", "通知日", null), new("opinion", "意見書", null),
             new("toldOn", "開示決定の通知日", "第27条第3項"), new("disclosureDate", "開示の実施日", "第27条第3項")],
            [.. timeline.ThirdParties.Select(p => (IReadOnlyList<string>)
            [
                $"{Web.StreamReference.Short(p.ThirdPartyId)} {p.Identity}", p.Mandatory ? "必要的（第2項）" : "任意的（第1項）", Iso(p.NotifiedOn),
                p.OpinionOn is { } on ? $"{Iso(on)} {(p.Objects == true ? "開示に反対" : "開示に反対しない")}" : "未提出",
                p.ToldOfDisclosureOn is { } told ? Iso(told) : "—", p.DisclosureDate is { } date ? Iso(date) : "—",
            ])]);
        var title = $"事案の経過　{timeline.KindJa}（事案ID {timeline.CaseId}）";
        // The lead note names the review body of the case's own jurisdiction (its profile's reportNotes.caseTimeline).
        var page = PrintablePage.Render(title, [summary, parties, TimelineTable(timeline)], now,
            profiles.Get(timeline.JurisdictionId).Law.ReportNote(ReportNoteKeys.CaseTimeline).Ja,
        [
            showPersonalData ? "個人情報: 表示している（取扱いに注意）。" : "個人情報: 氏名・住所等は種類のみを示し、内容は表示していない（personalData=show で表示）。",
            "期限の状況は、各事象の日までの記録から事案を再現し、その日における各期限（延長、補正の期間、議長及び副議長の不在期間を反映）により判定したもの。",
            $"この経過のCSV形式（UTF-8、BOM付き、format=csv）の内容のSHA-256: {document.CsvSha256}",
        ]);
        return new RenderedReport(Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8", name + ".html");
    }

    private static string StreamLabel(TimelineStream stream, string kindJa) => stream switch
    {
        TimelineStream.Request => kindJa,
        TimelineStream.Review => "審査請求",
        _ => "保有個人情報",
    };

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset instant) => instant.ToOffset(JapanDate.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
