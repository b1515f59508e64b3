namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections;
using AuditLedger.Projections.Deadlines;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static AuditLedger.Tests.Support.CaseDriver;

/// <summary>
/// Request cases through the service: the clocks the deadline view keeps for them, counted as the articles count
/// (each expected date worked out by hand from the article and the counting rule cited beside it), the queries
/// "overdue", "due this week" and "by case", and a rebuild of the view that equals the live one.
/// The fixture's clock stands at Tuesday 24 November 2026, 10:00 JST.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CaseDeadlineTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly LedgerDriver _ledger = new(fixture);
    private CaseDriver Cases => new(_ledger);

    private async Task<CaseDeadlineReport> Report(Guid caseId)
    {
        var response = await _http.GetAsync($"/api/cases/{caseId}/deadlines");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CaseDeadlineReport>(LedgerJson.Options))!;
    }

    private async Task<IReadOnlyList<DeadlineRow>> Query(string query)
    {
        var response = await _http.GetAsync($"/api/deadlines{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<DeadlineRow>>(LedgerJson.Options))!;
    }

    [Fact]
    public async Task a_disclosure_deadline_moves_with_the_correction_of_form_and_the_extension_and_a_late_decision_shows_as_met_late()
    {
        var id = await Cases.Verified();   // received Monday 2 June 2025

        // Art. 25(1), 民法第140条: 30 days from the day after receipt (3 June) end on Wednesday 2 July.
        var started = (await Report(id)).Clocks.Single();
        started.ClockId.ShouldBe("disclosure-decision");
        started.DueOn.ShouldBe(new DateOnly(2025, 7, 2));

        // Art. 25(1) proviso: 補正 requested 3 June, completed 9 June; 4-9 June (6 days) do not count → Tuesday 8 July.
        await Cases.Step(id, new RequestFormCorrection { Deficiency = "請求に係る公文書の名称が特定されていない" }, Day(2025, 6, 3));
        (await Report(id)).Clocks.Single().State.ShouldBe(ClockState.Paused);
        await Cases.Step(id, new CompleteFormCorrection(), Day(2025, 6, 9));
        (await Report(id)).Clocks.Single().DueOn.ShouldBe(new DateOnly(2025, 7, 8));

        // Art. 25(2): 30 more days, counted on from the same period → Thursday 7 August (an open day; 山の日 is 11 August).
        var extended = await Cases.Step(id, new ExtendDecisionPeriod { Days = 30, Reason = "対象文書が大量であり事務処理上の困難がある" }, Day(2025, 7, 1));
        extended.Events.ShouldBe(["DecisionPeriodExtended"]);
        (await _ledger.Load<RequestCase>(id))!.ExtensionDays.ShouldBe(30);
        var running = (await Report(id)).Clocks.Single();
        running.DueOn.ShouldBe(new DateOnly(2025, 8, 7));
        running.ExtensionDays.ShouldBe(30);
        running.PausedDays.ShouldBe(6);

        // Decided a day late: recorded (the ledger keeps what happened) and shown as met late.
        await Cases.Decide(id, CaseOutcome.DisclosedInFull, Day(2025, 8, 8));
        var report = await Report(id);
        var met = report.Clocks.Single();
        met.State.ShouldBe(ClockState.MetLate);
        met.MetOn.ShouldBe(new DateOnly(2025, 8, 8));
        met.DaysLeft.ShouldBeNull();

        report.History.Where(h => h.ClockId == "disclosure-decision").Select(h => (h.Cause, h.DueBefore, h.DueAfter)).ShouldBe(
        [
            ("RequestReceived", null, new DateOnly(2025, 7, 2)),
            ("FormCorrectionRequested", new DateOnly(2025, 7, 2), new DateOnly(2025, 7, 2)),
            ("FormCorrectionCompleted", new DateOnly(2025, 7, 2), new DateOnly(2025, 7, 8)),
            ("DecisionPeriodExtended", new DateOnly(2025, 7, 8), new DateOnly(2025, 8, 7)),
            ("RequestDecided", new DateOnly(2025, 8, 7), new DateOnly(2025, 8, 7)),
        ]);
        report.Rules["disclosure-decision"].Select(r => r.Code).ShouldContain("extension");
        report.Rules["disclosure-decision"].Select(r => r.Citation.Ja).ShouldContain(c => c.Contains("第25条第2項"));
    }

    [Fact]
    public async Task an_objection_sets_the_earliest_day_of_disclosure_and_the_disclosure_opens_the_requesters_windows()
    {
        var id = await CaseRuleCases.DecidedOverObjection(_ledger);   // decided Friday 20 June 2025 over an objection

        // Art. 27(3): 14 clear days 21 June - 4 July; 5 July is a Saturday → Monday 7 July.
        var interval = (await Report(id)).Clocks.Single(c => c.ClockId == "third-party-objection");
        interval.DueOn.ShouldBe(new DateOnly(2025, 7, 7));
        interval.Party.ShouldBe(ClockParty.Interval);

        // Art. 28(4): notice received Monday 23 June; 30 days from 24 June end on Wednesday 23 July.
        await Cases.Step(id, new RecordDecisionNoticeDelivery(), Day(2025, 6, 23));
        (await Report(id)).Clocks.Single(c => c.ClockId == "disclosure-method-request").DueOn.ShouldBe(new DateOnly(2025, 7, 23));
        await Cases.Step(id, new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 30));
        await Cases.Step(id, new ImplementDisclosure { Method = DisclosureMethod.Copy }, Day(2025, 7, 7));
        await Cases.Step(id, new ChargeCopyCost { MonochromePages = 12, ColourPages = 1, AmountYen = 170 }, Day(2025, 7, 7));

        var report = await Report(id);
        report.Clocks.Single(c => c.ClockId == "third-party-objection").State.ShouldBe(ClockState.Met);
        report.Clocks.Single(c => c.ClockId == "disclosure-method-request").State.ShouldBe(ClockState.Met);
        // Art. 31(3), 38(3): 90 days from 8 July end on Sunday 5 October → Monday 6 October (地方自治法第4条の2第4項).
        // By the fixture's date (24 November 2026) the windows have closed: expired, not overdue.
        foreach (var window in new[] { "correction-request", "suspension-request" })
        {
            var clock = report.Clocks.Single(c => c.ClockId == window);
            clock.DueOn.ShouldBe(new DateOnly(2025, 10, 6));
            clock.State.ShouldBe(ClockState.Expired);
        }
        (await _ledger.Load<RequestCase>(id))!.CopyCostYen.ShouldBe(170);
    }

    [Fact]
    public async Task a_correction_request_counts_its_window_from_the_disclosure_case_and_tells_the_records_recipients()
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(LedgerDriver.ProvisionToMayor(record, 1));
        var subject = (await _ledger.Load<RetainedRecord>(record))!.DataSubjectId;
        var disclosure = await Cases.Open(Request(subject: subject) with { RecordIds = [record] });
        await Cases.Step(disclosure, new VerifyRequesterIdentity { IdentityDocument = "旅券" }, Received);
        await Cases.Decide(disclosure, CaseOutcome.DisclosedInFull, Day(2025, 6, 13));
        await Cases.Step(disclosure, new RecordDecisionNoticeDelivery(), Day(2025, 6, 16));
        await Cases.Step(disclosure, new RequestDisclosureMethod { Method = DisclosureMethod.Inspection }, Day(2025, 6, 17));
        await Cases.Step(disclosure, new ImplementDisclosure { Method = DisclosureMethod.Inspection }, Day(2025, 6, 20));

        // Art. 31(3): the window runs from the disclosure recorded on the linked case (20 June): 90 days end on Thursday 18 September.
        var late = Request(RequestKind.Correction, Day(2025, 9, 19), subject: subject) with { DisclosureCaseId = disclosure, DisclosureReceivedOn = null, RecordIds = [record] };
        var refusal = await Should.ThrowAsync<LedgerRuleViolation>(() => _ledger.Send(late));
        refusal.Rule.Code.ShouldBe(ReceiveRequest.RequestWindowPassed.Code);
        refusal.Detail!.ShouldContain("2025-09-18");

        var correction = await Cases.Open(late with { CaseId = Guid.NewGuid(), OccurredAt = Day(2025, 9, 18) });
        (await _ledger.Load<RequestCase>(correction))!.DisclosureReceivedOn.ShouldBe(new DateOnly(2025, 6, 20));
        await Cases.Step(correction, new VerifyRequesterIdentity { IdentityDocument = "旅券" }, Day(2025, 9, 18));
        await Cases.Decide(correction, CaseOutcome.Corrected, Day(2025, 10, 1));
        // Art. 37: the recipients come from the record's provision events, not from the caller.
        var notified = await Cases.Step(correction, new NotifyProvisionRecipients { RecordId = record }, Day(2025, 10, 2));
        notified.Events.ShouldBe(["ProvisionRecipientsNotified"]);
        var history = await JsonDocument.ParseAsync(await _http.GetStreamAsync($"/api/streams/{correction}/events"));
        var recipients = history.RootElement.GetProperty("events").EnumerateArray().Last().GetProperty("data").GetProperty("recipients");
        recipients.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(
            (await _ledger.Load<RetainedRecord>(record))!.ActiveRecipients.Select(r => r.Name));
    }

    [Fact]
    public async Task nagareyama_counts_14_days_from_the_day_after_submission_and_has_no_extension()
    {
        // Nagareyama: 「請求書を提出した日の翌日から起算して14日以内」: 3 June is day 1, day 14 is Monday 16 June 2025.
        var id = await Cases.Verified(jurisdiction: "nagareyama-city");
        var clock = (await Report(id)).Clocks.Single();
        clock.DueOn.ShouldBe(new DateOnly(2025, 6, 16));
        clock.ArticleJa.ShouldNotBeNullOrWhiteSpace();
        (await _ledger.Load<RequestCase>(id))!.JurisdictionId.ShouldBe("nagareyama-city");
    }

    [Fact]
    public async Task the_queries_find_what_is_overdue_due_this_week_and_paused_as_of_today()
    {
        fixture.Clock.Set(LedgerFixture.Today);   // other tests move the clock on
        // Today is Tuesday 24 November 2026. Received Tuesday 27 October: due Thursday 26 November (this week).
        var dueThisWeek = await Cases.Verified(at: Day(2026, 10, 27));
        // Received 1 October: day 30 is Saturday 31 October → Monday 2 November; overdue by 22 days.
        var overdue = await Cases.Verified(at: Day(2026, 10, 1));
        // Received 2 November, 補正 requested 4 November and still pending: 5-24 November do not count so far → 22 December.
        var paused = await Cases.Verified(at: Day(2026, 11, 2));
        await Cases.Step(paused, new RequestFormCorrection { Deficiency = "請求者の住所の記載がない" }, Day(2026, 11, 4));
        var ours = new HashSet<Guid> { dueThisWeek, overdue, paused };

        var overdueRows = (await Query("?filter=overdue")).Where(r => ours.Contains(r.CaseId)).ToList();
        overdueRows.Select(r => r.CaseId).ShouldBe([overdue]);
        overdueRows[0].DueOn.ShouldBe(new DateOnly(2026, 11, 2));
        overdueRows[0].DaysLeft.ShouldBe(-22);

        var thisWeek = (await Query("?filter=this-week")).Where(r => ours.Contains(r.CaseId)).ToList();
        thisWeek.Select(r => r.CaseId).ShouldBe([overdue, dueThisWeek], "overdue clocks are still open, and come first");
        thisWeek.Single(r => r.CaseId == dueThisWeek).State.ShouldBe(ClockState.DueSoon);
        thisWeek.Single(r => r.CaseId == dueThisWeek).DaysLeft.ShouldBe(2);

        var open = (await Query("")).Where(r => ours.Contains(r.CaseId)).ToList();
        var pausedRow = open.Single(r => r.CaseId == paused);
        pausedRow.State.ShouldBe(ClockState.Paused);
        pausedRow.DueOn.ShouldBe(new DateOnly(2026, 12, 22));
        pausedRow.PausedDays.ShouldBe(20);

        (await Query("?within=30")).Select(r => r.CaseId).ShouldContain(paused);
        (await Query("?within=2")).Select(r => r.CaseId).ShouldNotContain(paused);

        var bad = await _http.GetAsync("/api/deadlines?filter=someday");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("this-week");
        (await _http.GetAsync($"/api/cases/{Guid.NewGuid()}/deadlines")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_third_partys_review_rejected_imposes_the_interval_again_from_the_ruling()
    {
        var id = await CaseRuleCases.DecidedOverObjection(_ledger);
        await Cases.Step(id, new RecordDecisionNoticeDelivery(), Day(2025, 6, 23));
        await Cases.Step(id, new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 30));
        var review = await Cases.Review(id, ReviewTarget.Decision, Day(2025, 6, 27), byThirdParty: true);
        await Cases.ReviewStep(review, new ConsultBoard { ConsultationReference = "諮問第9号" }, Day(2025, 7, 1));
        await Cases.ReviewStep(review, new NotifyConsultationParties { Parties = [ConsultationParty.AppellantOrParticipant, ConsultationParty.Requester] }, Day(2025, 7, 1));
        await Cases.ReviewStep(review, new ReceiveBoardReport { Conclusion = "第三者の審査請求は理由がない" }, Day(2025, 8, 29));
        var ruled = await Cases.ReviewStep(review, new RuleOnReview { Outcome = ReviewOutcome.Rejected, Reasons = "答申のとおり" }, Day(2025, 9, 5));
        ruled.Events.ShouldBe(["ReviewRuled"]);

        // Art. 46(1) applies Art. 27(3): ruled Friday 5 September; 14 clear days 6-19 September; 20 September is a
        // Saturday and 21 a Sunday → Monday 22 September 2025 (敬老の日 was the 15th, 秋分の日 is the 23rd).
        (await _ledger.Load<RequestCase>(id))!.ObjectionIntervalFrom.ShouldBe(new DateOnly(2025, 9, 5));
        (await Report(id)).Clocks.Single(c => c.ClockId == "third-party-objection").DueOn.ShouldBe(new DateOnly(2025, 9, 22));
        var early = await Should.ThrowAsync<LedgerRuleViolation>(async () =>
            await Cases.Step(id, new ImplementDisclosure { Method = DisclosureMethod.Copy }, Day(2025, 9, 19)));
        early.Rule.Code.ShouldBe(CaseChecks.DisclosureBeforeObjectionInterval.Code);
        (await _ledger.Load<ReviewCase>(review))!.Outcome.ShouldBe(ReviewOutcome.Rejected);
        // The ruling is recorded on the case too, as a numbered event of its stream.
        var stored = await _ledger.Stored(id);
        (await _ledger.Load<RequestCase>(id))!.Version.ShouldBe(stored.Version);
        stored.Events.ShouldBe((int)stored.Version);
    }

    [Fact]
    public async Task the_command_line_lists_a_cases_clocks_and_the_overdue_ones_and_an_unknown_case_exits_4()
    {
        var id = await Cases.Verified();   // received 2 June 2025, due 2 July 2025, never decided
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);

        var (status, output) = await CommandLine("deadlines", "--case", id.ToString(), "--json");
        status.ShouldBe(0);
        var report = JsonSerializer.Deserialize<CaseDeadlineReport>(output, LedgerJson.Options)!;
        report.Clocks.Single().DueOn.ShouldBe(new DateOnly(2025, 7, 2));
        report.Clocks.Single().State.ShouldBe(ClockState.Overdue);   // the command line reads today from the system clock

        (status, output) = await CommandLine("deadlines", "--overdue", "--json");
        status.ShouldBe(0);
        JsonSerializer.Deserialize<List<DeadlineRow>>(output, LedgerJson.Options)!.Select(r => r.CaseId).ShouldContain(id);

        (await CommandLine("deadlines", "--case", Guid.NewGuid().ToString())).Status.ShouldBe(4);
    }

    private static Task<(int Status, string Output)> CommandLine(params string[] args) =>
        ConsoleOutput.Capture(() => Host.Cli.LedgerCommandLine.Run(args));

    [Fact]
    public async Task a_rebuild_of_the_deadline_view_from_the_events_equals_the_live_view_after_a_long_random_history()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var n = 0; n < 40; n++) await RandomCase(random);

        var live = await AllViews();
        live.Count.ShouldBeGreaterThanOrEqualTo(40);
        // Start from nothing, so that what is compared can only have come from the events.
        await fixture.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CaseDeadlines));
        (await AllViews()).ShouldBeEmpty();
        using (var daemon = await fixture.Store.BuildProjectionDaemonAsync(AuditLedger.Host.Tenancy.TenantPlacement.MainDatabase))
            await daemon.RebuildProjectionAsync(nameof(CaseDeadlines), TimeSpan.FromMinutes(2), CancellationToken.None);
        var rebuilt = await AllViews();

        rebuilt.Count.ShouldBe(live.Count, $"seed {seed}");
        foreach (var (id, json) in live) rebuilt[id].ShouldBe(json, $"case {id}, seed {seed}");
    }

    [Fact]
    public async Task the_deadline_list_read_from_the_slim_rows_equals_the_one_read_from_the_full_views_after_random_cases()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var n = 0; n < 30; n++) await RandomCase(random);

        await using var scope = fixture.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DeadlineQueries>();
        var folds = scope.ServiceProvider.GetRequiredService<LedgerFolds>();
        await using var session = fixture.Store.TenantQuerySession();
        var views = await session.Query<CaseDeadlines>().ToListAsync();
        // The slim rows are the fold of the case's events, as a rebuild would make them (so live equals rebuilt).
        foreach (var rows in await session.Query<CaseOpenClocks>().ToListAsync())
            Json(folds.OpenClocks.Replay(rows.Id, await session.Events.FetchStreamAsync(rows.Id))).ShouldBe(Json(rows), $"case {rows.Id}, seed {seed}");

        // Read on days across the cases' lives (a pause read after its last step is recounted to the day), and on today.
        var days = Enumerable.Range(0, 8).Select(_ => Day(2025, 4, 1).AddDays(random.Next(500))).Append(LedgerFixture.Today).ToList();
        var compared = 0;
        try
        {
            foreach (var day in days)
            {
                fixture.Clock.Set(day);
                foreach (var filter in Enum.GetValues<DeadlineFilter>())
                    foreach (var within in new[] { 0, DeadlineQueries.DueSoonDays, 45 })
                    {
                        var full = queries.Select(views, filter, within, queries.Today);
                        var slim = await queries.Find(filter, within, CancellationToken.None);
                        Json(slim).ShouldBe(Json(full), $"{filter} within {within} on {queries.Today}, seed {seed}");
                        compared += slim.Count;
                    }
            }
        }
        finally
        {
            fixture.Clock.Set(LedgerFixture.Today);
        }
        compared.ShouldBeGreaterThan(0, $"seed {seed}: no open clock on any day read");
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value, LedgerJson.Options);

    private async Task<Dictionary<Guid, string>> AllViews()
    {
        await using var session = fixture.Store.TenantQuerySession();
        var views = await session.Query<CaseDeadlines>().ToListAsync();
        return views.ToDictionary(v => v.Id, v => JsonSerializer.Serialize(v, LedgerJson.Options));
    }

    /// <summary>A case with a random run of steps on random days; refusals are part of life and append nothing.</summary>
    private async Task RandomCase(Random random)
    {
        var kind = (RequestKind)random.Next(3);
        var received = Day(2025, 4, 1).AddDays(random.Next(300));
        var id = await Cases.Open(Request(kind, received, jurisdiction: random.Next(4) == 0 ? "nagareyama-city" : null) with { IdentityDocument = "運転免許証" });
        var day = received;
        var thirdParty = Guid.NewGuid();
        for (var step = 0; step < 12; step++)
        {
            day = day.AddDays(random.Next(0, 9));
            CaseCommand command = random.Next(12) switch
            {
                0 => new VerifyRequesterIdentity { IdentityDocument = "運転免許証" },
                1 => new RequestFormCorrection { Deficiency = "記載漏れ" },
                2 => new CompleteFormCorrection(),
                3 => new ExtendDecisionPeriod { Days = random.Next(1, 31), Reason = "事務処理上の困難" },
                4 => new RecordChairVacancy { FirstDay = DateOnly.FromDateTime(day.Date), LastDay = DateOnly.FromDateTime(day.Date).AddDays(random.Next(5)) },
                5 => new NotifyThirdParty { ThirdPartyId = thirdParty, Mandatory = true },
                6 => new ReceiveThirdPartyOpinion { ThirdPartyId = thirdParty, ObjectsToDisclosure = random.Next(2) == 0 },
                7 => new DecideRequest { Outcome = CaseOutcomes.For(kind).ElementAt(random.Next(CaseOutcomes.For(kind).Count())), Reasons = "理由", DecisionReference = "第1号" },
                8 => new RecordDecisionNoticeDelivery(),
                9 => new RequestDisclosureMethod { Method = DisclosureMethod.Copy },
                10 => new ImplementDisclosure { Method = DisclosureMethod.Inspection },
                _ => new NotifySpecialDeadline { Reason = "大量", StatedDueDate = DateOnly.FromDateTime(day.Date).AddDays(90) },
            };
            if (random.Next(8) == 0) command = new VerifyRequesterIdentity { IdentityDocument = "旅券" };
            try
            {
                await Cases.Step(id, command, day);
            }
            catch (LedgerRuleViolation)
            {
            }
        }
    }
}
