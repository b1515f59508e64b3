namespace AuditLedger.Tests.BusinessOversight;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.BusinessOversight;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Tests.Nagareyama;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using static AuditLedger.Tests.RuleEnforcementTests;

/// <summary>
/// Business oversight (事業者に対する調査・是正勧告・公表, 流山市 個人情報保護制度の概要「事業者への啓発等」) through HTTP on PostgreSQL:
/// the lawful sequence to publication under Nagareyama's law, each step out of order refused naming its rule and appending
/// nothing, an opening refused where the law in force (Urayasu's) provides no oversight, and the case's timeline.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class BusinessOversightTests(LedgerFixture fixture)
{
    public const string SectionJa = "流山市個人情報保護制度「事業者への啓発等」（条番号なし：概要の節）";

    private readonly HttpClient _nagareyama = new NagareyamaLedger(fixture).Client().GetAwaiter().GetResult();
    private readonly HttpClient _urayasu = fixture.CreateClient();

    private const string ContactName = "流山 担当太郎";

    private static OpenOversightInvestigation Opening() => new()
    {
        CaseId = Guid.CreateVersion7(),
        BusinessName = "株式会社おおたかの森データ",
        ContactPersons = [new PersonalData(Guid.NewGuid(), PersonalDataKind.Name, ContactName)],
        Suspicion = "会員名簿を本人の同意なく第三者に提供している疑い",
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) =>
        client.PostAsync(url, JsonContent.Create(body, body.GetType(), options: LedgerJson.Options));

    /// <summary>The steps of the lawful sequence, each with its route, in order.</summary>
    private static readonly (string Path, OversightCommand Command)[] Sequence =
    [
        ("findings", new RecordOversightFindings { SeriouslyImproper = true, Findings = "名簿を業者に販売していたことを確認" }),
        ("board-consultations", new ConsultOversightBoard { Question = "是正の勧告を行うことについて" }),
        ("board-opinions", new ReceiveOversightBoardOpinion { Opinion = "是正の勧告を行うことが相当" }),
        ("recommendation", new RecommendCorrection { Recommendation = "第三者提供の停止及び本人への通知" }),
        ("response", new RecordBusinessResponse { Complied = false, Response = "期限までに是正されなかった" }),
        ("hearing", new HoldBusinessHearing { Statement = "事業上やむを得ないとの意見" }),
        ("board-consultations", new ConsultOversightBoard { Question = "事実を公表することについて" }),
        ("board-opinions", new ReceiveOversightBoardOpinion { Opinion = "公表することが相当" }),
        ("publication", new PublishOversightFacts { Publication = "勧告に従わなかった事実を公表" }),
        ("closure", new CloseOversightCase { Conclusion = "公表により終結" }),
    ];

    private async Task<Guid> Open()
    {
        var opening = Opening();
        var response = await Post(_nagareyama, "/api/business-oversight", opening);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return opening.CaseId!.Value;
    }

    /// <summary>Posts a step at the version the case is at (read first).</summary>
    private async Task<HttpResponseMessage> Step(Guid caseId, string path, OversightCommand command)
    {
        var version = await Version(caseId);
        return await Post(_nagareyama, $"/api/business-oversight/{caseId}/{path}", command with { CaseId = caseId, ExpectedVersion = version });
    }

    private async Task Steps(Guid caseId, int count)
    {
        foreach (var (path, command) in Sequence.Take(count))
        {
            var response = await Step(caseId, path, command);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<long> Version(Guid caseId) =>
        (await Json(await _nagareyama.GetAsync($"/api/business-oversight/{caseId}"))).GetProperty("version").GetInt64();

    private async Task Refused(Guid caseId, string path, OversightCommand command, string code)
    {
        var before = await Version(caseId);
        var response = await Step(caseId, path, command);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("article").GetString().ShouldBe(SectionJa);
        (await Version(caseId)).ShouldBe(before, "a refused step appends nothing");
    }

    private static OversightCommand At(int index) => Sequence[index].Command;

    [Fact]
    public async Task the_lawful_sequence_runs_from_investigation_through_both_board_opinions_and_the_hearing_to_publication()
    {
        var caseId = await Open();
        await Steps(caseId, Sequence.Length);

        var state = await Json(await _nagareyama.GetAsync($"/api/business-oversight/{caseId}"));
        state.GetProperty("version").GetInt64().ShouldBe(11);
        state.GetProperty("published").GetBoolean().ShouldBeTrue();
        state.GetProperty("status").GetString().ShouldBe("Closed");
        state.GetProperty("jurisdictionId").GetString().ShouldBe("nagareyama-city");
        state.GetProperty("businessName").GetString().ShouldBe("株式会社おおたかの森データ");
    }

    [Fact]
    public async Task the_contact_persons_name_is_sealed_in_the_store_while_the_businesss_name_is_plain()
    {
        var caseId = await Open();
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from auditledger.mt_events where stream_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = caseId });
        var data = (string)(await command.ExecuteScalarAsync())!;
        data.ShouldNotContain(ContactName);
        data.ShouldNotContain("会員名簿");
        data.ShouldContain("\"sealed\": \"v2:");
        data.ShouldContain("株式会社おおたかの森データ");
    }

    [Fact]
    public async Task a_recommendation_before_the_boards_opinion_is_refused()
    {
        var caseId = await Open();
        await Steps(caseId, 1);
        await Refused(caseId, "recommendation", At(3), OversightOrder.BoardOpinionRequired.Code);
        (await Step(caseId, "board-consultations", At(1))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Refused(caseId, "recommendation", At(3), OversightOrder.BoardOpinionPending.Code);
        (await Step(caseId, "board-opinions", At(2))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Step(caseId, "recommendation", At(3))).StatusCode.ShouldBe(HttpStatusCode.OK, "the lawful twin, once the board has given its opinion");
    }

    [Fact]
    public async Task consulting_the_board_or_recommending_needs_findings_of_serious_impropriety()
    {
        var caseId = await Open();
        await Refused(caseId, "board-consultations", At(1), OversightOrder.FindingsRequired.Code);
        await Refused(caseId, "board-opinions", At(2), OversightOrder.BoardNotConsulted.Code);
        await Refused(caseId, "response", At(4), OversightOrder.RecommendationRequired.Code);
        (await Step(caseId, "findings", new RecordOversightFindings { SeriouslyImproper = false, Findings = "軽微な不備のみ" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Refused(caseId, "findings", At(0), OversightOrder.StepAlreadyTaken.Code);
        await Refused(caseId, "board-consultations", At(1), OversightOrder.NotSeriouslyImproper.Code);
        await Refused(caseId, "recommendation", At(3), OversightOrder.NotSeriouslyImproper.Code);
        (await Step(caseId, "closure", At(9))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Refused(caseId, "findings", At(0), OversightOrder.Closed.Code);
    }

    [Fact]
    public async Task publication_is_refused_without_the_hearing_and_without_the_boards_second_opinion()
    {
        var caseId = await Open();
        await Steps(caseId, 5); // through the response: not complied
        await Refused(caseId, "publication", At(8), OversightOrder.HearingRequired.Code);
        await Refused(caseId, "board-consultations", At(6), OversightOrder.HearingRequired.Code);
        (await Step(caseId, "hearing", At(5))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Refused(caseId, "publication", At(8), OversightOrder.BoardOpinionRequired.Code);
        (await Step(caseId, "board-consultations", At(6))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Refused(caseId, "publication", At(8), OversightOrder.BoardOpinionPending.Code);
        await Refused(caseId, "closure", At(9), OversightOrder.BoardOpinionPending.Code);
        (await Step(caseId, "board-opinions", At(7))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Step(caseId, "publication", At(8))).StatusCode.ShouldBe(HttpStatusCode.OK, "the lawful twin");
        await Refused(caseId, "publication", At(8), OversightOrder.StepAlreadyTaken.Code);
    }

    [Fact]
    public async Task a_business_that_complied_is_neither_heard_nor_published()
    {
        var caseId = await Open();
        await Steps(caseId, 4);
        (await Step(caseId, "response", new RecordBusinessResponse { Complied = true, Response = "勧告どおり是正した" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Refused(caseId, "publication", At(8), OversightOrder.NonComplianceRequired.Code);
        await Refused(caseId, "hearing", At(5), OversightOrder.NonComplianceRequired.Code);
        await Refused(caseId, "board-consultations", At(6), OversightOrder.NonComplianceRequired.Code);
        (await Step(caseId, "closure", At(9))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task opening_is_refused_where_the_law_in_force_provides_no_business_oversight_and_accepted_where_it_does()
    {
        var opening = Opening();
        var refused = await Post(_urayasu, "/api/business-oversight", opening);
        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(OpenOversightInvestigation.NotProvided.Code);
        problem.GetProperty("article").GetString().ShouldBe(SectionJa);
        (await _urayasu.GetAsync($"/api/business-oversight/{opening.CaseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing was appended");

        (await Post(_nagareyama, "/api/business-oversight", opening)).StatusCode.ShouldBe(HttpStatusCode.Created, "the same opening under Nagareyama's law");
    }

    [Fact]
    public async Task the_timeline_lists_every_step_with_its_section_ground_and_round_and_offers_only_the_steps_allowed_now()
    {
        var caseId = await Open();
        var opened = await Json(await _nagareyama.GetAsync($"/api/business-oversight/{caseId}/timeline"));
        opened.GetProperty("allowedSteps").EnumerateArray().Select(s => s.GetString()).ShouldBe(["RecordFindings", "Close"]);

        await Steps(caseId, 9);
        var timeline = await Json(await _nagareyama.GetAsync($"/api/business-oversight/{caseId}/timeline"));
        var steps = timeline.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("eventJa").GetString()).ShouldBe([
            "事業者に対する調査の開始", "調査の結果", "審査会への意見聴取", "審査会の意見", "是正の勧告", "勧告に対する事業者の対応",
            "事業者の意見の聴取", "審査会への意見聴取", "審査会の意見", "事実の公表",
        ]);
        steps.Select(s => s.GetProperty("number").GetInt32()).ShouldBe(Enumerable.Range(1, 10));
        steps.ShouldAllBe(s => s.GetProperty("articleJa").GetString() == SectionJa);
        steps.ShouldAllBe(s => s.GetProperty("staffId").GetString() == "S-TEST");
        steps.Where(s => s.GetProperty("eventType").GetString() == nameof(OversightBoardConsulted))
            .Select(s => s.GetProperty("round").GetInt32()).ShouldBe([1, 2]);
        steps[5].GetProperty("outcome").GetBoolean().ShouldBeFalse("the business did not comply");
        steps[5].GetProperty("ground").GetString()!.ShouldContain("勧告に従わない");
        steps[7].GetProperty("ground").GetString()!.ShouldContain("公表についての審査会への意見聴取");
        timeline.ToString().ShouldNotContain(ContactName);
        timeline.GetProperty("allowedSteps").EnumerateArray().Select(s => s.GetString()).ShouldBe(["Close"]);
    }

    // ---- the rule catalog's cases (RuleEnforcementTests runs them through Wolverine under the default, Urayasu, law) ----

    /// <summary>
    /// Opens a case under Nagareyama's law (through the Nagareyama host's bus; with tenants, a Nagareyama tenant's envelope), as staff S-TEST.
    /// </summary>
    private static async Task<Guid> OpenUnderNagareyama(LedgerDriver l)
    {
        var opening = Opening() with { Recording = new Recording(await l.User("S-TEST")) { CorrelationId = Guid.CreateVersion7() } };
        // In the mayor's body (the rule cases run in it: RuleCase.Tenant), whose law provides oversight.
        var result = await l.Fixture.Bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), opening);
        return result.StreamId;
    }

    private static async Task<Guid> Through(LedgerDriver l, int count)
    {
        var caseId = await OpenUnderNagareyama(l);
        foreach (var (_, command) in Sequence.Take(count))
        {
            var stored = await l.Stored(caseId);
            await l.Send(command with { CaseId = caseId, ExpectedVersion = stored.Version });
        }
        return caseId;
    }

    private static async Task<(Guid, LedgerCommand, LedgerCommand)> Twin(LedgerDriver l, int through, OversightCommand refused, OversightCommand passing)
    {
        var caseId = await Through(l, through);
        var version = (await l.Stored(caseId)).Version;
        return (caseId, refused with { CaseId = caseId, ExpectedVersion = version }, passing with { CaseId = caseId, ExpectedVersion = version });
    }

    public static IReadOnlyList<RuleCase> RuleCases =>
    [
        // The open's lawful twin (the same opening under Nagareyama's law) is opening_is_refused_where_…: this harness sends
        // every command under the default law, so the twin here is the first step on a case opened under a Nagareyama tenant.
        new(OpenOversightInvestigation.NotProvided.Code, SectionJa, async l =>
        {
            var caseId = await OpenUnderNagareyama(l);
            return (caseId, Opening(), At(0) with { CaseId = caseId, ExpectedVersion = 1 });
        }, Tenant: NagareyamaLedger.Tenant, RefusedTenant: AuditLedger.Host.Tenancy.LedgerTenant.Default),
        new(OversightOrder.Closed.Code, SectionJa, async l =>
        {
            var closed = await OpenUnderNagareyama(l);
            await l.Send(At(9) with { CaseId = closed, ExpectedVersion = 1 });
            var open = await OpenUnderNagareyama(l);
            return (open, At(0) with { CaseId = closed, ExpectedVersion = 2 }, At(0) with { CaseId = open, ExpectedVersion = 1 });
        }, Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.StepAlreadyTaken.Code, SectionJa, l => Twin(l, 1, At(0), At(1)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.FindingsRequired.Code, SectionJa, l => Twin(l, 0, At(1), At(0)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.NotSeriouslyImproper.Code, SectionJa, async l =>
        {
            var caseId = await OpenUnderNagareyama(l);
            await l.Send(new RecordOversightFindings { CaseId = caseId, ExpectedVersion = 1, SeriouslyImproper = false, Findings = "軽微" });
            return (caseId, At(1) with { CaseId = caseId, ExpectedVersion = 2 }, At(9) with { CaseId = caseId, ExpectedVersion = 2 });
        }, Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.BoardOpinionPending.Code, SectionJa, l => Twin(l, 2, At(3), At(2)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.BoardNotConsulted.Code, SectionJa, l => Twin(l, 1, At(2), At(1)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.BoardOpinionRequired.Code, SectionJa, l => Twin(l, 6, At(8), At(6)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.RecommendationRequired.Code, SectionJa, l => Twin(l, 3, At(4), At(3)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.NonComplianceRequired.Code, SectionJa, l => Twin(l, 4, At(5), At(4)), Tenant: NagareyamaLedger.Tenant),
        new(OversightOrder.HearingRequired.Code, SectionJa, l => Twin(l, 5, At(8), At(5)), Tenant: NagareyamaLedger.Tenant),
    ];
}
