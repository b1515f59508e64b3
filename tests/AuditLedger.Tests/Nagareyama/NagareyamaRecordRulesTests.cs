namespace AuditLedger.Tests.Nagareyama;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Nagareyama's own rules on records (its overview, 「実施機関が個人情報を取り扱う場合の主なルール」: no article numbers, so each
/// refusal cites the section heading and says so), switched on by its profile's recordPolicies, each with a refused case and
/// its lawful twin through HTTP on PostgreSQL; and the same commands under Urayasu's profile, which states none of them.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class NagareyamaRecordRulesTests(LedgerFixture fixture) : IAsyncLifetime
{
    /// <summary>The codes of the rules these tests refuse and pass (the catalog's every-rule test counts them as covered).</summary>
    public static readonly IReadOnlyList<string> Codes =
        [
            "acquisition.not-from-the-person-without-ground", "acquisition.sensitive-category-without-ground", "acquisition.affair-not-notified",
            "provision.entrustment-without-protective-measures", "file.notification-not-provided",
        ];

    private const string CollectionSection = "流山市個人情報保護制度「実施機関が個人情報を取り扱う場合の主なルール：個人情報の取扱状況が皆さんに分かるようにし、必要以上の収集や無断収集を防ぐために」（条番号なし：概要の節）";
    private const string SafetySection = "流山市個人情報保護制度「実施機関が個人情報を取り扱う場合の主なルール：個人情報の漏えいや紛失、誤った情報の利用などを防ぐために」（条番号なし：概要の節）";

    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>A stream's version and event count in the mayor's body, where these tests write.</summary>
    private async Task<(long, int)> StoredInNagareyama(Guid id)
    {
        using var inTenant = AuditLedger.Host.Tenancy.LedgerTenant.Enter(NagareyamaLedger.Tenant);
        return await _ledger.Stored(id);
    }
    private NagareyamaLedger _nagareyama = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _nagareyama = new NagareyamaLedger(fixture);
        _http = await _nagareyama.Client();
    }

    public async Task DisposeAsync() => await _nagareyama.DisposeAsync();

    private Task<HttpResponseMessage> PostN(string path, LedgerCommand command) => _nagareyama.Post(path, command);

    private Task<HttpResponseMessage> PostU(string path, LedgerCommand command) =>
        fixture.ClientFor(command).PostAsJsonAsync<object>(path, command, LedgerJson.Options);

    /// <summary>A registered file; under Nagareyama its 事務 notified to the mayor too (届出), unless <paramref name="notified"/> is false.</summary>
    private async Task<Guid> RegisterFile(bool nagareyama = true, bool notified = true)
    {
        var response = nagareyama ? await PostN("/api/files", Registration()) : await PostU("/api/files", Registration());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var file = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamId").GetGuid();
        if (nagareyama && notified) await Appended(await PostN($"/api/files/{file}/notifications", Notification(file)), HttpStatusCode.OK);
        return file;
    }

    private static NotifyFileToMayor Notification(Guid file, string affair = "議会傍聴者受付事務") => new()
    {
        FileId = file, ExpectedVersion = 1, AffairName = affair, StaffId = "S-0001", StaffRole = "総務部 総務課 主査", OccurredAt = FileRegisteredAt.AddDays(1),
    };

    private static async Task<JsonElement> Refused(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("appended").GetInt32().ShouldBe(0);
        return problem;
    }

    private static async Task<JsonElement> Appended(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static AcquireRecord FromAThirdParty(Guid file) => Acquisition(file) with
    {
        Source = AcquisitionSource.FromAThirdParty, PurposeStatement = PurposeStatement.NotApplicable,
    };

    private async Task<JsonElement> LastEvent(Guid stream)
    {
        var history = JsonDocument.Parse(await _http.GetStringAsync($"/api/streams/{stream}/events")).RootElement;
        return history.GetProperty("events").EnumerateArray().Last().GetProperty("data");
    }

    // ---- 本人収集: 「個人情報は、原則として本人から収集します。」 ----

    [Fact]
    public async Task acquiring_from_someone_other_than_the_person_without_an_exception_ground_is_refused_citing_the_overview_section()
    {
        var file = await RegisterFile();
        var refused = FromAThirdParty(file);

        var problem = await Refused(await PostN("/api/records", refused), "acquisition.not-from-the-person-without-ground");

        problem.GetProperty("article").GetString().ShouldBe(CollectionSection);
        problem.GetProperty("articleEnglish").GetString()!.ShouldContain("no article numbers");
        problem.GetProperty("detail").GetString()!.ShouldContain("原則として本人から収集します");
        (await StoredInNagareyama(refused.RecordId!.Value)).ShouldBe((0L, 0), "a refused command appends nothing");
    }

    [Fact]
    public async Task acquiring_from_someone_other_than_the_person_with_an_exception_ground_is_recorded_with_the_ground()
    {
        var file = await RegisterFile();
        var lawful = FromAThirdParty(file) with { CollectionExceptionGround = "本人の生命、身体又は財産の保護のために緊急に必要があるため" };

        var result = await Appended(await PostN("/api/records", lawful), HttpStatusCode.Created);

        var id = result.GetProperty("streamId").GetGuid();
        (await StoredInNagareyama(id)).ShouldBe((1L, 1));
        (await LastEvent(id)).GetProperty("collectionExceptionGround").GetString().ShouldBe("本人の生命、身体又は財産の保護のために緊急に必要があるため");
        // From the person, no ground is needed.
        await Appended(await PostN("/api/records", Acquisition(file)), HttpStatusCode.Created);
    }

    // ---- 「思想、信条、宗教および社会的差別の原因となる個人情報は、原則として収集しません。」 ----

    [Fact]
    public async Task acquiring_a_record_of_a_sensitive_category_without_an_exception_ground_is_refused()
    {
        var file = await RegisterFile();
        var refused = Acquisition(file) with { SensitiveCategories = ["religion"] };

        var problem = await Refused(await PostN("/api/records", refused), "acquisition.sensitive-category-without-ground");

        problem.GetProperty("article").GetString().ShouldBe(CollectionSection);
        problem.GetProperty("detail").GetString()!.ShouldContain("religion");
        (await StoredInNagareyama(refused.RecordId!.Value)).ShouldBe((0L, 0));

        // A category the profile does not name is malformed input, not a silent pass.
        var unknown = await PostN("/api/records", Acquisition(file) with { SensitiveCategories = ["hobby"], SensitiveCategoryExceptionGround = "x" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task acquiring_a_record_of_a_sensitive_category_with_an_exception_ground_is_recorded_with_its_categories()
    {
        var file = await RegisterFile();
        var lawful = Acquisition(file) with
        {
            SensitiveCategories = ["creed", "social-discrimination"],
            SensitiveCategoryExceptionGround = "法令に基づき、事務の遂行に不可欠であるため",
        };

        var result = await Appended(await PostN("/api/records", lawful), HttpStatusCode.Created);

        var data = await LastEvent(result.GetProperty("streamId").GetGuid());
        data.GetProperty("sensitiveCategories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["creed", "social-discrimination"]);
        data.GetProperty("sensitiveCategoryExceptionGround").GetString().ShouldBe("法令に基づき、事務の遂行に不可欠であるため");
    }

    // ---- 委託: 「個人情報の取扱いを委託する場合には、個人情報の保護に関して必要な措置を講じます。」 ----

    private static ProvideRecord Entrustment(Guid record) => ProvisionToMayor(record, 1) with
    {
        Recipient = new Recipient("株式会社流山データ処理センター", RecipientKind.Contractor),
        Purpose = "住民情報システムの運用保守の委託",
        Ground = UseGround.ToContractor,
        GroundDetail = "運用保守業務委託契約に基づく委託",
    };

    [Fact]
    public async Task entrusting_processing_to_a_contractor_without_the_protective_measures_is_refused()
    {
        var file = await RegisterFile();
        var record = (await Appended(await PostN("/api/records", Acquisition(file)), HttpStatusCode.Created)).GetProperty("streamId").GetGuid();

        var problem = await Refused(await PostN($"/api/records/{record}/provisions", Entrustment(record)),
            "provision.entrustment-without-protective-measures");

        problem.GetProperty("article").GetString().ShouldBe(SafetySection);
        (await StoredInNagareyama(record)).ShouldBe((1L, 1));
    }

    [Fact]
    public async Task entrusting_processing_with_the_protective_measures_required_of_the_contractor_is_recorded()
    {
        var file = await RegisterFile();
        var record = (await Appended(await PostN("/api/records", Acquisition(file)), HttpStatusCode.Created)).GetProperty("streamId").GetGuid();
        var lawful = Entrustment(record) with { SafeguardsRequested = ["再委託の禁止", "目的外利用の禁止", "契約終了時の返還・消去", "事故発生時の報告"] };

        await Appended(await PostN($"/api/records/{record}/provisions", lawful), HttpStatusCode.OK);

        (await StoredInNagareyama(record)).ShouldBe((2L, 2));
        (await LastEvent(record)).GetProperty("safeguardsRequested").EnumerateArray().Select(s => s.GetString())
            .ShouldBe(["再委託の禁止", "目的外利用の禁止", "契約終了時の返還・消去", "事故発生時の報告"]);
    }

    // ---- 届出: 「実施機関が個人情報を取り扱う事務を行うときには、あらかじめ、その内容について、市長に届出をします。」 ----

    [Fact]
    public async Task acquiring_into_a_file_whose_affair_was_not_notified_to_the_mayor_is_refused()
    {
        var file = await RegisterFile(notified: false);
        var refused = Acquisition(file);

        var problem = await Refused(await PostN("/api/records", refused), "acquisition.affair-not-notified");

        problem.GetProperty("article").GetString().ShouldBe(CollectionSection);
        (await StoredInNagareyama(refused.RecordId!.Value)).ShouldBe((0L, 0));

        // A 届出 dated after the acquisition does not count: notified "in advance" (あらかじめ).
        await Appended(await PostN($"/api/files/{file}/notifications", Notification(file) with { OccurredAt = Acquired.AddDays(1) }), HttpStatusCode.OK);
        await Refused(await PostN("/api/records", refused), "acquisition.affair-not-notified");
    }

    [Fact]
    public async Task acquiring_after_the_affair_was_notified_is_recorded_and_the_notification_is_listed_for_the_public_in_html_csv_and_xlsx()
    {
        var file = await RegisterFile(notified: false);
        var affair = $"議会傍聴者受付事務（{file:N}）";
        await Appended(await PostN($"/api/files/{file}/notifications", Notification(file, affair)), HttpStatusCode.OK);

        await Appended(await PostN("/api/records", Acquisition(file)), HttpStatusCode.Created);

        var anonymous = fixture.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        var html = await anonymous.GetAsync("/notifications.html?tenant=" + NagareyamaLedger.Tenant);
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await html.Content.ReadAsStringAsync();
        page.ShouldContain("個人情報を取り扱う事務の届出一覧");
        page.ShouldContain(affair);
        page.ShouldContain("本人からの傍聴受付票の提出");
        var csv = await anonymous.GetAsync("/notifications.csv?tenant=" + NagareyamaLedger.Tenant);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain("事務の名称");
        text.Split('\n').ShouldContain(l => l.Contains(affair) && l.Contains("2025-04-02"));
        var xlsx = await anonymous.GetAsync("/notifications.xlsx?tenant=" + NagareyamaLedger.Tenant);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await xlsx.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
        var json = JsonDocument.Parse(await anonymous.GetStringAsync("/api/notifications?tenant=" + NagareyamaLedger.Tenant)).RootElement;
        json.GetProperty("files").EnumerateArray().ShouldContain(r => r.GetProperty("affairName").GetString() == affair && r.GetProperty("fileId").GetString() == file.ToString());
        // The page names the body that notified, and carries its print style (the report's policy allows its inline style).
        page.ShouldContain("流山市長：個人情報を取り扱う事務について、あらかじめ市長に届け出た内容");
        html.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("style-src 'unsafe-inline'");
        json.GetProperty("asOf").GetString()!.ShouldEndWith("+09:00");

        // The city's list for its 情報公開コーナー: every body of Nagareyama served here, by body, and the total.
        var city = JsonDocument.Parse(await anonymous.GetStringAsync("/api/city/nagareyama/notifications")).RootElement;
        var bodies = city.GetProperty("bodies").EnumerateArray().ToList();
        bodies.Select(b => b.GetProperty("tenant").GetString()).ShouldContain(NagareyamaLedger.Tenant);
        bodies.Select(b => b.GetProperty("tenant").GetString()).ShouldContain("nagareyama:board-of-education");
        bodies.ShouldAllBe(b => b.GetProperty("tenant").GetString()!.StartsWith("nagareyama:"));
        bodies.Single(b => b.GetProperty("tenant").GetString() == NagareyamaLedger.Tenant).GetProperty("published").GetProperty("files").EnumerateArray()
            .ShouldContain(r => r.GetProperty("affairName").GetString() == affair);
        city.GetProperty("totalNotifications").GetInt32().ShouldBe(bodies.Sum(b => b.GetProperty("published").GetProperty("files").GetArrayLength()));
        var cityPage = await anonymous.GetStringAsync("/api/city/nagareyama/notifications?format=html");
        cityPage.ShouldContain("流山市教育委員会");
        cityPage.ShouldContain(affair);
        cityPage.ShouldContain($"合計: {city.GetProperty("totalNotifications").GetInt32()}件");
        var cityCsv = await anonymous.GetStringAsync("/api/city/nagareyama/notifications?format=csv");
        cityCsv.Split('\n').ShouldContain(l => l.Contains("流山市長") && l.Contains(affair));
        (await anonymous.GetAsync("/api/city/nagareyama/notifications?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var atlantis = await anonymous.GetAsync("/api/city/atlantis/notifications");
        atlantis.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await atlantis.Content.ReadAsStringAsync()).ShouldContain("municipality.unknown");
        // Urayasu's council notifies no one: its law provides no 届出, so it has no list (not an empty one).
        foreach (var none in new[] { "/notifications.html", "/api/notifications", "/api/city/urayasu/notifications" })
        {
            var missing = await anonymous.GetAsync(none);
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound, none);
            var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("code").GetString().ShouldBe("notifications.not-provided", none);
            problem.GetProperty("japanese").GetString()!.ShouldContain("届出の定めがない", customMessage: none);
            problem.GetProperty("english").GetString()!.ShouldContain("provides no notification", customMessage: none);
        }
        // A browser's Accept (no JSON) gets the same 404 problem, not the exception handler's 500.
        var htmlOnly = new HttpRequestMessage(HttpMethod.Get, "/notifications.html");
        htmlOnly.Headers.Accept.ParseAdd("text/html");
        var refusedForBrowser = await anonymous.SendAsync(htmlOnly);
        refusedForBrowser.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await refusedForBrowser.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("notifications.not-provided");
    }

    /// <summary>
    /// The lead notes of a Nagareyama body's reports come from its profile (reportNotes): they say the overview states no file
    /// register and no annual publication, and cite no Urayasu article.
    /// </summary>
    [Fact]
    public async Task a_nagareyama_bodys_printable_reports_carry_its_profiles_notes_not_urayasus_articles()
    {
        var anonymous = fixture.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        var tenant = "tenant=" + Uri.EscapeDataString(NagareyamaLedger.Tenant);

        var register = await anonymous.GetStringAsync("/register/published.html?" + tenant);
        register.ShouldContain("流山市 個人情報保護制度の概要には個人情報ファイル簿の定めがなく");
        register.ShouldNotContain("浦安市議会の個人情報の保護に関する条例");
        var annual = await anonymous.GetStringAsync("/api/annual-status/2025?format=html&" + tenant);
        annual.ShouldContain("流山市 個人情報保護制度の概要には施行状況の公表の定めがなく");
        annual.ShouldNotContain("浦安市議会の個人情報の保護に関する条例");

        var urayasu = await anonymous.GetStringAsync("/register/published.html");
        urayasu.ShouldContain("浦安市議会の個人情報の保護に関する条例第17条第1項の規定により作成し、公表するもの");

        // The public page of published documents links the body's 届出 list where its law provides one, for that body.
        var published = await anonymous.GetStringAsync("/published?" + tenant);
        published.ShouldContain("届出一覧（HTML・印刷用）");
        published.ShouldContain("/notifications.html?" + tenant);
        (await anonymous.GetStringAsync("/published")).ShouldNotContain("届出一覧");
    }

    [Fact]
    public async Task under_urayasu_whose_rules_provide_no_notification_a_notification_is_refused_and_acquisition_needs_none()
    {
        var file = await RegisterFile(nagareyama: false);
        var notification = Notification(file);

        await Refused(await PostU($"/api/files/{file}/notifications", notification), "file.notification-not-provided");

        (await _ledger.Stored(file)).ShouldBe((1L, 1));
        await Appended(await PostU("/api/records", Acquisition(file)), HttpStatusCode.Created);
    }

    // ---- Urayasu's profile states none of these rules: the same commands pass as before ----

    [Fact]
    public async Task under_urayasu_the_same_acquisitions_and_entrustment_are_not_refused_by_nagareyama_rules()
    {
        var file = await RegisterFile(nagareyama: false);
        await Appended(await PostU("/api/records", FromAThirdParty(file)), HttpStatusCode.Created);
        var record = (await Appended(await PostU("/api/records", Acquisition(file)), HttpStatusCode.Created)).GetProperty("streamId").GetGuid();
        await Appended(await PostU($"/api/records/{record}/provisions", Entrustment(record)), HttpStatusCode.OK);
        // Urayasu names no sensitive categories: a code is malformed input there.
        var categorised = await PostU("/api/records", Acquisition(file) with { SensitiveCategories = ["religion"] });
        categorised.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await categorised.Content.ReadAsStringAsync());
    }
}
