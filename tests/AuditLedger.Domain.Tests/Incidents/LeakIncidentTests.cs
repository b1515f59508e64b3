using AuditLedger.Domain.Common;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 9 and 11: leak, loss and damage incidents, their assessment, the notification of each person and closing.
public class LeakIncidentTests
{
    public static TheoryData<string> EveryIncidentCommand => ["Assess", "Notify", "Exempt", "Measure", "Close"];

    private static IStreamDecision<LeakIncident> Command(string name, EventStream<LeakIncident> incident) => name switch
    {
        "Assess" => Commands.Assess(incident),
        "Notify" => Commands.Notify(incident, incident.State.AffectedPersonIds[0]),
        "Exempt" => Commands.Exempt(incident, NotificationExemption.AlternativeMeasure, incident.State.AffectedPersonIds[0]),
        "Measure" => Commands.Measure(incident),
        "Close" => Commands.Close(incident),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Fact]
    public void an_incident_on_records_in_the_ledger_is_recorded_with_their_persons_citing_article_9()
    {
        var records = Given.RecordsOfDistinctPersons(3);
        var detected = ShouldDecide<LeakIncidentReported>(() => Commands.ReportLeak(records).Decide(Guid.NewGuid(), records, Clock.Now));

        detected.Context.Ground.Article.Japanese.ShouldBe("第9条");
        detected.AffectedRecordIds.ShouldBe(records.Select(r => r.Id));
        detected.AffectedPersonIds.ShouldBe(records.Select(r => r.DataSubjectId), ignoreOrder: true);
        var incident = new EventStream<LeakIncident>(LeakIncident.Evolve).Append([detected]).State;
        incident.Status.ShouldBe(IncidentStatus.Open);
        incident.DetectedAt.ShouldBe(Clock.IncidentDetectedAt);
    }

    [Fact]
    public void an_incident_naming_a_record_not_in_the_ledger_is_refused_citing_article_9()
    {
        var records = Given.RecordsOfDistinctPersons(2);
        var report = Commands.ReportLeak(records) with { AffectedRecordIds = [records[0].Id, records[1].Id, Guid.NewGuid()] };
        ShouldBeRefused(() => report.Decide(Guid.NewGuid(), records, Clock.Now), "incident.record-unknown", "第9条");
    }

    // ---- assessment ----

    [Fact]
    public void assessment_of_an_incident_affecting_more_than_100_persons_adds_that_criterion_without_being_told()
    {
        var incident = Given.ReportedIncident(101);
        var assessed = ShouldDecide<LeakIncidentAssessed>(() => incident.Decide(Commands.Assess(incident)));

        assessed.CriteriaMet.ShouldBe([SeriousCriterion.MoreThan100Persons]);
        assessed.Serious.ShouldBeTrue();
        assessed.Context.Ground.Article.Japanese.ShouldBe("第11条");
        incident.Append([assessed]).State.Serious.ShouldBeTrue();
    }

    [Fact]
    public void assessment_of_an_incident_affecting_exactly_100_persons_with_no_criterion_met_is_not_serious()
    {
        var incident = Given.ReportedIncident(100);
        var assessed = ShouldDecide<LeakIncidentAssessed>(() => incident.Decide(Commands.Assess(incident)));
        assessed.CriteriaMet.ShouldBeEmpty();
        assessed.Serious.ShouldBeFalse();
    }

    [Fact]
    public void assessment_keeps_the_criteria_staff_found_met_and_adds_the_count_once()
    {
        var incident = Given.ReportedIncident(101);
        var assessed = ShouldDecide<LeakIncidentAssessed>(() => incident.Decide(Commands.Assess(incident,
            SeriousCriterion.SpecialCareInformation, SeriousCriterion.MoreThan100Persons)));
        assessed.CriteriaMet.ShouldBe([SeriousCriterion.SpecialCareInformation, SeriousCriterion.MoreThan100Persons]);
    }

    [Fact]
    public void assessment_of_an_incident_affecting_few_persons_records_the_other_criteria_staff_found_met()
    {
        var incident = Given.ReportedIncident(3);
        var assessed = ShouldDecide<LeakIncidentAssessed>(() => incident.Decide(Commands.Assess(incident, SeriousCriterion.SpecialCareInformation)));
        assessed.CriteriaMet.ShouldBe([SeriousCriterion.SpecialCareInformation]);
        assessed.Serious.ShouldBeTrue();
    }

    [Fact]
    public void assessment_does_not_record_more_than_100_persons_when_the_ledger_knows_100_or_fewer_are_affected()
    {
        var incident = Given.ReportedIncident(3);
        var assessed = ShouldDecide<LeakIncidentAssessed>(() => incident.Decide(Commands.Assess(incident, SeriousCriterion.MoreThan100Persons)));
        assessed.CriteriaMet.ShouldNotContain(SeriousCriterion.MoreThan100Persons);
        assessed.Serious.ShouldBeFalse();
    }

    // ---- closing ----

    [Fact]
    public void closing_an_incident_not_yet_assessed_is_refused_citing_article_11()
    {
        var incident = Given.ReportedIncident(1);
        ShouldBeRefused(() => incident.Decide(Commands.Close(incident)), "incident.not-assessed", "第11条");
    }

