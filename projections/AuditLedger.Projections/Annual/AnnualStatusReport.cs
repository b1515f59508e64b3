namespace AuditLedger.Projections.Annual;

using System.Globalization;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Reporting;

/// <summary>Files (Art. 17): registered and retired in the year, and held on 31 March.</summary>
public sealed record FileCounts(int Registered, int ComputerProcessed, int Manual, int Retired, int HeldAtYearEnd);

/// <summary>
/// Requests of one kind (or all, when <see cref="Kind"/> is null): those carried over from earlier years (still open on
/// 1 April), those received in the year by requester type, and where all of them stood at the end of the year (31 March,
/// or the day counted when that is earlier), by outcome (keys: the CaseOutcome names, Withdrawn, Pending). The year
/// balances: <c>CarriedOver + Received</c> = the sum of <see cref="ByOutcome"/> (see <see cref="Balances"/>), and a year's
/// Pending is the next year's CarriedOver.
/// </summary>
public sealed record RequestCounts(RequestKind? Kind, string Label, int CarriedOver, int Received,
    IReadOnlyDictionary<string, int> ByRequester, IReadOnlyDictionary<string, int> ByOutcome)
{
    /// <summary>Carried over + received = each outcome + withdrawn + pending at the year's end.</summary>
    public bool Balances => CarriedOver + Received == ByOutcome.Values.Sum();
}

/// <summary>One month of the year: requests received by kind and decisions made.</summary>
public sealed record MonthCounts(int Year, int Month, string Label, int Disclosure, int Correction, int Suspension, int Received, int Decisions);

/// <summary>Decisions made in the year of one kind (or all): within the deadline, after it, extensions and special-deadline notices.</summary>
public sealed record DeadlineCounts(RequestKind? Kind, string Label, int Decisions, int InTime, int Late, int NotCounted, int OfEarlierYears,
    int Extensions, int SpecialDeadlines);

/// <summary>Review requests (Art. 44) and what followed in the year: consultations (45(1)), the exceptions, board reports, rulings.</summary>
public sealed record ReviewCounts(int Requested, IReadOnlyDictionary<string, int> RequestedByKind, int AgainstInaction, int ByThirdParty,
    int Consulted, IReadOnlyDictionary<string, int> NotConsulted, int BoardReports, IReadOnlyDictionary<string, int> Rulings);

/// <summary>Incidents of one kind (or all) detected in the year, as they stood on 31 March.</summary>
public sealed record IncidentCounts(IncidentKind? Kind, string Label, int Detected, int Serious, int NotYetAssessed, int Persons, int ClosedByYearEnd);

/// <summary>Purpose-external uses and provisions in the year on one ground.</summary>
public sealed record GroundCounts(UseGround Ground, string Label, int PurposeExternalUses, int Provisions);

