namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Projections.Annual;
using AuditLedger.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The annual enforcement status (Art. 51) built by the async daemon from a year of cases, files, records and an incident
/// in 令和5年度 (April 2023 - March 2024) and the first days of 令和6年度, through the real commands. No other test writes
/// in those years, so every count is this history's.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class AnnualStatusTests(LedgerFixture fixture, ITestOutputHelper output)
{
    private readonly HttpClient _http = fixture.CreateClient();

    [Fact]
    public async Task the_year_counts_files_requests_outcomes_requesters_months_deadlines_reviews_incidents_and_grounds()
    {
        await AnnualHistory.Build(fixture);
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var fy2023 = await Status(2023);
        var r = fy2023.Status;
        r.NameJa.ShouldBe("令和5年度");
        r.From.ShouldBe(new DateOnly(2023, 4, 1));
        r.To.ShouldBe(new DateOnly(2024, 3, 31));
        fy2023.Projection.UpToDate.ShouldBeTrue();

        r.Files.ShouldBe(new FileCounts(Registered: 2, ComputerProcessed: 1, Manual: 1, Retired: 1, HeldAtYearEnd: 1));

        var disclosure = r.Requests.Single(x => x.Kind == RequestKind.Disclosure);
        disclosure.Received.ShouldBe(5);
        disclosure.CarriedOver.ShouldBe(0);
        disclosure.ByRequester.ShouldBe(new Dictionary<string, int> { ["Self"] = 3, ["LegalRepresentative"] = 1, ["AppointedAgent"] = 1 }, ignoreOrder: true);
        disclosure.ByOutcome.ShouldBe(new Dictionary<string, int>
        {
            ["DisclosedInFull"] = 1, ["DisclosedInPart"] = 1, ["DisclosedAtDiscretion"] = 0, ["NotDisclosed"] = 1, ["NotHeld"] = 0,
            ["ExistenceNeitherConfirmedNorDenied"] = 0, ["Dismissed"] = 1, ["Withdrawn"] = 0, ["Pending"] = 1,   // received 25 March, decided in April
        }, ignoreOrder: true);
        var correction = r.Requests.Single(x => x.Kind == RequestKind.Correction);
        correction.Received.ShouldBe(1);
        correction.ByOutcome["Withdrawn"].ShouldBe(1);
        correction.ByOutcome.Keys.ShouldNotContain("NotDisclosed");
        r.Requests.Single(x => x.Kind == RequestKind.Suspension).Received.ShouldBe(0);
        var all = r.Requests.Single(x => x.Kind is null);
        all.Received.ShouldBe(6);
        all.ByOutcome["Pending"].ShouldBe(1);
        all.ByOutcome["Withdrawn"].ShouldBe(1);

        r.Months.Select(m => m.Month).ShouldBe([4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]);
        r.Months.Select(m => (m.Label, m.Disclosure, m.Correction, m.Decisions)).Where(m => m.Disclosure + m.Correction + m.Decisions > 0).ShouldBe(
        [
            ("6月", 1, 0, 1), ("7月", 1, 0, 0), ("8月", 1, 0, 1), ("9月", 0, 0, 1), ("10月", 0, 1, 0), ("11月", 1, 0, 1), ("3月", 1, 0, 0),
        ]);
        r.Months.Single(m => m.Month == 3).Year.ShouldBe(2024);

        // A in time, B in time after its extension, C a week late, H (却下) in time.
        r.Deadlines.Single(d => d.Kind == RequestKind.Disclosure).ShouldBe(
            new DeadlineCounts(RequestKind.Disclosure, "開示請求", Decisions: 4, InTime: 3, Late: 1, NotCounted: 0, OfEarlierYears: 0, Extensions: 1, SpecialDeadlines: 0));
        r.Deadlines.Single(d => d.Kind is null).Decisions.ShouldBe(4);

        r.Reviews.Requested.ShouldBe(1);
        r.Reviews.RequestedByKind["Disclosure"].ShouldBe(1);
        r.Reviews.AgainstInaction.ShouldBe(0);
        r.Reviews.Consulted.ShouldBe(1);
        r.Reviews.NotConsulted.Values.Sum().ShouldBe(0);
        r.Reviews.BoardReports.ShouldBe(1);
        r.Reviews.Rulings["Rejected"].ShouldBe(1);
        r.Reviews.Rulings.Values.Sum().ShouldBe(1);

        // Detected in September, assessed serious then, closed on 15 April 2024: open at the end of 令和5年度.
        r.Incidents.Single(i => i.Kind == IncidentKind.Leak).ShouldBe(new IncidentCounts(IncidentKind.Leak, "漏えい", 1, 1, 0, 1, 0));
        r.Incidents.Single(i => i.Kind is null).Detected.ShouldBe(1);

        r.UsesAndProvisions.Single(g => g.Ground == UseGround.InternalUseForDuties).ShouldBe(new GroundCounts(UseGround.InternalUseForDuties, "所掌事務の遂行に必要な内部利用（第12条第2項第2号）", 1, 0));
        r.UsesAndProvisions.Single(g => g.Ground == UseGround.ProvisionToPublicBody).Provisions.ShouldBe(1);
        r.UsesAndProvisions.Sum(g => g.PurposeExternalUses + g.Provisions).ShouldBe(2);

        // 令和6年度: the request of 25 March carried over and decided in April, in time; a suspension request still open.
        var fy2024 = (await Status(2024)).Status;
        fy2024.Files.ShouldBe(new FileCounts(1, 1, 0, 0, 2));
        fy2024.Requests.Single(x => x.Kind == RequestKind.Disclosure).ShouldSatisfyAllConditions(d => d.CarriedOver.ShouldBe(1), d => d.Received.ShouldBe(0));
        var suspension = fy2024.Requests.Single(x => x.Kind == RequestKind.Suspension);
        suspension.Received.ShouldBe(1);
        suspension.ByOutcome["Pending"].ShouldBe(1);
        fy2024.Deadlines.Single(d => d.Kind == RequestKind.Disclosure).ShouldBe(
            new DeadlineCounts(RequestKind.Disclosure, "開示請求", 1, 1, 0, 0, OfEarlierYears: 1, 0, 0));
        fy2024.Months.Single(m => m.Month == 4).ShouldSatisfyAllConditions(m => m.Suspension.ShouldBe(1), m => m.Decisions.ShouldBe(1));
        fy2024.Incidents.Single(i => i.Kind is null).Detected.ShouldBe(0);
        fy2024.UsesAndProvisions.Single(g => g.Ground == UseGround.ProvisionToPublicBody).Provisions.ShouldBe(1);
        fy2024.Reviews.Requested.ShouldBe(0);

        // The CSV holds every count, one per line, and reads back.
        var csv = Csv.Parse(Encoding.UTF8.GetString(await _http.GetByteArrayAsync("/api/annual-status/2023?format=csv")).TrimStart('\uFEFF'));
        csv[0].ShouldBe(["表", "行", "列", "件数"]);
        csv.ShouldContain(line => line.SequenceEqual(new[] { "開示・訂正・利用停止請求の件数と処理状況", "開示請求", "不開示", "1" }));
        csv.ShouldContain(line => line.SequenceEqual(new[] { "決定の期限の遵守状況", "開示請求", "期限を超えた決定", "1" }));
        csv.ShouldContain(line => line.SequenceEqual(new[] { "請求者の区分別件数", "開示請求", "法定代理人", "1" }));
    }

    /// <summary>
    /// Art. 51 counts must add up: in every year and for every kind, the requests carried over plus those received equal
    /// those decided (by outcome), withdrawn and still pending at the year's end, and what is pending at one year's end is
    /// what the next year carries over. Over AnnualHistory, every other test's cases, and a generated history of 2025-2026
    /// with requests decided or withdrawn in a later year than they were received, and some never decided.
    /// </summary>
    [Fact]
    public async Task every_year_and_kind_balances_carried_over_plus_received_against_outcomes_withdrawals_and_pending()
    {
        await AnnualHistory.Build(fixture);
        var generated = await GeneratedHistory(new LedgerDriver(fixture), new Random(51));
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"generated {generated.Straddling} requests settled in a later year, {generated.Open} left open");
        generated.Straddling.ShouldBeGreaterThan(3);
        generated.Open.ShouldBeGreaterThan(1);

        var today = JapanDate.Of(fixture.Clock.GetUtcNow());
        AnnualStatusReport? previous = null;
        var carriedInAll = 0;
        for (var year = FiscalYear.First; year <= FiscalYear.Of(today); year++)
        {
            var report = (await Status(year)).Status;
            foreach (var row in report.Requests)
            {
                row.Balances.ShouldBeTrue($"{year} {row.Label}: {row.CarriedOver} + {row.Received} ≠ {string.Join(" + ", row.ByOutcome.Select(o => $"{o.Key} {o.Value}"))}");
                if (previous is not null)
                    row.CarriedOver.ShouldBe(previous.Requests.Single(p => p.Kind == row.Kind).ByOutcome[AnnualStatusReport.Pending], $"{year} {row.Label}: carried over = pending at the end of {year - 1}");
            }
            carriedInAll += report.Requests.Single(r => r.Kind is null).CarriedOver;
            previous = report;
        }
        carriedInAll.ShouldBeGreaterThanOrEqualTo(generated.Straddling);
    }

    [Fact]
    public async Task a_year_not_yet_ended_counts_as_of_the_day_it_was_counted_in_json_csv_and_html()
    {
        await AnnualHistory.Build(fixture);
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var today = JapanDate.Of(fixture.Clock.GetUtcNow());
        var current = FiscalYear.Of(today);
        var asOf = $"{today:yyyy年M月d日}現在";

        var status = (await Status(current)).Status;
        status.CountedAsOf.ShouldBe(today);
        status.AsOfJa.ShouldBe(asOf);
        var csv = Encoding.UTF8.GetString(await _http.GetByteArrayAsync($"/api/annual-status/{current}?format=csv"));
        csv.ShouldContain($"処理中（{asOf}）");
        csv.ShouldContain($"{asOf}の保有ファイル数");
        csv.ShouldNotContain("年度末");
        var html = Encoding.UTF8.GetString(await _http.GetByteArrayAsync($"/api/annual-status/{current}?format=html"));
        html.ShouldContain($"処理中（{asOf}）");
        html.ShouldNotContain("2027年3月31日現在");
        // The lead note cites the provision of the body's own profile (urayasu-council.json, reportNotes.annualStatus).
        html.ShouldContain("浦安市議会の個人情報の保護に関する条例第51条の規定により、施行の状況を取りまとめたもの");

        // A year that has ended is counted as of its 31 March.
        var ended = (await Status(2023)).Status;
        ended.CountedAsOf.ShouldBe(new DateOnly(2024, 3, 31));
        Encoding.UTF8.GetString(await _http.GetByteArrayAsync("/api/annual-status/2023?format=csv")).ShouldContain("処理中（2024年3月31日現在）");
    }

    /// <summary>
    /// Requests received on weekdays from April 2025 to October 2026 (AnnualHistory keeps 2023-2024 to itself), each verified, then decided (in time, or in the
    /// next fiscal year), withdrawn (sometimes in the next year), or left open. Seeded, so every run writes the same kinds.
    /// </summary>
    private static async Task<(int Straddling, int Open)> GeneratedHistory(LedgerDriver ledger, Random random)
    {
        var cases = new CaseDriver(ledger);
        var straddling = 0;
        var open = 0;
        var first = new DateOnly(2025, 4, 1);
        for (var i = 0; i < 30; i++)
        {
            // Every fourth request falls in the last fortnight of March 2026, so that it is settled in the next year.
            var received = i % 4 == 0 ? new DateOnly(2026, 3, 16 + random.Next(0, 14)) : first.AddDays(random.Next(0, 570));
            while (received.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) received = received.AddDays(1);
            var at = Day(received.Year, received.Month, received.Day);
            var kind = (RequestKind)(i % 3);
            var id = await cases.Verified(kind, at);
            var settledOn = received.AddDays(i % 4 == 0 ? 20 : random.Next(3, 25));
            var settled = Day(settledOn.Year, settledOn.Month, settledOn.Day);
            if (settled > LedgerFixture.Today || i % 5 == 2)
            {
                open++;
                continue;
            }
            if (i % 7 == 3)
                await cases.Step(id, new WithdrawRequest { Reason = "請求者からの申出" }, settled);
            else
                await cases.Decide(id, CaseOutcomes.For(kind).ElementAt(random.Next(CaseOutcomes.For(kind).Count())), settled);
            if (FiscalYear.Of(settledOn) != FiscalYear.Of(received)) straddling++;
        }
        return (straddling, open);
    }

    [Fact]
    public async Task a_rebuild_of_the_annual_status_from_the_events_alone_equals_what_the_daemon_kept_live()
    {
        await AnnualHistory.Build(fixture);
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var live = await Documents();
        live.Keys.ShouldContain(2023);
        live.Keys.ShouldContain(2024);

        await using (var wipe = fixture.Store.TenantLightweightSession())
        {
            wipe.DeleteWhere<AnnualStatus>(_ => true);
            await wipe.SaveChangesAsync();
        }
        (await Documents()).ShouldBeEmpty();

        // Through the service's own daemon, which runs the projection in HotCold mode.
        var daemon = await fixture.Services.GetRequiredService<IProjectionCoordinator>().DaemonForDatabase(Host.Tenancy.TenantPlacement.MainDatabase);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync<AnnualStatusProjection>(TimeSpan.FromMinutes(5), CancellationToken.None);
        output.WriteLine($"rebuilt {nameof(AnnualStatus)} in {clock.ElapsedMilliseconds} ms");
        // A rebuild leaves the shard stopped; the service's daemon keeps it again from where the rebuild ended.
        await daemon.StartAgentAsync(LedgerReports.AnnualStatusShard, CancellationToken.None);

        var rebuilt = await Documents();
        rebuilt.Keys.Order().ShouldBe(live.Keys.Order());
        foreach (var (year, json) in live) rebuilt[year].ShouldBe(json, $"fiscal year {year}");

        // Kept live again: a later event reaches its year.
        var before = (await Documents()).GetValueOrDefault(2025);
        await new LedgerDriver(fixture).Send(Registration() with { OccurredAt = Day(2025, 6, 3) });
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await Documents())[2025].ShouldNotBe(before);
    }

    [Theory]
    [InlineData("/api/annual-status/2022", "year")]
    [InlineData("/api/annual-status/2027", "year")]
    [InlineData("/api/annual-status/R5", "year")]
    [InlineData("/api/annual-status/2023?format=pdf", "format")]
    public async Task a_year_out_of_range_or_a_bad_format_is_a_400_problem_and_appends_nothing(string url, string field)
    {
        var before = await EventCount();
        var response = await _http.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("query.invalid");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe(field);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_command_line_writes_the_csv_the_service_gives_and_refuses_a_year_out_of_range_with_exit_2()
    {
        await AnnualHistory.Build(fixture);
        await fixture.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        var file = Path.Combine(Path.GetTempPath(), $"annual-{Guid.NewGuid():N}.csv");
        try
        {
            (await LedgerCommandLine.Run(["annual-status", "--year", "2023", "--format", "csv", "--out", file])).ShouldBe(0);
            (await File.ReadAllBytesAsync(file)).ShouldBe(await _http.GetByteArrayAsync("/api/annual-status/2023?format=csv"));
        }
        finally
        {
            File.Delete(file);
        }
        (await LedgerCommandLine.Run(["annual-status", "--year", "1999"])).ShouldBe(2);
        (await LedgerCommandLine.Run(["annual-status", "--year", "2023", "--format", "ods"])).ShouldBe(2);
    }

    private async Task<AnnualStatusDocument> Status(int year)
    {
        var response = await _http.GetAsync($"/api/annual-status/{year}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AnnualStatusDocument>(LedgerJson.Options))!;
    }

    private async Task<Dictionary<int, string>> Documents()
    {
        await using var session = fixture.Store.TenantQuerySession();
        return (await session.Query<AnnualStatus>().ToListAsync()).ToDictionary(d => d.Id, d => JsonSerializer.Serialize(d, LedgerJson.Options));
    }

    private async Task<int> EventCount()
    {
        await using var session = fixture.Store.TenantQuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}

/// <summary>
/// 令和5年度 and the start of 令和6年度, built once per test run: two files (one retired), a record used and provided, a
/// serious leak, and requests A-H with a late decision, an extension, a withdrawal, a dismissal, a review with a
/// consultation, and cases straddling 31 March / 1 April 2024.
/// </summary>
public static class AnnualHistory
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _built;

    public static async Task Build(LedgerFixture fixture)
    {
        await Once.WaitAsync();
        try
        {
            if (_built) return;
            await Write(new LedgerDriver(fixture));
            _built = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task Write(LedgerDriver ledger)
    {
        var cases = new CaseDriver(ledger);

        // Files: a computer-processed and a manual one registered, the manual one retired in February; one more in April 2024.
        var file = (await ledger.Send(Registration() with { OccurredAt = Day(2023, 5, 10) })).StreamId;
        var manual = (await ledger.Send(Registration() with { OccurredAt = Day(2023, 5, 10), Kind = FileKind.Manual })).StreamId;
        await ledger.Send(By(new RetireFile { FileId = manual, ExpectedVersion = 1, Reason = "事務の廃止", OccurredAt = Day(2024, 2, 1) }));
        await ledger.Send(Registration() with { OccurredAt = Day(2024, 4, 2) });

        // A record used inside the council (12(2)(2)) and provided to the mayor (12(2)(3)); provided again in April 2024.
        var record = (await ledger.Send(Acquisition(file) with { OccurredAt = Day(2023, 6, 1) })).StreamId;
        await ledger.Send(InternalUse(record, 1) with { OccurredAt = Day(2023, 6, 15) });
        await ledger.Send(ProvisionToMayor(record, 2) with { OccurredAt = Day(2023, 7, 3) });
        await ledger.Send(ProvisionToMayor(record, 3) with { OccurredAt = Day(2024, 4, 10) });

        // A leak detected in September, serious, its person notified, closed only on 15 April 2024.
        var subject = (await ledger.Load<RetainedRecord>(record))!.DataSubjectId;
        var incident = (await ledger.Send(By(new ReportLeakIncident
        {
            IncidentId = Guid.NewGuid(), OccurredAt = Day(2023, 9, 1), Kind = IncidentKind.Leak, Summary = "傍聴者名簿の誤送信",
            InformationItems = ["氏名"], Cause = "宛先の確認不足", AffectedRecordIds = [record],
        }))).StreamId;
        await ledger.Send(By(new AssessLeakIncident
        {
            IncidentId = incident, ExpectedVersion = 1, OccurredAt = Day(2023, 9, 5), CriteriaMet = [SeriousCriterion.SpecialCareInformation], SecondaryHarm = "なし",
        }));
        await ledger.Send(By(new NotifyAffectedPerson { IncidentId = incident, ExpectedVersion = 2, OccurredAt = Day(2023, 9, 6), DataSubjectId = subject, Method = "書面郵送" }));
        await ledger.Send(By(new CloseLeakIncident { IncidentId = incident, ExpectedVersion = 3, OccurredAt = Day(2024, 4, 15), Conclusion = "再発防止策を講じた" }));

        // A: received Monday 5 June 2023, decided 20 June: in time.
        var a = await cases.Verified(at: Day(2023, 6, 5));
        await cases.Decide(a, CaseOutcome.DisclosedInFull, Day(2023, 6, 20));

        // B: by a legal representative, 3 July; due 3 August, extended by 30 days on 25 July; decided 21 August, in time.
        var b = await cases.Open(Request(at: Day(2023, 7, 3), requester: RequesterType.LegalRepresentative));
        await cases.Step(b, new VerifyRequesterIdentity { IdentityDocument = "運転免許証", AgencyDocument = "戸籍謄本" }, Day(2023, 7, 3));
        await cases.Step(b, new ExtendDecisionPeriod { Days = 30, Reason = "対象文書が大量であり事務処理上の困難がある" }, Day(2023, 7, 25));
        await cases.Decide(b, CaseOutcome.DisclosedInPart, Day(2023, 8, 21));

        // C: by an appointed agent, 1 August; due 31 August; decided 8 September: late. Reviewed, consulted, rejected.
        var c = await cases.Open(Request(at: Day(2023, 8, 1), requester: RequesterType.AppointedAgent));
        await cases.Step(c, new VerifyRequesterIdentity { IdentityDocument = "運転免許証", AgencyDocument = "委任状" }, Day(2023, 8, 1));
        await cases.Decide(c, CaseOutcome.NotDisclosed, Day(2023, 9, 8));
        var review = await cases.Review(c, ReviewTarget.Decision, Day(2023, 9, 20));
        await cases.ReviewStep(review, new ConsultBoard { ConsultationReference = "諮問第1号" }, Day(2023, 10, 2));
        await cases.ReviewStep(review, new ReceiveBoardReport { Conclusion = "原決定は妥当である" }, Day(2024, 1, 15));
        await cases.ReviewStep(review, new RuleOnReview { Outcome = ReviewOutcome.Rejected, Reasons = "答申のとおり" }, Day(2024, 2, 1));

        // D: a correction request, 2 October, withdrawn 20 October.
        var d = await cases.Open(Request(RequestKind.Correction, Day(2023, 10, 2)));
        await cases.Step(d, new WithdrawRequest { Reason = "請求者からの申出" }, Day(2023, 10, 20));

        // H: 6 November, dismissed (却下) 10 November, in time.
        var h = await cases.Verified(at: Day(2023, 11, 6));
        await cases.Decide(h, CaseOutcome.Dismissed, Day(2023, 11, 10));

        // E: received Monday 25 March 2024 (令和5年度), decided 5 April (令和6年度) within its 30 days.
        var e = await cases.Verified(at: Day(2024, 3, 25));
        await cases.Decide(e, CaseOutcome.NotHeld, Day(2024, 4, 5));

        // F: a suspension request received Monday 1 April 2024, still open.
        await cases.Open(Request(RequestKind.Suspension, Day(2024, 4, 1)));
    }
}
