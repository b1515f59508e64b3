namespace AuditLedger.Tests.Jurisdictions;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Jurisdictions.JurisdictionRuleCases;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Through HTTP on PostgreSQL: a refusal in a Nagareyama case cites Nagareyama's overview (its section, saying it has no
/// article numbers) and a Urayasu one still cites Urayasu's articles; the request-side rules of Nagareyama's profile, each
/// refused with nothing appended and its lawful twin accepted; the copy cost computed from the profile's rates.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class JurisdictionHttpTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);
    private readonly CaseDriver _cases = new(new LedgerDriver(fixture));

    private Task<HttpResponseMessage> Post(string url, object body) =>
        fixture.ClientFor(body).PostAsync(url, JsonContent.Create(body, body.GetType(), options: LedgerJson.Options));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> Refused(HttpResponseMessage response, string code)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var problem = await Json(response);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("appended").GetInt32().ShouldBe(0);
        return problem;
    }

    [Fact]
    public async Task a_request_by_mail_is_refused_in_nagareyama_citing_its_overview_and_accepted_at_the_counter()
    {
        var counter = AtTheCounter();
        var mail = counter with { CaseId = Guid.NewGuid(), Channel = RequestChannel.Mail };

        var problem = await Refused(await Post("/api/cases", mail), ReceiveRequest.ChannelNotAccepted.Code);
        problem.GetProperty("jurisdiction").GetString().ShouldBe(Nagareyama);
        problem.GetProperty("article").GetString()!.ShouldContain("流山市 個人情報保護制度の概要「請求の方法」");
        problem.GetProperty("article").GetString()!.ShouldContain("条番号がない");
        problem.GetProperty("article").GetString()!.ShouldNotContain("第19条");
        problem.GetProperty("messageJa").GetString()!.ShouldContain("郵送による受付はできません");
        problem.GetProperty("toDoJa").GetString()!.ShouldContain("窓口");
        problem.GetProperty("citationFallback").GetBoolean().ShouldBeFalse();
        (await _ledger.Load<RequestCase>(mail.CaseId!.Value)).ShouldBeNull();

        (await Post("/api/cases", counter)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var stored = (await _ledger.Load<RequestCase>(counter.CaseId!.Value))!;
        stored.JurisdictionId.ShouldBe(Nagareyama);
        stored.IdentityVerified.ShouldBeTrue("the identity document shown at the counter is the identity check");
    }

    [Fact]
    public async Task urayasu_accepts_a_request_by_mail_and_its_refusals_still_cite_its_articles()
    {
        var mail = By(Request()) with { Channel = RequestChannel.Mail };
        var nameless = mail with { CaseId = Guid.NewGuid(), Requester = [.. mail.Requester.Where(p => p.Kind != AuditLedger.Domain.Common.PersonalDataKind.Name)] };

        var problem = await Refused(await Post("/api/cases", nameless), ReceiveRequest.RequesterNameRequired.Code);
        problem.GetProperty("jurisdiction").GetString().ShouldBe("urayasu-council");
        problem.GetProperty("article").GetString().ShouldBe("第19条第1項第1号");
        problem.GetProperty("citationFallback").GetBoolean().ShouldBeFalse("Urayasu's profile lists every rule");

        (await Post("/api/cases", mail)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _ledger.Load<RequestCase>(mail.CaseId!.Value))!.IdentityVerified.ShouldBeFalse("no identity at receipt: Urayasu checks it as a step");
    }

    [Fact]
    public async Task a_counter_request_in_nagareyama_without_the_identity_document_is_refused_and_with_it_accepted()
    {
        var refused = AtTheCounter() with { IdentityDocument = " " };
        var problem = await Refused(await Post("/api/cases", refused), ReceiveRequest.IdentityNotShownAtReceipt.Code);
        problem.GetProperty("messageJa").GetString()!.ShouldContain("運転免許証や旅券など");
        (await _ledger.Load<RequestCase>(refused.CaseId!.Value)).ShouldBeNull();

        (await Post("/api/cases", refused with { IdentityDocument = "旅券" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task a_nagareyama_disclosure_is_by_its_methods_with_the_notice_and_identity_shown_and_both_are_recorded()
    {
        var id = await ReadyToDisclose(_ledger);
        var url = $"/api/cases/{id}/disclosures";
        var before = await _ledger.Stored(id);

        var electronic = await _cases.Next(id, ShownBoth with { Method = DisclosureMethod.Electronic }, Day(2025, 6, 13));
        var problem = await Refused(await Post(url, electronic), ImplementDisclosure.MethodNotProvided.Code);
        problem.GetProperty("article").GetString()!.ShouldContain("「開示の方法等」");
        var withoutIdentity = await _cases.Next(id, ShownBoth with { IdentityDocumentShown = null }, Day(2025, 6, 13));
        problem = await Refused(await Post(url, withoutIdentity), ImplementDisclosure.NoticeAndIdentityNotShown.Code);
        problem.GetProperty("messageJa").GetString()!.ShouldContain("決定通知書");
        (await _ledger.Stored(id)).ShouldBe(before);

        var lawful = await _cases.Next(id, ShownBoth, Day(2025, 6, 13));
        (await Post(url, lawful)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = (await _ledger.Load<RequestCase>(id))!;
        stored.DisclosedOn.ShouldBe(new DateOnly(2025, 6, 13));
        await using var session = fixture.Store.TenantLightweightSession();
        var disclosed = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<DisclosureImplemented>().Single();
        disclosed.NoticeShown.ShouldBe(true);
        disclosed.IdentityDocumentShown.ShouldBe("旅券");
    }

    [Fact]
    public async Task a_nagareyama_copy_cost_is_computed_from_its_rates_and_an_amount_that_differs_is_refused()
    {
        var id = await ReadyToDisclose(_ledger);
        var url = $"/api/cases/{id}/copy-costs";
        var wrong = await _cases.Next(id, new ChargeCopyCost { MonochromePages = 12, ColourPages = 1, AmountYen = 130 }, Day(2025, 6, 13));
        var problem = await Refused(await Post(url, wrong), ChargeCopyCost.CopyCostNotAsRated.Code);
        problem.GetProperty("article").GetString()!.ShouldContain("「費用」");

        // Left to the profile: 12 × 10 + 1 × 50, plus a CD-R as staff enter it.
        var charge = await _cases.Next(id, new ChargeCopyCost { MonochromePages = 12, ColourPages = 1, OtherMediaYen = 100 }, Day(2025, 6, 13));
        (await Post(url, charge)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _ledger.Load<RequestCase>(id))!.CopyCostYen.ShouldBe(270);
    }

    [Fact]
    public async Task urayasu_states_no_rate_so_staff_enter_the_cost_of_copies()
    {
        var id = await CaseRuleCases.DisclosureDecided(_ledger, noticeDelivered: true, methodStated: true);
        var charge = await _cases.Next(id, new ChargeCopyCost { MonochromePages = 12, ColourPages = 1, AmountYen = 999 }, Day(2025, 6, 30));
        (await Post($"/api/cases/{id}/copy-costs", charge)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _ledger.Load<RequestCase>(id))!.CopyCostYen.ShouldBe(999);
    }
}
