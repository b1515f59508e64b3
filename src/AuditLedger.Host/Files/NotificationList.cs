namespace AuditLedger.Host.Files;

using System.Globalization;
using System.Text;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Reporting;
using Marten;

/// <summary>
/// 届出の一覧 for the 情報公開コーナー: every 事務 notified to the mayor (the files with a <see cref="FileNotifiedToMayor"/>), with
/// the register items as notified. One column definition (<see cref="Table"/>) serves the printable page, CSV and the workbook,
/// as the published file register does. No personal data: the items are a file's register items.
/// </summary>
public static class NotificationList
{
    public const string Title = "個人情報を取り扱う事務の届出一覧";
    public const string Note = "個人情報を取り扱う事務について、あらかじめ市長に届け出た内容（情報公開コーナーで閲覧に供するもの）";

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("fileId", "個人情報ファイルID", null),
        new("notifiedOn", "届出日", null, CellKind.Date),
        new("affairName", "事務の名称", null),
        new("fileName", "個人情報ファイルの名称", null),
        new("organisation", "事務をつかさどる組織", null),
        new("purposes", "利用目的", null),
        new("recordedItems", "記録項目（個人情報の区分）", null),
        new("recordScope", "記録範囲", null),
        new("sources", "収集方法（収集先）", null),
        new("status", "状態", null),
    ];

    public static ReportTable Table(IEnumerable<PersonalInformationFile> files) => new(Title, Columns,
        [.. files.Where(f => f.NotifiedToMayorAt is not null)
            .OrderBy(f => f.NotifiedToMayorAt).ThenBy(f => f.Id)
            .Select(f => (f, Items: f.NotifiedItems ?? f.Items))
            .Select(x => (IReadOnlyList<string>)
            [
                x.f.Id.ToString(),
                JapanDate.Of(x.f.NotifiedToMayorAt!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                x.f.AffairName ?? "",
                x.Items.Name,
                x.Items.Organisation,
                string.Join("／", x.Items.PurposesOfUse),
                string.Join("、", x.Items.RecordedItems),
                x.Items.RecordScope,
                x.Items.CollectionMethod,
                x.f.Status == FileStatus.Retired ? "廃止" : "届出中",
            ])]);

    public static async Task<IResult> Render(IQuerySession session, ReportFormat format, DateTimeOffset asOf, CancellationToken ct)
    {
        var table = Table(await session.Query<PersonalInformationFile>().ToListAsync(ct));
        const string name = "affair-notifications";
        var report = format switch
        {
            ReportFormat.Csv or ReportFormat.Xlsx => RenderedReport.Sheet(table, format, name),
            ReportFormat.Html => new RenderedReport(Encoding.UTF8.GetBytes(PrintablePage.Render(table, asOf, Note)), "text/html; charset=utf-8", name + ".html"),
            _ => null,
        };
        return report?.ToResult(format) ?? Results.Json(new PublishedRegister(table.Title, asOf, table.Columns, table.Records));
    }
}
