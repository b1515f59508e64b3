namespace AuditLedger.Host.CityWide;

using System.Globalization;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Host.AnnualStatus;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Tenancy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

/// <summary>One body's (実施機関's) part of a city-wide publication: its id, its name and what it publishes.</summary>
public sealed record BodyPublication<T>(string Tenant, string NameJa, string NameEn, T Published);

/// <summary>The published file register (個人情報ファイル簿) of every body of a municipality, each body's rows as that body publishes them, and how many files in all.</summary>
public sealed record CityRegister(string Municipality, DateTimeOffset AsOf, IReadOnlyList<BodyPublication<PublishedRegister>> Bodies, int TotalFiles);

/// <summary>The list of 届出 (事務の届出一覧) of every body of a municipality, each body's as it publishes it, and how many 届出 in all.</summary>
public sealed record CityNotifications(string Municipality, DateTimeOffset AsOf, IReadOnlyList<BodyPublication<PublishedRegister>> Bodies, int TotalNotifications);

/// <summary>The annual status (施行の状況) of every body of a municipality for one fiscal year, and the city's total (each count summed over the bodies).</summary>
public sealed record CityAnnualStatus(string Municipality, int Year, DateTimeOffset AsOf, IReadOnlyList<BodyPublication<IReadOnlyList<AnnualStatusTable>>> Bodies,
    IReadOnlyList<AnnualStatusTable> Total);

/// <summary>
/// The city-wide views the law gives the public: a municipality publishes the file register of each of its bodies
/// (実施機関: the mayor, the board of education, the council…) and the annual status by body and in total. Each body is a
/// tenant with its own data; a city-wide view reads each body of the municipality in turn, on a session of that body alone
/// (<see cref="IDocumentStore.QuerySession(string)"/>), only what that body publishes, and puts them side by side. Which
/// bodies a municipality has comes from the profiles (<see cref="ProfileCatalog.Tenants"/>), never from code. Anonymous on
/// purpose, like each body's own published register and annual status. An unknown municipality is a 404.
/// </summary>
public static class CityWideEndpoints
{
    /// <summary>The bodies (tenants) of a municipality served here, in the order the profiles declare them.</summary>
    public static IReadOnlyList<TenantDefinition> Bodies(LedgerJurisdictions jurisdictions, TenantPlacement placement, string municipality) =>
        [.. jurisdictions.Catalog.Tenants.Where(t => string.Equals(t.Municipality, municipality, StringComparison.Ordinal)
            && placement.TenantIds.Contains(t.Id, StringComparer.Ordinal))];

    /// <summary>Reads <paramref name="read"/> for every body of the municipality, each on its own session (and ambient tenant).</summary>
    public static async Task<IReadOnlyList<BodyPublication<T>>> ForEachBody<T>(IDocumentStore store, IReadOnlyList<TenantDefinition> bodies,
        Func<IQuerySession, Task<T>> read)
    {
        var published = new List<BodyPublication<T>>();
        foreach (var body in bodies)
        {
            using var _ = LedgerTenant.Enter(body.Id);
            await using var session = store.QuerySession(body.Id);
            published.Add(new BodyPublication<T>(body.Id, body.Name.Ja, body.Name.En, await read(session)));
        }
        return published;
    }

    /// <summary>The published file register of every body of the municipality (e.g. <c>nagareyama</c>), and the number of files in all.</summary>
    [WolverineGet("/api/city/{municipality}/register/published"), Tags("Register"), AllowAnonymous]
    public static async Task<IResult> CityRegister(string municipality, IDocumentStore store, LedgerJurisdictions jurisdictions, TenantPlacement placement,
        TimeProvider time, CancellationToken ct)
    {
        var bodies = Bodies(jurisdictions, placement, municipality);
        if (bodies.Count == 0) throw NoSuchMunicipality(municipality);
        var now = time.GetUtcNow().ToOffset(AuditLedger.Domain.Common.JapanDate.Offset);
        var registers = await ForEachBody(store, bodies, async session =>
        {
            var table = await LedgerReports.RegisterView(session, published: true, ct);
            return new PublishedRegister(table.Title, now, table.Columns, table.Records);
        });
        return Results.Json(new CityRegister(municipality, now, registers, registers.Sum(r => r.Published.Files.Count())), LedgerJson.Options);
    }

