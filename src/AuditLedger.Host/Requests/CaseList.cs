namespace AuditLedger.Host.Requests;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Projections.Deadlines;
using Marten;

/// <summary>
/// 受付番号: the number a clerk writes on the receipt (受付票) and reads back at the counter. The ledger identifies a case by
/// its id only, so the number is derived from it, deterministically: the Japanese date of receipt and the last 8 hex digits
/// of the case id (the random part of a version-7 id), e.g. 20261124-3F9A0C1D. Holds no personal data.
/// </summary>
public static partial class ReceiptNumbers
{
    public static string Of(Guid caseId, DateOnly receivedOn) =>
        $"{receivedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{Suffix(caseId)}";

    public static string Of(RequestCase c) => Of(c.Id, c.ReceivedOn);

    /// <summary>The case's short reference (<see cref="Web.StreamReference"/>): the last 8 hex digits of the id, upper case.</summary>
    public static string Suffix(Guid caseId) => Web.StreamReference.Short(caseId);

    /// <summary>Reads a receipt number as typed (full-width digits, lower case, spaces allowed); null when it is not one.</summary>
    public static (DateOnly ReceivedOn, string Suffix)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normal = text.Normalize(NormalizationForm.FormKC).Replace(" ", "").ToUpperInvariant();
        var match = Pattern().Match(normal);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return null;
        return (date, match.Groups["suffix"].Value);
    }

    [GeneratedRegex("^(?<date>[0-9]{8})-?(?<suffix>[0-9A-F]{8})$")]
    private static partial Regex Pattern();
}

/// <summary>What the request list (請求の一覧) filters on; every part optional. No personal data: it may travel in a URL.</summary>
public sealed record CaseListFilter
{
    public RequestKind? Kind { get; init; }
    public CaseStatus? Status { get; init; }
    public RequesterType? RequesterType { get; init; }
    public DateOnly? ReceivedFrom { get; init; }
    public DateOnly? ReceivedTo { get; init; }
    /// <summary>Only cases with an open clock due within this many days from today (today included).</summary>
    public int? DueWithinDays { get; init; }
    /// <summary>Only cases with an office clock past its date and not met (期限超過).</summary>
    public bool OverdueOnly { get; init; }
    /// <summary>受付番号 (<see cref="ReceiptNumbers"/>).</summary>
    public string? ReceiptNumber { get; init; }
}

/// <summary>One case of the list: its receipt number, kind, receipt, status and the nearest open clock as the deadline view reads it today.</summary>
public sealed record CaseListRow(Guid CaseId, string ReceiptNumber, RequestKind Kind, RequesterType RequesterType, DateTimeOffset ReceivedAt,
    CaseStatus Status, CaseOutcome? Outcome, DeadlineRow? NearestClock);

/// <summary>
/// The request list (請求の一覧): cases by kind, status, requester type and day of receipt from the case documents, each with
/// the nearest open clock from the deadline view (<see cref="DeadlineQueries.Report"/>: the same reading as /api/deadlines).
/// </summary>
public static class CaseList
{
    /// <summary>At most this many cases, newest first.</summary>
    public const int Limit = 500;

    public static async Task<IReadOnlyList<CaseListRow>> Find(IQuerySession session, DeadlineQueries deadlines, CaseListFilter filter, CancellationToken ct)
    {
        IQueryable<RequestCase> query = session.Query<RequestCase>();
        if (filter.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (filter.Status is { } status) query = query.Where(c => c.Status == status);
        if (filter.RequesterType is { } requester) query = query.Where(c => c.RequesterType == requester);
        var from = filter.ReceivedFrom;
        var to = filter.ReceivedTo;
        var receipt = ReceiptNumbers.Parse(filter.ReceiptNumber);
        if (filter.ReceiptNumber is { Length: > 0 } && receipt is null) return [];
        if (receipt is { } r)
        {
            from = from is { } f && f > r.ReceivedOn ? f : r.ReceivedOn;
            to = to is { } t && t < r.ReceivedOn ? t : r.ReceivedOn;
        }
        if (from is { } first)
        {
            var start = JapanDate.StartOf(first);
            query = query.Where(c => c.ReceivedAt >= start);
        }
        if (to is { } last)
        {
            var end = JapanDate.StartOf(last.AddDays(1));
            query = query.Where(c => c.ReceivedAt < end);
        }
        var cases = (await query.OrderByDescending(c => c.ReceivedAt).Take(Limit).ToListAsync(ct)).AsEnumerable();
        if (receipt is { } wanted) cases = cases.Where(c => ReceiptNumbers.Suffix(c.Id) == wanted.Suffix);
        var list = cases.ToList();
        var views = (await session.LoadManyAsync<CaseDeadlines>(ct, list.Select(c => c.Id))).ToDictionary(v => v.Id);
        var today = deadlines.Today;
        var rows = new List<CaseListRow>();
        foreach (var c in list)
        {
            var clocks = views.TryGetValue(c.Id, out var view) ? deadlines.Report(view, today).Clocks : [];
            var open = clocks.Where(k => k.State.IsOpen()).OrderBy(k => k.Party == ClockParty.Office ? 0 : 1).ThenBy(k => k.DueOn ?? DateOnly.MaxValue).ToList();
            if (filter.OverdueOnly && !open.Any(k => k.State == ClockState.Overdue)) continue;
            if (filter.DueWithinDays is { } days && !open.Any(k => k.DueOn is { } due && due <= today.AddDays(days))) continue;
            rows.Add(new CaseListRow(c.Id, ReceiptNumbers.Of(c), c.Kind, c.RequesterType, c.ReceivedAt, c.Status, c.Outcome, open.FirstOrDefault()));
        }
        return rows;
    }
}
