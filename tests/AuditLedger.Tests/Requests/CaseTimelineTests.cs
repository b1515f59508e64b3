namespace AuditLedger.Tests.Reports;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Tests.Support;
using Marten;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The review board's timeline (Art. 45, 50) of a disclosure case with a 補正, a third party's objection, an extension, a
/// late decision and a review, about a record acquired and provided before the request: every event in order, with actor,
/// ground and the clock state on each step's day.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CaseTimelineTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();

    public const string RequesterName = "浦安 花子";
    public const string ThirdPartyName = "当代島 次郎";

    /// <summary>The case of CaseDeadlineTests' first test (due 2 July, 8 July after the 補正, 7 August after the extension, decided 8 August) with the rest around it.</summary>
    public static async Task<(Guid Case, Guid Record, Guid Review, Guid ThirdParty)> Build(LedgerDriver ledger)
    {
        var cases = new CaseDriver(ledger);
        var (_, record) = await ledger.Record();                      // acquired 11 April 2025
        await ledger.Send(ProvisionToMayor(record, 1));                // provided 11 May 2025
        var subject = (await ledger.Load<RetainedRecord>(record))!.DataSubjectId;
        var id = await cases.Open(Request(subject: subject) with { RecordIds = [record] });   // Monday 2 June 2025
        await cases.Step(id, new VerifyRequesterIdentity { IdentityDocument = "運転免許証" }, Received);
        await cases.Step(id, new RequestFormCorrection { Deficiency = "請求に係る保有個人情報が特定されていない" }, Day(2025, 6, 3));
        await cases.Step(id, new CompleteFormCorrection(), Day(2025, 6, 9));
        var third = Guid.NewGuid();
        await cases.Step(id, new NotifyThirdParty { ThirdPartyId = third, Mandatory = true, ThirdParty = [new PersonalData(third, PersonalDataKind.Name, ThirdPartyName)] }, Day(2025, 6, 10));
        await cases.Step(id, new ReceiveThirdPartyOpinion { ThirdPartyId = third, ObjectsToDisclosure = true }, Day(2025, 6, 13));
        await cases.Step(id, new ExtendDecisionPeriod { Days = 30, Reason = "対象文書が大量であり事務処理上の困難がある" }, Day(2025, 7, 1));
        await cases.Decide(id, CaseOutcome.DisclosedInPart, Day(2025, 8, 8));
        var review = await cases.Review(id, ReviewTarget.Decision, Day(2025, 8, 20));
        await cases.ReviewStep(review, new ConsultBoard { ConsultationReference = "諮問第7号" }, Day(2025, 8, 25));
        return (id, record, review, third);
    }

    [Fact]
    public async Task every_event_of_the_case_its_review_and_its_record_in_order_with_actor_ground_and_clock_state()
    {
        var (id, record, review, third) = await Build(new LedgerDriver(fixture));

        var document = (await _http.GetFromJsonAsync<CaseTimelineDocument>($"/api/cases/{id}/timeline", LedgerJson.Options))!;
        var timeline = document.Timeline;

        timeline.CaseId.ShouldBe(id);
        timeline.KindJa.ShouldBe("開示請求");
        timeline.OutcomeJa.ShouldBe("一部開示");
        timeline.ReviewIds.ShouldBe([review]);
        timeline.RecordIds.ShouldBe([record]);
        timeline.PersonalDataShown.ShouldBeFalse();
        timeline.Steps.Select(s => s.Number).ShouldBe(Enumerable.Range(1, 12));
        timeline.Steps.Select(s => (s.Stream, s.EventType, s.Day, s.StaffId, s.ArticleJa, s.MarkJa)).ShouldBe(
        [
            (TimelineStream.Record, "record_acquired", new DateOnly(2025, 4, 11), "S-0002", "第4条第1項", "—"),
            (TimelineStream.Record, "record_provided", new DateOnly(2025, 5, 11), "S-0003", "第12条第2項第3号", "—"),
            (TimelineStream.Request, "request_received", new DateOnly(2025, 6, 2), "S-0101", "第18条", "期限内"),
            (TimelineStream.Request, "requester_identity_verified", new DateOnly(2025, 6, 2), "S-0102", "第19条第2項", "期限内"),
            (TimelineStream.Request, "form_correction_requested", new DateOnly(2025, 6, 3), "S-0102", "第19条第3項", "停止中（補正）"),
            (TimelineStream.Request, "form_correction_completed", new DateOnly(2025, 6, 9), "S-0102", "第19条第3項", "期限内"),
            (TimelineStream.Request, "third_party_notified", new DateOnly(2025, 6, 10), "S-0102", "第27条第2項", "期限内"),
            (TimelineStream.Request, "third_party_opinion_received", new DateOnly(2025, 6, 13), "S-0102", "第27条第3項", "期限内"),
            (TimelineStream.Request, "decision_period_extended", new DateOnly(2025, 7, 1), "S-0102", "第25条第2項", "期限内"),
            (TimelineStream.Request, "request_decided", new DateOnly(2025, 8, 8), "S-0102", "第24条", "期限後に履行"),
            (TimelineStream.Review, "review_requested", new DateOnly(2025, 8, 20), "S-0101", "第44条", "—"),
            (TimelineStream.Review, "board_consulted", new DateOnly(2025, 8, 25), "S-0102", "第45条第1項", "—"),
        ]);
        timeline.Steps.ShouldAllBe(s => s.StaffRole.StartsWith("議会事務局"));
        timeline.Steps[2].Ground.ShouldBe("開示請求の受付 / disclosure request received");

        // The decision clock at each step, as the deadline view counts it: due 2 July; paused; 8 July; 7 August; met late on the 8th.
        string Decision(int number) => timeline.Steps[number - 1].Clocks.Single(c => c.ClockId == "disclosure-decision") is var c
            ? $"{c.DueOn:yyyy-MM-dd} {c.State} {c.DaysLeft}" : "";
        timeline.Steps[0].Clocks.ShouldBeEmpty();
        Decision(3).ShouldBe("2025-07-02 Running 30");
        Decision(5).ShouldBe("2025-07-02 Paused 29");
        Decision(6).ShouldBe("2025-07-08 Running 29");
        Decision(9).ShouldBe("2025-08-07 Running 37");
        Decision(10).ShouldBe("2025-08-07 MetLate ");
        Decision(12).ShouldBe("2025-08-07 MetLate ");
        // The objection makes Art. 27(3)'s interval run from the decision: 14 clear days 9-22 August → Monday 25 August.
        timeline.Steps[9].Clocks.Single(c => c.ClockId == "third-party-objection").ShouldSatisfyAllConditions(
            c => c.DueOn.ShouldBe(new DateOnly(2025, 8, 25)), c => c.State.ShouldBe(ClockState.Waiting));

        timeline.Steps[9].Description.ShouldContain("一部開示の決定");
        timeline.Steps[8].Description.ShouldContain("30日延長");
        timeline.Steps[4].Description.ShouldContain("補正を求めた");

        var party = timeline.ThirdParties.Single();
        party.ThirdPartyId.ShouldBe(third);
        party.Mandatory.ShouldBeTrue();
        party.NotifiedOn.ShouldBe(new DateOnly(2025, 6, 10));
        party.OpinionOn.ShouldBe(new DateOnly(2025, 6, 13));
        party.Objects.ShouldBe(true);
        party.Identity.ShouldBe("［氏名：非表示］");

        // Personal data only when asked for.
        var hidden = await _http.GetStringAsync($"/api/cases/{id}/timeline");
        hidden.ShouldNotContain(RequesterName);
        hidden.ShouldNotContain(ThirdPartyName);
        hidden.ShouldContain("［氏名・住所：非表示］");
        var shown = await _http.GetStringAsync($"/api/cases/{id}/timeline?personalData=show");
        shown.ShouldContain(RequesterName);
        shown.ShouldContain(ThirdPartyName);

        // The export: a CSV named by the case id only, whose SHA-256 the JSON and the page state.
        var csvResponse = await _http.GetAsync($"/api/cases/{id}/timeline?format=csv");
        csvResponse.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"case-timeline-{id}.csv");
        var csv = await csvResponse.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(csv));
        document.CsvSha256.ShouldBe(sha);
        var rows = Csv.Parse(Encoding.UTF8.GetString(csv).TrimStart('\uFEFF'));
        rows.Count.ShouldBe(13);
        rows[0][0].ShouldBe("番号");
        rows[10][10].ShouldBe("期限後に履行");
        Encoding.UTF8.GetString(csv).ShouldNotContain(RequesterName);
        var page = await _http.GetStringAsync($"/api/cases/{id}/timeline?format=html");
        page.ShouldContain(sha);
        page.ShouldNotContain("<link");
    }

    [Fact]
    public async Task an_unknown_case_is_a_404_and_a_bad_format_or_personal_data_switch_a_400_appending_nothing()
    {
        var (id, _, _, _) = await Build(new LedgerDriver(fixture));
        var before = await EventCount();

        var unknown = await _http.GetAsync($"/api/cases/{Guid.NewGuid()}/timeline");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("stream.not-found");
        // A review's id is not a request case.
        var review = (await _http.GetFromJsonAsync<CaseTimelineDocument>($"/api/cases/{id}/timeline", LedgerJson.Options))!.Timeline.ReviewIds[0];
        (await _http.GetAsync($"/api/cases/{review}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var query in (string[])["format=pdf", "personalData=maybe"])
        {
            var bad = await _http.GetAsync($"/api/cases/{id}/timeline?{query}");
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("query.invalid");
        }
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_command_line_writes_the_csv_the_service_gives_and_exits_4_for_an_unknown_case()
    {
        var (id, _, _, _) = await Build(new LedgerDriver(fixture));
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        var file = Path.Combine(Path.GetTempPath(), $"timeline-{Guid.NewGuid():N}.csv");
        try
        {
            (await LedgerCommandLine.Run(["timeline", id.ToString(), "--format", "csv", "--out", file])).ShouldBe(0);
            (await File.ReadAllBytesAsync(file)).ShouldBe(await _http.GetByteArrayAsync($"/api/cases/{id}/timeline?format=csv"));
        }
        finally
        {
            File.Delete(file);
        }
        (await LedgerCommandLine.Run(["timeline", Guid.NewGuid().ToString()])).ShouldBe(4);
        (await LedgerCommandLine.Run(["timeline", id.ToString(), "--format", "doc"])).ShouldBe(2);

        // With personal data, as over HTTP: a purpose and a named user whose role reads (the board: this case was referred to it).
        Environment.SetEnvironmentVariable(Host.Access.UserAdministration.TokenVariable, null);
        var board = await fixture.User($"B-{Guid.NewGuid().ToString("N")[..8]}", Host.Access.LedgerRoles.ReviewBoard, name: "審査 花子", title: "個人情報保護審査会 委員");
        var shown = Path.Combine(Path.GetTempPath(), $"timeline-{Guid.NewGuid():N}.json");
        try
        {
            (await LedgerCommandLine.Run(["timeline", id.ToString(), "--show-personal-data", "--purpose", "審査", "--out", shown]))
                .ShouldBe(2, "a read of personal data is recorded as a named user, never as nobody");
            (await LedgerCommandLine.Run(["timeline", id.ToString(), "--show-personal-data", "--as", board.StaffId, "--out", shown]))
                .ShouldBe(2, "a read of personal data states its purpose");
            File.Exists(shown).ShouldBeFalse("nothing was shown");
            (await LedgerCommandLine.Run(["timeline", id.ToString(), "--show-personal-data", "--purpose", "諮問第7号の審査", "--as", board.StaffId, "--out", shown]))
                .ShouldBe(0);
        }
        finally
        {
            File.Delete(shown);
        }
        await using var session = fixture.Store.TenantQuerySession();
        var read = (await session.Events.QueryRawEventDataOnly<Domain.Access.PersonalDataRead>().Where(r => r.StreamId == id).ToListAsync()).ShouldHaveSingleItem();
        (read.ReaderId, read.ReaderRole, read.Channel).ShouldBe((board.StaffId, Host.Access.LedgerRoles.ReviewBoard, "scripts/auditledger timeline"));
    }

    private async Task<int> EventCount()
    {
        await using var session = fixture.Store.TenantQuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