/// <summary>
/// The annual enforcement status (施行の状況, Art. 51) of one fiscal year as data, counted from the <see cref="AnnualStatus"/>
/// documents: the year's own, and the earlier years' for what was carried into it (files held, requests still open).
/// <see cref="Tables"/> gives it as the tables the page and the CSV show. What stands "at the year's end" is counted on
/// <see cref="CountedAsOf"/>: 31 March, or the day of counting when the year has not ended (the tables then say
/// "2026年11月30日現在", not the year's end).
/// </summary>
public sealed record AnnualStatusReport(
    int FiscalYear,
    string NameJa,
    DateOnly From,
    DateOnly To,
    DateOnly CountedAsOf,
    FileCounts Files,
    IReadOnlyList<RequestCounts> Requests,
    IReadOnlyList<MonthCounts> Months,
    IReadOnlyList<DeadlineCounts> Deadlines,
    ReviewCounts Reviews,
    IReadOnlyList<IncidentCounts> Incidents,
    IReadOnlyList<GroundCounts> UsesAndProvisions)
{
    public const string Withdrawn = "Withdrawn";
    public const string Pending = "Pending";
    private const string Total = "計";
    private const string NotApplicable = "－";

    /// <param name="year">The fiscal year.</param>
    /// <param name="documents">The documents of this year and of earlier years (missing years have none).</param>
    /// <param name="today">The Japan date of counting: a year not yet ended is counted as of this day.</param>
    public static AnnualStatusReport Of(int year, IEnumerable<AnnualStatus> documents, DateOnly today)
    {
        var all = documents.Where(d => d.Id <= year).ToList();
        var doc = all.FirstOrDefault(d => d.Id == year) ?? new AnnualStatus { Id = year };
        var firstDay = Domain.Common.FiscalYear.FirstDay(year);
        var earlier = all.Where(d => d.Id < year).ToList();
        var carried = earlier.SelectMany(d => d.Requests.Select(r => (Request: r, Case: d.Cases.GetValueOrDefault(r.CaseId))))
            .Where(x => x.Case is null || !SettledBefore(x.Case, firstDay))
            .Select(x => x.Request).ToList();

        var files = all.SelectMany(d => d.Files).ToList();
        var registered = doc.Files.Where(f => !f.Retired).ToList();
        var fileCounts = new FileCounts(registered.Count, registered.Count(f => f.Kind == FileKind.ComputerProcessed), registered.Count(f => f.Kind == FileKind.Manual),
            doc.Files.Count(f => f.Retired), files.Count(f => !f.Retired) - files.Count(f => f.Retired));

        // A carried-over request with no step this year was still open at its end; one with a step is as the year left it.
        var carriedAtYearEnd = carried.Select(r => doc.CarriedIn.FirstOrDefault(c => c.CaseId == r.CaseId) ?? r.OpenFromTheStart()).ToList();
        var lastDay = Domain.Common.FiscalYear.LastDay(year);
        return new AnnualStatusReport(year, Domain.Common.FiscalYear.Japanese(year), firstDay, lastDay, today < lastDay ? today : lastDay, fileCounts,
            PerKind(kind => CountRequests(kind, doc.Requests, carriedAtYearEnd)),
            [.. Domain.Common.FiscalYear.Months(year).Select(m => Month(m.Year, m.Month, doc))],
            PerKind(kind => CountDeadlines(kind, doc, firstDay)),
            CountReviews(doc.Reviews),
            [.. Enum.GetValues<IncidentKind>().Select(k => (IncidentKind?)k).Append(null).Select(k => CountIncidents(k, doc.Incidents))],
            [.. Enum.GetValues<UseGround>().Select(g => new GroundCounts(g, CaseLabels.Ground(g),
                doc.Uses.Count(u => u.Ground == g && u.Action == RecordAction.PurposeExternalUse), doc.Uses.Count(u => u.Ground == g && u.Action == RecordAction.Provision)))]);
    }

    private static bool SettledBefore(RequestCase c, DateOnly day) => c.DecidedOn < day || c.WithdrawnOn < day;

    /// <summary>One row per request kind, then the total (kind null).</summary>
    private static IReadOnlyList<T> PerKind<T>(Func<RequestKind?, T> row) =>
        [.. Enum.GetValues<RequestKind>().Select(k => (RequestKind?)k).Append(null).Select(row)];

    private static string KindLabel(RequestKind? kind) => kind is { } k ? CaseLabels.Kind(k) : Total;

    /// <param name="requests">Received in the year, as they stood at its end.</param>
    /// <param name="carried">Carried over into the year, as they stood at its end.</param>
    private static RequestCounts CountRequests(RequestKind? kind, IEnumerable<RequestEntry> requests, IEnumerable<RequestEntry> carried)
    {
        var ofKind = requests.Where(r => kind is null || r.Kind == kind).ToList();
        var carriedOfKind = carried.Where(r => kind is null || r.Kind == kind).ToList();
        var handled = ofKind.Concat(carriedOfKind).ToList();
        var byOutcome = Enum.GetValues<CaseOutcome>().Where(o => kind is null || o.BelongsTo(kind.Value))
            .ToDictionary(o => o.ToString(), o => handled.Count(r => r.StatusAtYearEnd == CaseStatus.Decided && r.OutcomeAtYearEnd == o));
        byOutcome[Withdrawn] = handled.Count(r => r.StatusAtYearEnd == CaseStatus.Withdrawn);
        byOutcome[Pending] = handled.Count(r => r.StatusAtYearEnd == CaseStatus.Open);
        return new RequestCounts(kind, KindLabel(kind), carriedOfKind.Count, ofKind.Count,
            Enum.GetValues<RequesterType>().ToDictionary(t => t.ToString(), t => ofKind.Count(r => r.RequesterType == t)), byOutcome);
    }

    private static MonthCounts Month(int year, int month, AnnualStatus doc)
    {
        bool InMonth(DateOnly day) => day.Year == year && day.Month == month;
        var received = doc.Requests.Where(r => InMonth(r.ReceivedOn)).ToList();
        return new MonthCounts(year, month, $"{month.ToString(CultureInfo.InvariantCulture)}月",
            received.Count(r => r.Kind == RequestKind.Disclosure), received.Count(r => r.Kind == RequestKind.Correction),
            received.Count(r => r.Kind == RequestKind.Suspension), received.Count, doc.Decisions.Count(d => InMonth(d.DecidedOn)));
    }

    private static DeadlineCounts CountDeadlines(RequestKind? kind, AnnualStatus doc, DateOnly firstDay)
    {
        var decisions = doc.Decisions.Where(d => kind is null || d.Kind == kind).ToList();
        var extensions = doc.Extensions.Where(x => kind is null || x.Kind == kind).ToList();
        return new DeadlineCounts(kind, KindLabel(kind), decisions.Count, decisions.Count(d => d.InTime == true), decisions.Count(d => d.InTime == false),
            decisions.Count(d => d.InTime is null), decisions.Count(d => d.ReceivedOn < firstDay), extensions.Count(x => !x.Special), extensions.Count(x => x.Special));
    }

    private static ReviewCounts CountReviews(IReadOnlyList<ReviewEntry> reviews)
    {
        var requested = reviews.Where(r => r.Step == ReviewStep.Requested).ToList();
        return new ReviewCounts(requested.Count,
            Enum.GetValues<RequestKind>().ToDictionary(k => k.ToString(), k => requested.Count(r => r.CaseKind == k)),
            requested.Count(r => r.Target == ReviewTarget.Inaction), requested.Count(r => r.ByThirdParty),
            reviews.Count(r => r.Step == ReviewStep.Consulted),
            Enum.GetValues<ConsultationException>().ToDictionary(e => e.ToString(), e => reviews.Count(r => r.Step == ReviewStep.ConsultationException && r.Exception == e)),
            reviews.Count(r => r.Step == ReviewStep.BoardReported),
            Enum.GetValues<ReviewOutcome>().ToDictionary(o => o.ToString(), o => reviews.Count(r => r.Step == ReviewStep.Ruled && r.Outcome == o)));
    }

    private static IncidentCounts CountIncidents(IncidentKind? kind, IEnumerable<IncidentEntry> incidents)
    {
        var ofKind = incidents.Where(i => kind is null || i.Kind == kind).ToList();
        return new IncidentCounts(kind, kind is { } k ? IncidentReportView.KindNames[k] : Total, ofKind.Count, ofKind.Count(i => i.Serious == true),
            ofKind.Count(i => i.Serious is null), ofKind.Sum(i => i.Persons), ofKind.Count(i => i.ClosedOn is not null));
    }

    // ---- as tables: the page and the CSV ----

    public string Title => $"{NameJa}　個人情報の保護に関する条例の施行の状況";

    /// <summary>The day what stands at the year's end is counted on, as the tables write it: 2026年3月31日現在, or the day of counting.</summary>
    public string AsOfJa => $"{CountedAsOf:yyyy年M月d日}現在";

    /// <summary>The published tables: each has a label column (区分, 請求の種類, 月, 根拠), then columns of counts (numbers in a workbook).</summary>
    public IReadOnlyList<ReportTable> Tables() =>
        [.. TablesAsWritten().Select(t => t with { Columns = [t.Columns[0], .. t.Columns.Skip(1).Select(c => c with { Kind = CellKind.Number })] })];

    private IReadOnlyList<ReportTable> TablesAsWritten() =>
    [
        new("個人情報ファイルの保有状況", [Col("item", "区分", "第17条"), Col("count", "件数")],
        [
            ["年度中に個人情報ファイル簿に掲載したファイル", N(Files.Registered)],
            ["　うち電子計算機処理に係るもの（第2条第5項第1号）", N(Files.ComputerProcessed)],
            ["　うちマニュアル処理に係るもの（第2条第5項第2号）", N(Files.Manual)],
            ["年度中に廃止したファイル", N(Files.Retired)],
            [$"{AsOfJa}の保有ファイル数", N(Files.HeldAtYearEnd)],
        ]),
        new("開示・訂正・利用停止請求の件数と処理状況", [
                Col("kind", "請求の種類", "第18条・第31条・第38条"), Col("carriedOver", "前年度からの繰越"), Col("received", "請求件数"),
                .. OutcomeColumns.Select(c => Col(c.Key, c.Heading, c.Article))],
            [.. Requests.Select(r => (IReadOnlyList<string>)[r.Label, N(r.CarriedOver), N(r.Received),
                .. OutcomeColumns.Select(c => r.ByOutcome.TryGetValue(c.Key, out var n) ? N(n) : NotApplicable)])]),
        new("請求者の区分別件数", [Col("kind", "請求の種類"), .. Enum.GetValues<RequesterType>().Select(t => Col(t.ToString(), CaseLabels.Requester(t), "第18条第2項")), Col("total", Total)],
            [.. Requests.Select(r => (IReadOnlyList<string>)[r.Label, .. Enum.GetValues<RequesterType>().Select(t => N(r.ByRequester[t.ToString()])), N(r.Received)])]),
        new("月別の請求件数及び決定件数", [Col("month", "月"), .. Enum.GetValues<RequestKind>().Select(k => Col(k.ToString(), CaseLabels.Kind(k))), Col("received", "請求件数計"), Col("decisions", "決定件数")],
            [.. Months.Select(m => (IReadOnlyList<string>)[m.Label, N(m.Disclosure), N(m.Correction), N(m.Suspension), N(m.Received), N(m.Decisions)]),
             [Total, N(Months.Sum(m => m.Disclosure)), N(Months.Sum(m => m.Correction)), N(Months.Sum(m => m.Suspension)), N(Months.Sum(m => m.Received)), N(Months.Sum(m => m.Decisions))]]),
        new("決定の期限の遵守状況", [
                Col("kind", "請求の種類"), Col("decisions", "年度中の決定件数", "第24条・第34条・第41条"), Col("inTime", "期限内の決定"), Col("late", "期限を超えた決定"),
                Col("notCounted", "期限を算定できないもの"), Col("ofEarlierYears", "うち前年度以前の請求に係るもの"),
                Col("extensions", "期限の延長", "第25条第2項・第35条第2項・第42条第2項"), Col("specialDeadlines", "期限の特例", "第26条・第36条・第43条")],
            [.. Deadlines.Select(d => (IReadOnlyList<string>)[d.Label, N(d.Decisions), N(d.InTime), N(d.Late), N(d.NotCounted), N(d.OfEarlierYears), N(d.Extensions), N(d.SpecialDeadlines)])]),
        new("審査請求及び審査会への諮問", [Col("item", "区分", "第44条～第46条"), Col("count", "件数")],
        [
            ["審査請求の件数", N(Reviews.Requested)],
            .. Enum.GetValues<RequestKind>().Select(k => (IReadOnlyList<string>)[$"　うち{CaseLabels.Kind(k)}に係るもの", N(Reviews.RequestedByKind[k.ToString()])]),
            ["　うち不作為に係るもの", N(Reviews.AgainstInaction)],
            ["　うち第三者からのもの", N(Reviews.ByThirdParty)],
            ["審査会への諮問（第45条第1項）", N(Reviews.Consulted)],
            .. Enum.GetValues<ConsultationException>().Select(e => (IReadOnlyList<string>)[$"諮問をしなかったもの（{CaseLabels.Exception(e)}）", N(Reviews.NotConsulted[e.ToString()])]),
            ["審査会からの答申", N(Reviews.BoardReports)],
            .. Enum.GetValues<ReviewOutcome>().Select(o => (IReadOnlyList<string>)[$"裁決（{CaseLabels.Ruling(o)}）", N(Reviews.Rulings[o.ToString()])]),
        ]),
        new("漏えい等事案", [Col("kind", "区分", "第9条・第11条"), Col("detected", "件数"), Col("serious", "うち議長が定める事態に該当"),
                Col("notAssessed", $"うち{AsOfJa}で評価未了"), Col("persons", "影響を受けた本人の数"), Col("closed", $"{CountedAsOf:yyyy年M月d日}までに終結")],
            [.. Incidents.Select(i => (IReadOnlyList<string>)[i.Label, N(i.Detected), N(i.Serious), N(i.NotYetAssessed), N(i.Persons), N(i.ClosedByYearEnd)])]),
        new("利用目的以外の目的のための利用及び提供", [Col("ground", "根拠", "第12条・第13条・第15条"), Col("uses", "目的外利用"), Col("provisions", "提供"), Col("total", Total)],
            [.. UsesAndProvisions.Select(g => (IReadOnlyList<string>)[g.Label, N(g.PurposeExternalUses), N(g.Provisions), N(g.PurposeExternalUses + g.Provisions)]),
             [Total, N(UsesAndProvisions.Sum(g => g.PurposeExternalUses)), N(UsesAndProvisions.Sum(g => g.Provisions)), N(UsesAndProvisions.Sum(g => g.PurposeExternalUses + g.Provisions))]]),
    ];

    /// <summary>
    /// Every count as one line (表, 行, 列, 件数): the CSV form, which keeps all tables in one sheet and reads back without
    /// knowing each table's columns.
    /// </summary>
    public ReportTable Lines() => new(Title,
        [Col("table", "表"), Col("row", "行"), Col("column", "列"), Col("value", "件数") with { Kind = CellKind.Number }],
        [.. Tables().SelectMany(t => t.Rows.SelectMany(row => t.Columns.Skip(1).Select((c, i) => (IReadOnlyList<string>)[t.Title, row[0].Trim('　'), c.Heading, row[i + 1]])))]);

    /// <summary>The outcome columns: a request's decision as municipal tables name it, then 取下げ and 処理中 (still open on 31 March).</summary>
    private IReadOnlyList<(string Key, string Heading, string? Article)> OutcomeColumns =>
    [
        .. Enum.GetValues<CaseOutcome>().Select(o => (o.ToString(), CaseLabels.Outcome(o), (string?)OutcomeArticle(o))),
        (Withdrawn, CaseLabels.Withdrawn, null),
        (Pending, $"{CaseLabels.Pending}（{AsOfJa}）", null),
    ];

    private static string? OutcomeArticle(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.DisclosedInPart => "第21条",
        CaseOutcome.DisclosedAtDiscretion => "第22条",
        CaseOutcome.ExistenceNeitherConfirmedNorDenied => "第23条",
        CaseOutcome.Corrected or CaseOutcome.CorrectionRefused => "第34条",
        CaseOutcome.UseSuspended or CaseOutcome.SuspensionRefused => "第41条",
        CaseOutcome.Dismissed => null,
        _ => "第24条",
    };

    private static ReportColumn Col(string key, string heading, string? article = null) => new(key, heading, article);

    private static string N(int count) => count.ToString(CultureInfo.InvariantCulture);
}