    [Fact]
    public void closing_an_assessed_incident_that_is_not_serious_needs_no_notifications()
    {
        var incident = Given.ReportedIncident(2);
        incident.Then(Commands.Assess(incident));
        var closed = ShouldDecide<LeakIncidentClosed>(() => incident.Decide(Commands.Close(incident)));
        closed.Context.Ground.Article.Japanese.ShouldBe("第11条");
        incident.Append([closed]).State.Status.ShouldBe(IncidentStatus.Closed);
    }

    [Fact]
    public void closing_a_serious_incident_while_a_person_is_neither_notified_nor_exempted_is_refused_citing_article_11()
    {
        var incident = Given.ReportedIncident(2);
        incident.Then(Commands.Assess(incident, SeriousCriterion.RiskOfFinancialHarm));
        incident.Then(Commands.Notify(incident, incident.State.AffectedPersonIds[0]));

        incident.State.NotificationsOwed.ShouldBe([incident.State.AffectedPersonIds[1]]);
        ShouldBeRefused(() => incident.Decide(Commands.Close(incident)), "incident.notifications-owed", "第11条");
    }

    [Fact]
    public void closing_a_serious_incident_is_allowed_once_every_person_is_notified_or_exempted()
    {
        var incident = Given.ReportedIncident(3);
        var persons = incident.State.AffectedPersonIds;
        incident.Then(Commands.Assess(incident, SeriousCriterion.WrongfulPurpose));
        incident.Then(Commands.Notify(incident, persons[0]));
        incident.Then(Commands.Exempt(incident, NotificationExemption.AlternativeMeasure, persons[1]));
        incident.Then(Commands.Exempt(incident, NotificationExemption.ContainsNonDisclosureInformation, persons[2]));

        incident.State.NotificationsOwed.ShouldBeEmpty();
        ShouldDecide<LeakIncidentClosed>(() => incident.Decide(Commands.Close(incident)));
    }

    // ---- notification and its exemptions ----

    [Fact]
    public void notifying_an_affected_person_is_recorded_citing_article_11()
    {
        var incident = Given.ReportedIncident(1);
        var person = incident.State.AffectedPersonIds[0];
        var notified = ShouldDecide<AffectedPersonNotified>(() => incident.Decide(Commands.Notify(incident, person)));
        notified.Context.Ground.Article.Japanese.ShouldBe("第11条");
        incident.Append([notified]).State.NotifiedPersonIds.ShouldBe([person]);
    }

    [Fact]
    public void notifying_a_person_not_affected_by_the_incident_is_refused_citing_article_11()
    {
        var incident = Given.ReportedIncident(1);
        ShouldBeRefused(() => incident.Decide(Commands.Notify(incident, Guid.NewGuid())), "incident.person-not-affected", "第11条");
    }

    [Fact]
    public void exempting_a_person_not_affected_by_the_incident_is_refused_citing_article_11()
    {
        var incident = Given.ReportedIncident(1);
        ShouldBeRefused(() => incident.Decide(Commands.Exempt(incident, NotificationExemption.ContainsNonDisclosureInformation,
            incident.State.AffectedPersonIds[0], Guid.NewGuid())), "incident.person-not-affected", "第11条");
    }

    [Fact]
    public void alternative_measure_exemption_with_the_measure_described_is_recorded_citing_article_11_item_1()
    {
        var incident = Given.ReportedIncident(1);
        var exempted = ShouldDecide<NotificationExemptionApplied>(() => incident.Decide(
            Commands.Exempt(incident, NotificationExemption.AlternativeMeasure, incident.State.AffectedPersonIds[0])));
        exempted.Context.Ground.Article.Japanese.ShouldBe("第11条第1号");
        exempted.Description.Value.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void alternative_measure_exemption_without_describing_the_measure_is_refused_citing_article_11_item_1(string description)
    {
        var incident = Given.ReportedIncident(1);
        ShouldBeRefused(() => incident.Decide(Commands.Exempt(incident, NotificationExemption.AlternativeMeasure, incident.State.AffectedPersonIds[0])
            with { Description = description }), "incident.alternative-measure-missing", "第11条第1号");
    }

    [Fact]
    public void non_disclosure_information_exemption_needs_no_description_and_cites_article_11_item_2()
    {
        var incident = Given.ReportedIncident(1);
        ShouldDecide<NotificationExemptionApplied>(() => incident.Decide(
                Commands.Exempt(incident, NotificationExemption.ContainsNonDisclosureInformation, incident.State.AffectedPersonIds[0])))
            .Context.Ground.Article.Japanese.ShouldBe("第11条第2号");
    }

    [Fact]
    public void a_measure_taken_is_recorded_citing_article_9()
    {
        var incident = Given.ReportedIncident(1);
        var measure = ShouldDecide<IncidentMeasureTaken>(() => incident.Decide(Commands.Measure(incident)));
        measure.Context.Ground.Article.Japanese.ShouldBe("第9条");
        incident.Append([measure]).State.Measures.ShouldBe([MeasureKind.RecurrencePrevention]);
    }

    // ---- after closing ----

    [Theory]
    [MemberData(nameof(EveryIncidentCommand))]
    public void nothing_is_recorded_on_an_incident_after_it_is_closed(string command)
    {
        var incident = Given.ReportedIncident(1);
        incident.Then(Commands.Assess(incident));
        incident.Then(Commands.Close(incident));
        ShouldBeRefused(() => incident.Decide(Command(command, incident)), "incident.closed", "第11条");
    }
}
