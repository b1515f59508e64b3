namespace AuditLedger.Tests.Reports;

using System.Net.Http.Json;
using System.Text;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Requests;
using AuditLedger.Projections.Reporting;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static AuditLedger.Tests.Support.CaseDriver;

/// <summary>
/// The timeline and the reports name every fact in Japanese: each event type (in its module's event list) and each value
/// of the domain's enumerations has a label in <see cref="CaseLabels"/>, and each jurisdiction profile and its clocks a
/// Japanese name. Found by reflection, so a new event type or value without a label fails here.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LabelTests(LedgerFixture fixture)
{
    private static readonly System.Reflection.Assembly[] DomainAssemblies = [typeof(ILedgerEvent).Assembly, typeof(JurisdictionProfile).Assembly];

    private static bool IsJapanese(string text) => text.Any(c => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff');

    [Fact]
    public void every_event_type_of_the_domain_has_a_japanese_label()
    {
        var eventTypes = typeof(ILedgerEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILedgerEvent).IsAssignableFrom(t)).ToList();
        eventTypes.Count.ShouldBeGreaterThan(40);
        var declared = AuditLedger.Domain.LedgerModules.Events.ToDictionary(e => e.Type, e => e.Japanese);
        eventTypes.Where(t => !declared.ContainsKey(t) || !IsJapanese(CaseLabels.Event(t))).Select(t => t.Name).ShouldBeEmpty();
        eventTypes.Select(CaseLabels.Event).ShouldBeUnique();
        Should.Throw<ArgumentException>(() => CaseLabels.Event(typeof(string))).Message.ShouldContain("no module's event list");
    }

    [Fact]
    public void every_value_of_every_enumeration_of_the_domain_has_a_japanese_label()
    {
        var enums = DomainAssemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsEnum: true, IsPublic: true }).ToList();
        enums.ShouldContain(typeof(CaseOutcome));
        enums.ShouldContain(typeof(RequesterType));
        enums.ShouldContain(typeof(StartRule));
        var missing = enums.SelectMany(t => Enum.GetValues(t).Cast<Enum>())
            .Where(v => !CaseLabels.HasLabel(v) || !IsJapanese(CaseLabels.Of(v))).Select(v => $"{v.GetType().Name}.{v}").ToList();
        missing.ShouldBeEmpty();
        // The timeline's own marks, which belong to the view.
        Enum.GetValues<TimelineMark>().Where(m => m != TimelineMark.NoClock).Select(CaseTimelines.MarkJa).ShouldAllBe(m => IsJapanese(m));
    }

    [Fact]
    public void every_jurisdiction_profile_and_each_of_its_clocks_has_a_japanese_name()
    {
        var profiles = fixture.Services.GetRequiredService<AuditLedger.Host.Configuration.LedgerJurisdictions>().Catalog.All;
        profiles.ShouldNotBeEmpty();
        foreach (var profile in profiles)
        {
            IsJapanese(profile.Name.Ja).ShouldBeTrue(profile.Id);
            CaseLabels.Profile(profile).ShouldContain(profile.Name.Ja);
            profile.Clocks.Values.Where(c => !IsJapanese(c.Name.Ja)).Select(c => $"{profile.Id}/{c.Id}").ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task the_timeline_names_each_event_decision_requester_and_profile_in_japanese_in_json_and_csv()
    {
        var ledger = new LedgerDriver(fixture);
        var cases = new CaseDriver(ledger);
        var id = await CaseRuleCases.DisclosureDecided(ledger, noticeDelivered: true, methodStated: true);
        await cases.Step(id, new ImplementDisclosure { Method = DisclosureMethod.Copy }, Day(2025, 6, 30));

        var http = fixture.CreateClient();
        var json = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}/timeline");
        var steps = json.GetProperty("timeline").GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("eventJa").GetString()).ShouldBe(
            ["請求の受付", "本人確認", "決定（開示決定等）", "決定通知の到達", "開示の実施の方法等の申出", "開示の実施"]);
        json.GetProperty("timeline").GetProperty("jurisdictionJa").GetString()!.ShouldContain("（urayasu-council）");
        steps[0].GetProperty("description").GetString()!.ShouldContain("請求者の区分: 本人");

        var csv = Csv.Parse(Encoding.UTF8.GetString(await http.GetByteArrayAsync($"/api/cases/{id}/timeline?format=csv")).TrimStart('\uFEFF'));
        var eventColumn = Array.IndexOf(csv[0].ToArray(), "事象");
        csv.Skip(1).Select(r => r[eventColumn]).ShouldBe(steps.Select(s => s.GetProperty("eventJa").GetString()));
        csv.Skip(1).ShouldAllBe(r => !r[eventColumn].Contains('_'));
    }
}
