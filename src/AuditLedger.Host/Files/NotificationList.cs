namespace AuditLedger.Host.Files;

using System.Globalization;
using System.Text;
using AuditLedger.Deadlines.Profiles;
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

    /// <summary>
    /// The line under the title: the body that notified, and the profile's lead note of the list
    /// (<c>reportNotes.affairNotifications</c>, which cites where the 届出 is provided for).
    /// </summary>
    public static string Note(string body, JurisdictionProfile law) => $"{body}：{law.Law.ReportNote(ReportNoteKeys.AffairNotifications).Ja}";

    /// <summary>The city-wide list's line under the title: the municipality's bodies, and the profile's lead note.</summary>
    public static string CityNote(string municipality, JurisdictionProfile law) => $"{municipality}の各実施機関：{law.Law.ReportNote(ReportNoteKeys.AffairNotifications).Ja}";

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

    /// <summary>
    /// The session's body's list: JSON (<see cref="PublishedRegister"/>, its time in Japan's offset), CSV, a printable page
    /// or a workbook, named and noted after the body and its profile.
    /// </summary>
    /// <exception cref="NotPublished">The body's law provides no 届出 (<see cref="NotProvided"/>).</exception>
    public static async Task<IResult> Render(IQuerySession session, ReportFormat format, Configuration.LedgerJurisdictions jurisdictions, DateTimeOffset asOf,
        CancellationToken ct)
    {
        var law = jurisdictions.ForTenant(session.TenantId);
        if (!Provided(law)) throw NotProvided(law);
        var body = jurisdictions.BodyName(session.TenantId);
        var table = Table(await session.Query<PersonalInformationFile>().ToListAsync(ct)) with { Title = $"{Title}（{body}）" };
        const string name = "affair-notifications";
        asOf = asOf.ToOffset(JapanDate.Offset);
        var report = format switch
        {
            ReportFormat.Csv or ReportFormat.Xlsx => RenderedReport.Sheet(table, format, name),
            ReportFormat.Html => new RenderedReport(Encoding.UTF8.GetBytes(PrintablePage.Render(table, asOf, Note(body, law))), "text/html; charset=utf-8", name + ".html"),
            _ => null,
        };
        return report?.ToResult(format) ?? Results.Json(new PublishedRegister(table.Title, asOf, table.Columns, table.Records));
    }

    /// <summary>Whether the law provides the 届出 of each 事務 to the mayor (its profile's <c>recordPolicies.notificationBeforeAcquisition</c>).</summary>
    public static bool Provided(JurisdictionProfile law) => law.RecordPolicies.NotificationBeforeAcquisition is not null;

    /// <summary>
    /// The refusal where the law provides no 届出 (its profile's <c>recordPolicies</c> has no <c>notificationBeforeAcquisition</c>,
    /// as Urayasu's): there is no list to publish, rather than an empty one that suggests nothing was notified.
    /// </summary>
    public static NotPublished NotProvided(JurisdictionProfile law) => new("notifications.not-provided",
        $"{law.Name.Ja}の規程には個人情報を取り扱う事務の届出の定めがないため、届出一覧はありません。公表している資料は個人情報ファイル簿（/register/published.html）です。",
        $"The law of {law.Name.En} provides no notification of affairs to the mayor, so there is no list of notifications; its published register is at /register/published.html.");

    /// <summary>
    /// The bodies' lists as one table for Excel and CSV: a first column naming the body (実施機関), then the list's columns,
    /// the bodies in the order their profile declares them.
    /// </summary>
    public static ReportTable CityTable(string municipality, IReadOnlyList<(string Body, ReportTable List)> bodies) => new(
        $"{Title}（{municipality}）",
        [new("body", "実施機関", null), .. Columns],
        [.. bodies.SelectMany(b => b.List.Rows.Select(row => (IReadOnlyList<string>)[b.Body, .. row]))]);

    /// <summary>
    /// The city's list (市の情報公開コーナー): every body's 届出 and how many in all. The printable page has one section per
    /// body (an empty body says so) and the total at the foot; CSV and the workbook are <see cref="CityTable"/>.
    /// </summary>
    public static RenderedReport? RenderCity(string municipality, JurisdictionProfile law, IReadOnlyList<(string Body, ReportTable List)> bodies, ReportFormat format,
        DateTimeOffset asOf)
    {
        const string name = "affair-notifications-city";
        var total = bodies.Sum(b => b.List.Rows.Count);
        return format switch
        {
            ReportFormat.Csv or ReportFormat.Xlsx => RenderedReport.Sheet(CityTable(municipality, bodies), format, name),
            ReportFormat.Html => new RenderedReport(Encoding.UTF8.GetBytes(PrintablePage.Render($"{Title}（{municipality}）",
                    [.. bodies.Select(b => b.List with { Title = $"{b.Body}（{b.List.Rows.Count}件）" })], asOf.ToOffset(JapanDate.Offset), CityNote(municipality, law),
                    [$"合計: {total}件（{bodies.Count}機関）"])),
                "text/html; charset=utf-8", name + ".html"),
            _ => null,
        };
    }
}
