namespace AuditLedger.Tests.Records;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// 目的外利用 (Art. 12) is taken at POST /api/records/{recordId}/outside-purpose-uses. Its former route,
/// /purpose-external-uses, still records the use for the clients that post to it, and says it is deprecated: the OpenAPI
/// document marks it so, and each answer carries <c>Deprecation: true</c> and a <c>Link</c> to its successor (RFC 9745, RFC 8594).
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class OutsidePurposeUseRouteTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>A member of staff of these tests alone, so that no other test's user is added to the directory here first.</summary>
    private static UseRecordOutsidePurpose Use(Guid record, long version) => InternalUse(record, version) with { StaffId = "S-0312" };

    private Task<HttpResponseMessage> Post(string url, UseRecordOutsidePurpose body) =>
        fixture.ClientFor(body).PostAsync(url, JsonContent.Create(body, options: LedgerJson.Options));

    [Fact]
    public async Task the_former_route_still_appends_the_use_and_answers_that_it_is_deprecated_naming_its_successor()
    {
        var (_, record) = await _ledger.Record();

        var response = await Post($"/api/records/{record}/purpose-external-uses", Use(record, 1));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await _ledger.Stored(record)).ShouldBe((2L, 2));
        response.Headers.GetValues("Deprecation").ShouldBe(["true"]);
        response.Headers.GetValues("Link").ShouldBe([$"</api/records/{record}/outside-purpose-uses>; rel=\"successor-version\""]);

        // A refusal on the former route says so too; the current route carries no such header.
        var refused = await Post($"/api/records/{record}/purpose-external-uses", Use(record, 2) with { Ground = null });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Headers.GetValues("Deprecation").ShouldBe(["true"]);
        var current = await Post($"/api/records/{record}/outside-purpose-uses", Use(record, 2));
        current.StatusCode.ShouldBe(HttpStatusCode.OK, await current.Content.ReadAsStringAsync());
        current.Headers.Contains("Deprecation").ShouldBeFalse();
        (await _ledger.Stored(record)).ShouldBe((3L, 3));
    }

    /// <summary>Answers given before the endpoint runs (unreadable body, a route value that is no id, no token) say it too.</summary>
    [Fact]
    public async Task every_answer_of_the_former_route_carries_the_deprecation_headers_even_a_refusal_before_the_endpoint_runs()
    {
        var (_, record) = await _ledger.Record();
        var client = fixture.ClientFor(Use(record, 1));
        var route = $"/api/records/{record}/purpose-external-uses";

        var truncated = await client.PostAsync(route, new StringContent("{\"expectedVersion\":1,", System.Text.Encoding.UTF8, "application/json"));
        var duplicate = await client.PostAsync(route, new StringContent("{\"expectedVersion\":1,\"expectedVersion\":1}", System.Text.Encoding.UTF8, "application/json"));
        var badId = await client.PostAsync("/api/records/zzz/purpose-external-uses", JsonContent.Create(Use(record, 1), options: LedgerJson.Options));
        var anonymous = await fixture.ClientAs("nobody").PostAsync(route, JsonContent.Create(Use(record, 1), options: LedgerJson.Options));

        foreach (var (answer, status) in new[] { (truncated, HttpStatusCode.BadRequest), (duplicate, HttpStatusCode.BadRequest), (badId, HttpStatusCode.BadRequest), (anonymous, HttpStatusCode.Unauthorized) })
        {
            answer.StatusCode.ShouldBe(status, await answer.Content.ReadAsStringAsync());
            answer.Headers.GetValues("Deprecation").ShouldBe(["true"], $"{status} {answer.RequestMessage!.RequestUri}");
            answer.Headers.GetValues("Link").Single().ShouldEndWith("/outside-purpose-uses>; rel=\"successor-version\"");
        }
        (await _ledger.Stored(record)).ShouldBe((1L, 1), "nothing refused may append");
    }

    [Fact]
    public async Task the_openapi_document_marks_the_former_route_deprecated_and_the_current_one_not()
    {
        var document = JsonDocument.Parse(await fixture.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");

        var former = paths.GetProperty("/api/records/{recordId}/purpose-external-uses").GetProperty("post");
        former.GetProperty("deprecated").GetBoolean().ShouldBeTrue();
        var current = paths.GetProperty("/api/records/{recordId}/outside-purpose-uses").GetProperty("post");
        (current.TryGetProperty("deprecated", out var flag) && flag.GetBoolean()).ShouldBeFalse();
    }
}