    /// <summary>
    /// The city's list of 届出 for its 情報公開コーナー: every body's 事務 notified to the mayor, by body, and the total.
    /// format=json (default; <see cref="CityNotifications"/>) | html (a printable page, a section per body, the total at
    /// the foot) | csv | xlsx (one table, the body in its first column). An unknown municipality is a 404, an unknown format a 400.
    /// </summary>
    [WolverineGet("/api/city/{municipality}/notifications"), Tags("Register"), AllowAnonymous]
    public static async Task<IResult> CityNotificationList(string municipality, string? format, IDocumentStore store, LedgerJurisdictions jurisdictions,
        TenantPlacement placement, TimeProvider time, CancellationToken ct)
    {
        var reportFormat = ReportFormats.Parse(format);
        var bodies = Bodies(jurisdictions, placement, municipality);
        if (bodies.Count == 0) throw NoSuchMunicipality(municipality);
        var now = time.GetUtcNow().ToOffset(AuditLedger.Domain.Common.JapanDate.Offset);
        var law = jurisdictions.Catalog.Get(bodies[0].JurisdictionId);
        if (!Files.NotificationList.Provided(law)) throw Files.NotificationList.NotProvided(law);
        var lists = await ForEachBody(store, bodies, async session =>
            Files.NotificationList.Table(await session.Query<AuditLedger.Domain.Files.PersonalInformationFile>().ToListAsync(ct)));
        if (Files.NotificationList.RenderCity(law.Name.Ja, law, [.. lists.Select(l => (l.NameJa, l.Published))], reportFormat, now) is { } rendered)
            return rendered.ToResult(reportFormat);
        var published = lists.Select(l => new BodyPublication<PublishedRegister>(l.Tenant, l.NameJa, l.NameEn,
            new PublishedRegister(l.Published.Title, now, l.Published.Columns, l.Published.Records))).ToList();
        return Results.Json(new CityNotifications(municipality, now, published, lists.Sum(l => l.Published.Rows.Count)), LedgerJson.Options);
    }

    /// <summary>The annual status of a fiscal year of every body of the municipality, and the city's total.</summary>
    [WolverineGet("/api/city/{municipality}/annual-status/{year}"), Tags("Annual status"), AllowAnonymous]
    public static async Task<IResult> CityAnnualStatus(string municipality, string year, IDocumentStore store, LedgerJurisdictions jurisdictions,
        TenantPlacement placement, TimeProvider time, CancellationToken ct)
    {
        var bodies = Bodies(jurisdictions, placement, municipality);
        if (bodies.Count == 0) throw NoSuchMunicipality(municipality);
        var now = time.GetUtcNow().ToOffset(AuditLedger.Domain.Common.JapanDate.Offset);
        var fiscalYear = LedgerReports.ParseFiscalYear(year, now);
        var statuses = await ForEachBody(store, bodies, async session =>
            (IReadOnlyList<AnnualStatusTable>)[.. (await LedgerReports.AnnualStatus(session, fiscalYear, now, ct)).Tables]);
        return Results.Json(new CityAnnualStatus(municipality, fiscalYear, now, statuses, Total([.. statuses.Select(s => s.Published)])), LedgerJson.Options);
    }

    /// <summary>
    /// The tables of every body summed: the same tables, rows and columns (every body's status is laid out alike), each cell
    /// that is a count in every body the sum of the counts, any other cell (a row's label) as the first body has it.
    /// </summary>
    public static IReadOnlyList<AnnualStatusTable> Total(IReadOnlyList<IReadOnlyList<AnnualStatusTable>> bodies)
    {
        if (bodies.Count == 0) return [];
        var first = bodies[0];
        return [.. first.Select((table, t) => table with
        {
            Rows = [.. table.Rows.Select((row, r) => (IReadOnlyDictionary<string, string>)row.ToDictionary(cell => cell.Key, cell =>
            {
                var values = bodies.Select(b => t < b.Count ? b[t].Rows.ElementAtOrDefault(r)?.GetValueOrDefault(cell.Key) : null).ToList();
                return values.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    ? values.Sum(v => long.Parse(v!, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)
                    : cell.Value;
            }))],
        })];
    }

    private static Reports.NotPublished NoSuchMunicipality(string municipality) => new("municipality.unknown",
        $"市町村「{municipality}」の実施機関はこのシステムで扱っていません。URLの市町村名（例: nagareyama）を確かめてください。",
        $"No body of the municipality '{municipality}' is served here. Check the municipality in the address (e.g. nagareyama).");
}
