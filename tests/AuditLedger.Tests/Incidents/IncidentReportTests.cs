namespace AuditLedger.Tests.Reports;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Incidents;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections.Incidents;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>Leak-incident reports (Art. 11) built from incident events through the real commands, read at the clock's instant.</summary>
[Collection(LedgerCollection.Name)]
public sealed class IncidentReportTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly LedgerDriver _ledger = new(fixture);

    private async Task<(Guid Incident, Guid[] Records, Guid[] Persons)> IncidentOnThreeRecords()
    {
        var file = await _ledger.RegisterFile();
        var acquisitions = Enumerable.Range(0, 3).Select(_ => Acquisition(file)).ToArray();
        foreach (var acquisition in acquisitions) await _ledger.Send(acquisition);
        var records = acquisitions.Select(a => a.RecordId!.Value).ToArray();
        return (await _ledger.Incident(records), records, [.. acquisitions.Select(a => a.DataSubjectId)]);
    }

    private Task<IncidentReportView?> Report(Guid incident) =>
        _http.GetFromJsonAsync<IncidentReportView>($"/api/incident-reports/{incident}", LedgerJson.Options);

    private async Task<List<Guid>> Owed() =>
        [.. (await _http.GetFromJsonAsync<List<IncidentReportView>>("/api/incident-reports/notifications-owed", LedgerJson.Options))!.Select(v => v.IncidentId)];

    [Fact]
    public async Task a_serious_incident_reports_each_person_notified_or_exempted_the_measures_by_heading_and_the_time_since_detection()
    {
        var (incident, records, persons) = await IncidentOnThreeRecords();
        await _ledger.Send(By(new AssessLeakIncident { IncidentId = incident, ExpectedVersion = 1, CriteriaMet = [SeriousCriterion.SpecialCareInformation], SecondaryHarm = "二次被害のおそれは低い" }));
        await _ledger.Send(By(new NotifyAffectedPerson { IncidentId = incident, ExpectedVersion = 2, DataSubjectId = persons[0], Method = "書面（簡易書留）" }));
        await _ledger.Send(By(new ApplyNotificationExemption
        {
            IncidentId = incident, ExpectedVersion = 3, DataSubjectIds = [persons[1]], Exemption = NotificationExemption.AlternativeMeasure,
            Description = "連絡先不明のため議会ホームページで公表",
        }));
        await _ledger.Send(By(new TakeIncidentMeasure { IncidentId = incident, ExpectedVersion = 4, Kind = MeasureKind.Containment, Description = "誤送信先に削除を依頼し、削除の報告を受けた" }));
        await _ledger.Send(By(new TakeIncidentMeasure { IncidentId = incident, ExpectedVersion = 5, Kind = MeasureKind.RecurrencePrevention, Description = "送信前の複数人確認" }));

        var now = fixture.Clock.GetUtcNow();
        var report = (await Report(incident))!;

        report.IncidentId.ShouldBe(incident);
        report.Version.ShouldBe(6);
        report.Kind.ShouldBe(IncidentKind.Leak);
        report.KindJapanese.ShouldBe("漏えい");
        report.Summary.ShouldBe("傍聴者名簿の写しを誤って別の宛先にメール送信した");
        report.InformationItems.ShouldBe(["氏名", "住所"]);
        report.Cause.ShouldBe("宛先の確認不足");
        report.AffectedRecordIds.ShouldBe(records);
        report.AffectedRecordCount.ShouldBe(3);
        report.AffectedPersonCount.ShouldBe(3);
        report.Assessed.ShouldBeTrue();
        report.Serious.ShouldBe(true);
        report.CriteriaMet.ShouldBe([SeriousCriterion.SpecialCareInformation]);
        report.CriteriaMetJapanese.ShouldBe(["要配慮個人情報が含まれる事態"]);
        report.SecondaryHarm.ShouldBe("二次被害のおそれは低い");
        report.NotificationDuty.ShouldBe(NotificationDuty.Required);
        (report.NotifiedCount, report.ExemptedCount, report.OwedCount).ShouldBe((1, 1, 1));
        report.NotificationsStillOwed.ShouldBeTrue();

        report.Persons.Select(p => (p.DataSubjectId, p.Status)).ShouldBe(
            [(persons[0], PersonNotificationStatus.Notified), (persons[1], PersonNotificationStatus.Exempted), (persons[2], PersonNotificationStatus.Owed)], ignoreOrder: true);
        var person = report.Persons.ToDictionary(p => p.DataSubjectId);
        var notified = person[persons[0]].Notification!;
        notified.Method.ShouldBe("書面（簡易書留）");
        notified.By.Actor.StaffId.ShouldBe("S-0003");
        notified.By.OccurredAt.ShouldBe(Later);
        var exemption = person[persons[1]].Exemption!;
        exemption.Exemption.ShouldBe(NotificationExemption.AlternativeMeasure);
        exemption.Article.ShouldBe("第11条第1号");
        exemption.Description.Value.ShouldBe("連絡先不明のため議会ホームページで公表");
        person[persons[2]].Notification.ShouldBeNull();
        person[persons[2]].Exemption.ShouldBeNull();

        report.Measures.Select(m => m.Heading).ShouldBe(["被害の拡大防止（封じ込め）", "本人への対応", "公表", "再発防止"]);
        report.Measures[0].Measures.Single().Description.Value.ShouldBe("誤送信先に削除を依頼し、削除の報告を受けた");
        report.Measures[1].Measures.ShouldBeEmpty();
        report.Measures[2].Measures.ShouldBeEmpty();
        report.Measures[3].Measures.Single().Description.Value.ShouldBe("送信前の複数人確認");

        report.Status.ShouldBe(IncidentStatus.Open);
        report.Detected.OccurredAt.ShouldBe(Later);
        report.Detected.Actor.StaffId.ShouldBe("S-0003");
        report.Closed.ShouldBeNull();
        report.AsOf.ShouldBe(now);
        report.SinceDetection.ShouldBe(now - Later);
        report.DaysSinceDetection.ShouldBe((int)Math.Floor((now - Later).TotalDays));
        report.OpenFor.ShouldBeNull();
        (await Owed()).ShouldContain(incident);
    }

    [Fact]
    public async Task time_since_detection_follows_the_clock_at_query_time_and_a_closed_incident_leaves_the_owed_list()
    {
        var (incident, _, persons) = await IncidentOnThreeRecords();
        await _ledger.Send(By(new AssessLeakIncident { IncidentId = incident, ExpectedVersion = 1, CriteriaMet = [SeriousCriterion.WrongfulPurpose], SecondaryHarm = "悪用のおそれ" }));
        var before = (await Report(incident))!;

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var after = (await Report(incident))!;

        after.DaysSinceDetection.ShouldBe(before.DaysSinceDetection + 3);
        after.Version.ShouldBe(before.Version);
        (await Owed()).ShouldContain(incident);

        var version = 2L;
        foreach (var person in persons)
            await _ledger.Send(By(new NotifyAffectedPerson { IncidentId = incident, ExpectedVersion = version++, DataSubjectId = person, Method = "電話" }));
        (await Owed()).ShouldNotContain(incident);
        await _ledger.Send(By(new CloseLeakIncident { IncidentId = incident, ExpectedVersion = version, Conclusion = "全員に通知し、再発防止策を実施" }));

        var closed = (await Report(incident))!;
        closed.Status.ShouldBe(IncidentStatus.Closed);
        closed.Conclusion.ShouldBe("全員に通知し、再発防止策を実施");
        closed.Closed!.OccurredAt.ShouldBe(Later);
        closed.OpenFor.ShouldBe(TimeSpan.Zero);
        closed.OwedCount.ShouldBe(0);
        closed.Persons.ShouldAllBe(p => p.Status == PersonNotificationStatus.Notified);
        var open = await _http.GetFromJsonAsync<List<IncidentReportView>>("/api/incident-reports?status=open", LedgerJson.Options);
        open!.Select(v => v.IncidentId).ShouldNotContain(incident);
        var all = await _http.GetFromJsonAsync<List<IncidentReportView>>("/api/incident-reports?status=closed", LedgerJson.Options);
        all!.Select(v => v.IncidentId).ShouldContain(incident);
    }

    [Fact]
    public async Task an_unassessed_incident_is_owed_pending_assessment_and_a_not_serious_one_owes_nothing()
    {
        var (unassessed, _, _) = await IncidentOnThreeRecords();
        var (minor, _, _) = await IncidentOnThreeRecords();
        await _ledger.Send(By(new AssessLeakIncident { IncidentId = minor, ExpectedVersion = 1, CriteriaMet = [], SecondaryHarm = "なし" }));

        var pending = (await Report(unassessed))!;
        pending.NotificationDuty.ShouldBe(NotificationDuty.PendingAssessment);
        pending.Serious.ShouldBeNull();
        pending.OwedCount.ShouldBe(3);
        var notSerious = (await Report(minor))!;
        notSerious.NotificationDuty.ShouldBe(NotificationDuty.NotRequired);
        notSerious.Serious.ShouldBe(false);
        notSerious.OwedCount.ShouldBe(3);
        notSerious.NotificationsStillOwed.ShouldBeFalse();

        var owed = await Owed();
        owed.ShouldContain(unassessed);
        owed.ShouldNotContain(minor);
    }

    [Fact]
    public async Task an_unknown_incident_is_404_and_an_unknown_status_is_400()
    {
        var unknown = await _http.GetAsync($"/api/incident-reports/{Guid.NewGuid()}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("stream.not-found");

        var bad = await _http.GetAsync("/api/incident-reports?status=pending");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("query.invalid");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("status");
    }
}
