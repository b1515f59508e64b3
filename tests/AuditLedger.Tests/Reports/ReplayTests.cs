namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Tenancy;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Replay;
using AuditLedger.Projections;
using AuditLedger.Projections.Deadlines;
using AuditLedger.Projections.Folding;
using AuditLedger.Projections.Register;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The auditors' replay: while a history is appended step by step with the clock moving on, the live projections are
/// snapshotted after each step; afterwards the replay at each snapshot's instant, computed from the events alone,
/// must give exactly the same documents (states, read models, the whole register, the whole deadline view) and the
/// same deadline rows. Then the difference between two instants, and the 4xx answers to bad input.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class ReplayTests(LedgerFixture fixture, ITestOutputHelper output)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly LedgerDriver _ledger = new(fixture);
    private readonly LedgerFolds _folds = fixture.Services.GetRequiredService<LedgerFolds>();

    /// <summary>What the live projections held right after one step, and when.</summary>
    private sealed record Snapshot(string Step, DateTimeOffset At, Dictionary<string, string> Documents, string Rows, byte[] PublishedCsv);

    [Fact]
    public async Task replay_as_of_a_past_instant_equals_what_the_projections_held_at_that_instant()
    {
        await MoveTheClockPastEveryRecordedEvent();
        var random = new Random(Environment.TickCount);
        var streams = new List<Guid>();
        var snapshots = new List<Snapshot>();
        async Task Step(string name, Func<Task> act)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 60 * 24 * 3)));
            await act();
            snapshots.Add(await Snap(name, streams));
        }

        var cases = new CaseDriver(_ledger);
        Guid file = default, record = default, affected = default, request = default, review = default, incident = default;
        await Step("file registered", async () => streams.Add(file = await _ledger.RegisterFile()));
        await Step("record acquired", async () => streams.Add(record = (await _ledger.Send(Acquisition(file))).StreamId));
        await Step("record provided", async () => await _ledger.Send(ProvisionToMayor(record, await Version(record))));
        await Step("file amended", async () => await _ledger.Send(By(new AmendFile
        {
            FileId = file, ExpectedVersion = await Version(file), Reason = "記録項目の追加", Items = Items() with { RecordedItems = ["氏名", "住所", "傍聴日", "電話番号"] },
        })));
        await Step("items withheld", async () => await _ledger.Send(By(new WithholdFileItemsFromPublication
        {
            FileId = file, ExpectedVersion = await Version(file), Reason = "収集方法を記載すると事務の適正な遂行に支障", Items = [WithholdableItem.CollectionMethod],
        })));
        await Step("request received", async () => streams.Add(request = await cases.Open(Request(at: Day(2025, 6, 2)))));
        await Step("identity verified", () => cases.Step(request, new VerifyRequesterIdentity { IdentityDocument = "運転免許証" }, Day(2025, 6, 2)));
        await Step("form correction requested", () => cases.Step(request, new RequestFormCorrection { Deficiency = "対象の特定が不十分" }, Day(2025, 6, 4)));
        await Step("form correction completed", () => cases.Step(request, new CompleteFormCorrection(), Day(2025, 6, 10)));
        await Step("period extended", () => cases.Step(request, new ExtendDecisionPeriod { Days = 14, Reason = "事務処理上の困難" }, Day(2025, 6, 20)));
        await Step("decided", () => cases.Decide(request, CaseOutcome.DisclosedInPart, Day(2025, 7, 14)));
        await Step("review requested", async () => streams.Add(review = await cases.Review(request, ReviewTarget.Decision, Day(2025, 7, 22))));
        // On another record of the file: a record an open incident names is not erased (Art. 9(1), record.still-needed).
        await Step("second record acquired", async () => streams.Add(affected = (await _ledger.Send(Acquisition(file))).StreamId));
        await Step("incident detected", async () => streams.Add(incident = await _ledger.Incident(affected)));
        await Step("record erased", async () => await _ledger.Send(Disposal(record, await Version(record))));

        using var scope = fixture.Services.CreateScope();
        var replay = scope.ServiceProvider.GetRequiredService<LedgerReplay>();
        var queries = scope.ServiceProvider.GetRequiredService<DeadlineQueries>();
        foreach (var snapshot in snapshots)
        {
            var replayed = new Dictionary<string, string>();
            foreach (var id in streams)
            {
                try
                {
                    var stream = await replay.Stream(id, snapshot.At, null, CancellationToken.None);
                    foreach (var (name, document) in stream.Documents) replayed[$"{name} {id}"] = Json(document);
                }
                catch (NotRecordedYet)
                {
                    // Not recorded yet at this instant: the live projections held nothing for it either (checked below).
                }
            }
            foreach (var entry in await replay.All(_folds.Register, snapshot.At, CancellationToken.None)) replayed[$"{nameof(FileRegisterEntry)} {entry.Id}"] = Json(entry);
            foreach (var view in await replay.All(_folds.Deadlines, snapshot.At, CancellationToken.None)) replayed[$"{nameof(CaseDeadlines)} {view.Id}"] = Json(view);

            replayed.Keys.Order().ShouldBe(snapshot.Documents.Keys.Order(), $"after '{snapshot.Step}' at {snapshot.At:O}");
            foreach (var (key, json) in snapshot.Documents) replayed[key].ShouldBe(json, $"{key} after '{snapshot.Step}' at {snapshot.At:O}");
            Json((await replay.Deadlines(snapshot.At, DeadlineFilter.Open, DeadlineQueries.DueSoonDays, CancellationToken.None)).Clocks)
                .ShouldBe(snapshot.Rows, $"deadline rows after '{snapshot.Step}'");
        }
        output.WriteLine($"{snapshots.Count} instants replayed, {snapshots.Sum(s => s.Documents.Count)} documents compared");

        // Through the service: the published register as CSV, as it was after the withholding (and before the erasure).
        var withheld = snapshots.Single(s => s.Step == "items withheld");
        var csv = await _http.GetAsync($"/api/replay/register?published=true&format=csv&asOf={Uri.EscapeDataString(withheld.At.ToString("O"))}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await csv.Content.ReadAsByteArrayAsync()).ShouldBe(withheld.PublishedCsv);
        var caseAsOf = await _http.GetAsync($"/api/replay/cases/{request}?asOf={Uri.EscapeDataString(snapshots.Single(s => s.Step == "period extended").At.ToString("O"))}");
        caseAsOf.StatusCode.ShouldBe(HttpStatusCode.OK, await caseAsOf.Content.ReadAsStringAsync());
        using (var body = JsonDocument.Parse(await caseAsOf.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("kind").GetString().ShouldBe(nameof(RequestCase));
            body.RootElement.GetProperty("documents").GetProperty(nameof(RequestCase)).GetProperty("extensionDays").GetInt32().ShouldBe(14);
            body.RootElement.GetProperty("documents").GetProperty(nameof(RequestCase)).GetProperty("status").GetString().ShouldBe("Open");
        }
        // The other kinds answer for their own streams only: a case is not a record.
        (await _http.GetAsync($"/api/replay/records/{request}?asOf={Uri.EscapeDataString(withheld.At.ToString("O"))}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync($"/api/replay/records/{record}?asOf={Uri.EscapeDataString(withheld.At.ToString("O"))}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        _ = (review, incident);
    }

    [Fact]
    public async Task the_difference_between_two_instants_lists_the_events_recorded_between_them_and_the_fields_they_changed()
    {
        await MoveTheClockPastEveryRecordedEvent();
        var cases = new CaseDriver(_ledger);
        var id = await cases.Verified();
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var from = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await cases.Step(id, new ExtendDecisionPeriod { Days = 30, Reason = "事務処理上の困難" }, Received.AddDays(20));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await cases.Step(id, new WithdrawRequest { Reason = "請求者からの取下げ" }, Received.AddDays(21));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var to = fixture.Clock.GetUtcNow();

        var response = await _http.GetAsync($"/api/replay/diff?streamId={id}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("versionAtFrom").GetInt64().ShouldBe(2);
        root.GetProperty("versionAtTo").GetInt64().ShouldBe(4);
        root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["decision_period_extended", "request_withdrawn"]);
        var changes = root.GetProperty("changes").EnumerateArray()
            .ToDictionary(c => $"{c.GetProperty("document").GetString()} {c.GetProperty("path").GetString()}", c => (c.GetProperty("before").ToString(), c.GetProperty("after").ToString()));
        changes[$"{nameof(RequestCase)} extensionDays"].ShouldBe(("0", "30"));
        changes[$"{nameof(RequestCase)} status"].ShouldBe(("Open", "Withdrawn"));
        changes[$"{nameof(RequestCase)} version"].ShouldBe(("2", "4"));
        changes.Keys.ShouldContain(k => k.StartsWith($"{nameof(CaseDeadlines)} history["));
        changes.Keys.ShouldNotContain(k => k.Contains("identityVerified"));
    }

    [Theory]
    [InlineData("/api/replay/records/{record}?asOf=yesterday", 400, "query.invalid")]
    [InlineData("/api/replay/records/{record}?asOf=2025-10-01T24:61:00", 400, "query.invalid")]
    [InlineData("/api/replay/records/{record}", 400, "query.invalid")]
    [InlineData("/api/replay/records/{record}?asOf=2999-01-01", 400, "query.invalid")]
    [InlineData("/api/replay/things/{record}?asOf=2026-01-01", 400, "query.invalid")]
    [InlineData("/api/replay/records/{unknown}?asOf=2026-11-24T10:00:00%2B09:00", 404, "stream.not-found")]
    [InlineData("/api/replay/records/{record}?asOf=2000-01-01", 404, "stream.not-yet-recorded")]
    [InlineData("/api/replay/register?asOf=31/12/2025", 400, "query.invalid")]
    [InlineData("/api/replay/register?asOf=2026-01-01&format=pdf", 400, "query.invalid")]
    [InlineData("/api/replay/deadlines?asOf=2026-01-01&filter=someday", 400, "input.invalid")]
    [InlineData("/api/replay/deadlines/{unknown}?asOf=2026-01-01", 404, "stream.not-found")]
    [InlineData("/api/replay/diff?streamId={record}&from=2026-01-02&to=2026-01-01", 400, "query.invalid")]
    [InlineData("/api/replay/diff?from=2026-01-01&to=2026-01-02", 400, "query.invalid")]
    public async Task bad_input_is_a_clear_4xx(string url, int status, string code)
    {
        var (_, record) = await _ledger.Record();
        var response = await _http.GetAsync(url.Replace("{record}", record.ToString()).Replace("{unknown}", Guid.NewGuid().ToString()));
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("code").GetString().ShouldBe(code);
        problem.RootElement.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task as_of_today_or_now_is_accepted_and_shows_what_was_recorded_today_while_tomorrow_is_refused()
    {
        var (_, record) = await _ledger.Record();
        var today = JapanDate.Of(fixture.Clock.GetUtcNow());
        foreach (var asOf in new[] { today.ToString("yyyy-MM-dd"), "now" })
        {
            var response = await _http.GetAsync($"/api/replay/records/{record}?asOf={asOf}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"asOf={asOf}: {await response.Content.ReadAsStringAsync()}");
        }
        (await _http.GetAsync($"/api/replay/records/{record}?asOf={today.AddDays(1):yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("2026-11-30T10:00:00+09:00", "2026-11-30", "2026-11-30T10:00:00+09:00")]   // today, its end to come: now
    [InlineData("2026-11-30T23:59:59.9999990+09:00", "2026-11-30", "2026-11-30T23:59:59.9999990+09:00")]
    [InlineData("2026-11-30T10:00:00+09:00", "2026-11-29", "2026-11-29T23:59:59.9999990+09:00")] // an earlier day: its end
    [InlineData("2026-11-30T10:00:00+09:00", "now", "2026-11-30T10:00:00+09:00")]
    [InlineData("2026-11-30T10:00:00+09:00", "2026-11-30T10:00:00+09:00", "2026-11-30T10:00:00+09:00")]
    public void a_day_is_its_end_in_japan_or_now_when_that_is_earlier(string now, string asOf, string expected) =>
        ReplayInstant.Parse(asOf, "asOf", DateTimeOffset.Parse(now, CultureInfo.InvariantCulture))
            .ShouldBe(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture));

    [Fact]
    public async Task a_space_for_the_plus_of_the_offset_is_read_as_the_offset()
    {
        var (_, record) = await _ledger.Record();
        var asOf = fixture.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-ddTHH:mm:ss") + "+09:00";
        (await _http.GetAsync($"/api/replay/records/{record}?asOf={asOf}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_command_line_replays_lists_and_rebuilds_with_the_exit_statuses_of_the_other_subcommands()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        (await LedgerCommandLine.Run(["replay", "record", Guid.NewGuid().ToString(), "--as-of", "someday"])).ShouldBe(2);
        (await LedgerCommandLine.Run(["replay", "record", Guid.NewGuid().ToString(), "--as-of", "2026-01-01T00:00:00+09:00"])).ShouldBe(4);
        (await LedgerCommandLine.Run(["replay", "register", "--as-of", "2026-01-01", "--published", "--format", "csv"])).ShouldBe(0);
        (await LedgerCommandLine.Run(["replay", "deadlines", "--as-of", "2026-01-01"])).ShouldBe(0);
        (await LedgerCommandLine.Run(["rebuild", "--list"])).ShouldBe(0);
        (await LedgerCommandLine.Run(["rebuild", "NoSuchProjection"])).ShouldBe(2);

        // A rebuild from the command line leaves the documents as the live projection kept them.
        var (_, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1));
        var before = await AllJson<Projections.Provisions.ProvisionRecipients>();
        (await LedgerCommandLine.Run(["rebuild", "provisionrecipients"])).ShouldBe(0);
        (await AllJson<Projections.Provisions.ProvisionRecipients>()).ShouldBe(before);
    }

    /// <summary>Other tests set the clock back; events recorded later than this test's instants would blur "as of".</summary>
    private async Task MoveTheClockPastEveryRecordedEvent()
    {
        await using var session = fixture.Store.TenantQuerySession();
        var latest = await session.QueryAsync<DateTimeOffset>($"select timestamp from {LedgerConfiguration.SchemaName}.mt_events order by timestamp desc limit 1");
        if (latest.Count > 0 && latest[0] >= fixture.Clock.GetUtcNow()) fixture.Clock.Set(latest[0].AddHours(1));
    }

    /// <summary>The live documents of this test's streams, the whole register and the whole deadline view, and today's deadline rows.</summary>
    private async Task<Snapshot> Snap(string step, IReadOnlyList<Guid> streams)
    {
        await using var session = fixture.Store.TenantQuerySession();
        var documents = new Dictionary<string, string>();
        foreach (var id in streams)
            foreach (var fold in _folds.All)
                if (await Load(session, fold, id) is { } document) documents[$"{fold.Name} {id}"] = Json(document);
        foreach (var entry in await session.Query<FileRegisterEntry>().ToListAsync()) documents[$"{nameof(FileRegisterEntry)} {entry.Id}"] = Json(entry);
        foreach (var view in await session.Query<CaseDeadlines>().ToListAsync()) documents[$"{nameof(CaseDeadlines)} {view.Id}"] = Json(view);
        using var scope = fixture.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<DeadlineQueries>().Find(DeadlineFilter.Open, DeadlineQueries.DueSoonDays, CancellationToken.None);
        return new Snapshot(step, fixture.Clock.GetUtcNow(), documents, Json(rows), await _http.GetByteArrayAsync("/register/published.csv"));
    }

    private static async Task<object?> Load(IQuerySession session, IStreamFold fold, Guid id) =>
        await (Task<object?>)typeof(ReplayTests).GetMethod(nameof(LoadAs), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(fold.DocumentType).Invoke(null, [session, id])!;

    private static async Task<object?> LoadAs<T>(IQuerySession session, Guid id) where T : class => await session.LoadAsync<T>(id);

    private async Task<long> Version(Guid id) => (await _ledger.Stored(id)).Version;

    private async Task<List<string>> AllJson<T>() where T : class
    {
        await using var session = fixture.Store.TenantQuerySession();
        return [.. (await session.Query<T>().ToListAsync()).Select(Json).Order(StringComparer.Ordinal)];
    }

    private static string Json(object document) => JsonSerializer.Serialize(document, document.GetType(), LedgerJson.Options);
}
