namespace AuditLedger.Host.Reports;

using System.Globalization;
using System.Text;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Projections.Annual;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;

/// <summary>How far the annual-status projection had come when it was read: the last event it applied and the store's last event.</summary>
public sealed record ProjectionProgress(string Projection, long ProcessedThrough, long StoreHighestSequence)
{
    public bool UpToDate => ProcessedThrough >= StoreHighestSequence;
}

/// <summary>The annual enforcement status as served: the counts, the tables, and how current the projection was.</summary>
public sealed record AnnualStatusDocument(AnnualStatusReport Status, string Title, DateTimeOffset AsOf, ProjectionProgress Projection,
    IReadOnlyList<AnnualStatusTable> Tables)
{
    /// <summary>
    /// The holiday calendar the year's "in time" / "late" counts were counted with (HolidayCalendar.Version); the service
    /// rebuilds the counts at start-up when another calendar comes into force. Empty for a year with no document.
    /// </summary>
    public string CalendarVersion { get; init; } = "";
}

/// <summary>One table of the annual status as data: title, columns (with their articles) and rows keyed by column.</summary>
public sealed record AnnualStatusTable(string Title, IReadOnlyList<Projections.Reporting.ReportColumn> Columns, IEnumerable<IReadOnlyDictionary<string, string>> Rows);

/// <summary>The annual enforcement status (施行の状況, Art. 51), read from the <see cref="AnnualStatus"/> documents.</summary>
public static partial class LedgerReports
{
    public static readonly ShardName AnnualStatusShard = new(nameof(AnnualStatus), "All", 1);

    /// <summary>
    /// Reads a fiscal year (2025 = 令和7年度, April 2025 to March 2026). The ordinance's first year is 2023; a year that has
    /// not yet begun has nothing to report.
    /// </summary>
    public static int ParseFiscalYear(string? value, DateTimeOffset now)
    {
        var current = FiscalYear.Of(now);
        if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= FiscalYear.First && year <= current)
            return year;
        throw new InvalidQuery(new FieldError("year",
            $"年度は{FiscalYear.First}（{FiscalYear.Japanese(FiscalYear.First)}、条例の施行）から{current}（{FiscalYear.Japanese(current)}）までの西暦で指定してください（指定値: {value}）。",
            $"The fiscal year must be a number from {FiscalYear.First} (the ordinance took effect on 1 April {FiscalYear.First}) to {current}, the current fiscal year, not '{value}'."));
    }

    public static async Task<ProjectionProgress> AnnualStatusProgress(IDocumentStore store, CancellationToken ct)
    {
        // The current tenant's database: its daemon's progress (kept per database) against that database's high-water mark.
        var tenant = Tenancy.LedgerTenant.Require();
        var processed = await store.Advanced.ProjectionProgressFor(AnnualStatusShard, tenant, ct);
        var statistics = await store.Advanced.FetchEventStoreStatistics(tenant, ct);
        return new ProjectionProgress(nameof(AnnualStatus), processed, statistics.EventSequenceNumber);
    }

    /// <summary>
    /// For the command line, which runs without the daemon: when the projection is behind the store, the async projections
    /// are caught up in this process first (the service's daemon does this continuously).
    /// </summary>
    public static async Task CatchUpAnnualStatus(IDocumentStore store, CancellationToken ct)
    {
        if ((await AnnualStatusProgress(store, ct)).UpToDate) return;
        using var daemon = await store.BuildProjectionDaemonAsync(Tenancy.LedgerTenant.Require());
        await daemon.CatchUpAsync(TimeSpan.FromMinutes(10), ct);
    }

    public static async Task<AnnualStatusDocument> AnnualStatus(IQuerySession session, int year, DateTimeOffset now, CancellationToken ct)
    {
        var documents = await session.Query<AnnualStatus>().Where(d => d.Id <= year).ToListAsync(ct);
        var report = AnnualStatusReport.Of(year, documents, JapanDate.Of(now));
        return new AnnualStatusDocument(report, report.Title, now, await AnnualStatusProgress(session.DocumentStore, ct),
            [.. report.Tables().Select(t => new AnnualStatusTable(t.Title, t.Columns, t.Records))])
        {
            CalendarVersion = documents.FirstOrDefault(d => d.Id == year)?.CalendarVersion ?? "",
        };
    }

    /// <summary>The year's status in the asked form; the printable page's lead note is <paramref name="law"/>'s <c>reportNotes.annualStatus</c>.</summary>
    public static async Task<RenderedReport> RenderAnnualStatus(IQuerySession session, int year, ReportFormat format, DateTimeOffset now,
        AuditLedger.Deadlines.Profiles.JurisdictionProfile law, CancellationToken ct)
    {
        var document = await AnnualStatus(session, year, now, ct);
        var report = document.Status;
        var name = $"annual-status-{year.ToString(CultureInfo.InvariantCulture)}";
        var period = $"対象期間: {report.From:yyyy年M月d日}～{report.To:yyyy年M月d日}";
        var freshness = document.Projection.UpToDate
            ? $"台帳の記録（第{document.Projection.StoreHighestSequence}番の記録まで）に基づく。"
            : $"集計は第{document.Projection.ProcessedThrough}番の記録まで（台帳の最新は第{document.Projection.StoreHighestSequence}番）。集計の更新中です。";
        return format switch
        {
            ReportFormat.Csv => new RenderedReport(CsvExport.Write(report.Lines()), "text/csv; charset=utf-8", name + ".csv"),
            // The workbook is laid out as the published tables, one sheet each, headed as on the page.
            ReportFormat.Xlsx => RenderedReport.Workbook(report.Title, report.Tables()),
            ReportFormat.Html => new RenderedReport(Encoding.UTF8.GetBytes(PrintablePage.Render(report.Title, report.Tables(), now,
                    $"{law.Law.ReportNote(AuditLedger.Deadlines.Profiles.ReportNoteKeys.AnnualStatus).Ja}　{period}",
                    [$"請求の処理状況は、前年度から繰り越した請求と年度中に受け付けた請求の{report.AsOfJa}の状況（前年度からの繰越＋請求件数＝各決定＋取下げ＋処理中）。「期限内」「期限を超えた」は各決定の日における決定期限（延長、補正の期間等を反映）による。", freshness,
                     $"期限の計算に用いた祝日カレンダー: {document.CalendarVersion}"])),
                "text/html; charset=utf-8", name + ".html"),
            _ => Json(document, name + ".json"),
        };
    }
}
