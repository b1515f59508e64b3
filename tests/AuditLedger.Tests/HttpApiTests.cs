namespace AuditLedger.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>The service through the real ASP.NET Core pipeline (WebApplicationFactory): routes, JSON, problem details.</summary>
[Collection(LedgerCollection.Name)]
public sealed class HttpApiTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>Posts as the staff member the command names (their token), as that member of staff would.</summary>
    private Task<HttpResponseMessage> Post(string url, object body) =>
        fixture.ClientFor(body).PostAsync(url, JsonContent.Create(body, body.GetType(), options: LedgerJson.Options));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task a_file_and_a_record_are_created_over_http_and_their_history_reads_back_in_order()
    {
        var registration = Registration();
        var created = await Post("/api/files", registration);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"/api/files/{registration.FileId}");

        var acquisition = Acquisition(registration.FileId!.Value);
        (await Post("/api/records", acquisition)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var provided = await Post($"/api/records/{acquisition.RecordId}/provisions", ProvisionToMayor(Guid.Empty, 1));
        provided.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await provided.Content.ReadFromJsonAsync<AppendResult>())!.Version.ShouldBe(2);

        var history = await Json(await _http.GetAsync($"/api/streams/{acquisition.RecordId}/events"));
        history.GetProperty("version").GetInt64().ShouldBe(2);
        var events = history.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["record_acquired", "record_provided"]);
        var context = events[1].GetProperty("data").GetProperty("context");
        context.GetProperty("actor").GetProperty("staffId").GetString().ShouldBe("S-0003");
        context.GetProperty("ground").GetProperty("article").GetProperty("japanese").GetString().ShouldBe("第12条第2項第3号");
        context.GetProperty("occurredAt").GetDateTimeOffset().ShouldBe(Later);
        context.GetProperty("recordedAt").GetDateTimeOffset().ShouldBe(fixture.Clock.GetUtcNow());
    }

    [Fact]
    public async Task a_provision_without_a_ground_is_refused_with_422_naming_article_12_and_appends_nothing()
    {
        var (_, record) = await _ledger.Record();

        var response = await Post($"/api/records/{record}/provisions", ProvisionToMayor(record, 1) with { Ground = null });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Json(response);
        problem.GetProperty("code").GetString().ShouldBe("use.no-ground");
        problem.GetProperty("article").GetString().ShouldBe("第12条第2項");
        problem.GetProperty("title").GetString()!.ShouldContain("第12条");
        problem.GetProperty("messageEn").GetString()!.ShouldContain("Art. 12(1)");
        (await _ledger.Stored(record)).ShouldBe((1L, 1));
    }

    [Fact]
    public async Task a_provision_of_pseudonymised_information_is_refused_over_http_citing_article_15_1()
    {
        var (_, record) = await _ledger.Record(new(false, false, AuditLedger.Domain.Records.ProcessingForm.Pseudonymised));

        var response = await Post($"/api/records/{record}/provisions", ProvisionToMayor(record, 1));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Json(response)).GetProperty("article").GetString().ShouldBe("第15条第1項");
        (await _ledger.Stored(record)).ShouldBe((1L, 1));
    }

    [Fact]
    public async Task any_action_on_an_erased_record_is_refused_over_http()
    {
        var (_, record) = await _ledger.Record();
        (await Post($"/api/records/{record}/erasure", Disposal(record, 1))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await Post($"/api/records/{record}/outside-purpose-uses", InternalUse(record, 2));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Json(response)).GetProperty("code").GetString().ShouldBe("record.erased");
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task incomplete_input_is_refused_with_400_listing_each_field_in_japanese_and_english()
    {
        var (_, record) = await _ledger.Record();

        var response = await Post($"/api/records/{record}/provisions", new { expectedVersion = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Json(response)).GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("field").GetString()).ShouldBe(["Recipient", "Purpose"], ignoreOrder: true);
        errors.ShouldAllBe(e => e.GetProperty("japanese").GetString()!.Length > 0 && e.GetProperty("english").GetString()!.Length > 0);
        (await _ledger.Stored(record)).ShouldBe((1L, 1));
    }

    [Theory]
    [InlineData("{\"staffId\": 12, ")]
    [InlineData("{\"staffId\":\"S-1\",\"staffRole\":\"主査\",\"expectedVersion\":1,\"recipient\":{\"name\":\"x\",\"kind\":\"NotAKind\"},\"purpose\":\"p\"}")]
    [InlineData("{\"staffId\":\"S-1\",\"staffRole\":\"主査\",\"expectedVersion\":\"one\"}")]
    public async Task malformed_json_is_refused_with_400_and_appends_nothing(string body)
    {
        var (_, record) = await _ledger.Record();

        var response = await _http.PostAsync($"/api/records/{record}/provisions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _ledger.Stored(record)).ShouldBe((1L, 1));
    }

    [Fact]
    public async Task a_command_on_an_unknown_record_is_answered_404()
    {
        var unknown = Guid.NewGuid();

        var response = await Post($"/api/records/{unknown}/provisions", ProvisionToMayor(unknown, 1));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(response)).GetProperty("code").GetString().ShouldBe("stream.not-found");
        (await _http.GetAsync($"/api/streams/{unknown}/events")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_stale_expected_version_is_answered_409_and_nothing_is_merged()
    {
        var (_, record) = await _ledger.Record();
        (await Post($"/api/records/{record}/provisions", ProvisionToMayor(record, 1))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await Post($"/api/records/{record}/outside-purpose-uses", InternalUse(record, 1));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(stale)).GetProperty("code").GetString().ShouldBe("stream.version-conflict");
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
    }

    [Fact]
    public async Task registering_a_file_under_an_id_already_used_is_answered_409()
    {
        var registration = Registration();
        (await Post("/api/files", registration)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await Post("/api/files", registration);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _ledger.Stored(registration.StreamId)).ShouldBe((1L, 1));
    }

    [Fact]
    public async Task the_openapi_document_describes_every_command_route()
    {
        var document = await Json(await _http.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        paths.ShouldContain("/api/files");
        paths.ShouldContain("/api/records/{recordId}/provisions");
        paths.ShouldContain("/api/incidents/{incidentId}/closure");
        paths.ShouldContain("/api/streams/{streamId}/events");
        // Every command's own method and route, by name: CompletenessTests.every_catalog_command_is_an_operation_of_the_openapi_document_at_its_descriptors_method_and_route.
    }
}
