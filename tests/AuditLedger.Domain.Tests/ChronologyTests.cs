using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 3: an action is dated when it happened, which is neither after it is recorded nor before its stream began.
public class ChronologyTests
{
    private static readonly DateTimeOffset AfterNow = Clock.Now.AddMinutes(1);

    [Fact]
    public void an_action_dated_when_it_is_recorded_is_accepted_and_keeps_both_times()
    {
        var record = Given.AcquiredRecord();
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { OccurredAt = Clock.Now }));
        used.Context.OccurredAt.ShouldBe(Clock.Now);
        used.Context.RecordedAt.ShouldBe(Clock.Now);
    }

    [Fact]
    public void a_late_entry_keeps_when_it_happened_apart_from_when_it_was_recorded()
    {
        var record = Given.AcquiredRecord();
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record)));
        used.Context.OccurredAt.ShouldBe(Clock.ActionAt);
        used.Context.RecordedAt.ShouldBe(Clock.Now);
        used.Context.Actor.ShouldBe(Commands.Principal);
        used.Context.RecordedBy.ShouldBe(Commands.Principal);
    }

    [Fact]
    public void an_action_without_a_date_is_dated_when_it_is_recorded()
    {
        var record = Given.AcquiredRecord();
        ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { OccurredAt = null }))
            .Context.OccurredAt.ShouldBe(Clock.Now);
    }

    [Fact]
    public void a_file_registration_dated_after_now_is_refused_citing_article_3() =>
        ShouldBeRefused(() => (Commands.Register() with { OccurredAt = AfterNow }).Decide(Guid.NewGuid(), Clock.Now),
            "chronology.occurred-in-future", "第3条");

    [Fact]
    public void an_acquisition_dated_after_now_is_refused_citing_article_3()
    {
        var file = Given.RegisteredFile();
        ShouldBeRefused(() => (Commands.Acquire(file.State) with { OccurredAt = AfterNow }).Decide(Guid.NewGuid(), file.State, Clock.Now),
            "chronology.occurred-in-future", "第3条");
    }

    [Fact]
    public void a_use_dated_after_now_is_refused_citing_article_3()
    {
        var record = Given.AcquiredRecord();
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { OccurredAt = AfterNow }), "chronology.occurred-in-future", "第3条");
    }

    [Fact]
    public void an_incident_measure_dated_after_now_is_refused_citing_article_3()
    {
        var incident = Given.ReportedIncident(1);
        ShouldBeRefused(() => incident.Decide(Commands.Measure(incident) with { OccurredAt = AfterNow }), "chronology.occurred-in-future", "第3条");
    }

    [Fact]
    public void an_acquisition_dated_before_the_file_was_registered_is_refused_citing_article_3()
    {
        var file = Given.RegisteredFile();
        ShouldBeRefused(() => (Commands.Acquire(file.State) with { OccurredAt = Clock.FileRegisteredAt.AddSeconds(-1) }).Decide(Guid.NewGuid(), file.State, Clock.Now),
            "chronology.before-stream-start", "第3条");
    }

    [Fact]
    public void an_acquisition_dated_at_the_moment_of_registration_is_accepted()
    {
        var file = Given.RegisteredFile();
        ShouldDecide<RecordAcquired>(() => (Commands.Acquire(file.State) with { OccurredAt = Clock.FileRegisteredAt }).Decide(Guid.NewGuid(), file.State, Clock.Now));
    }

    [Fact]
    public void a_file_amendment_dated_before_registration_is_refused_citing_article_3()
    {
        var file = Given.RegisteredFile();
        ShouldBeRefused(() => file.Decide(Commands.Amend(file, Commands.Items()) with { OccurredAt = Clock.FileRegisteredAt.AddDays(-1) }),
            "chronology.before-stream-start", "第3条");
    }

    [Fact]
    public void a_use_dated_before_the_record_was_acquired_is_refused_citing_article_3()
    {
        var record = Given.AcquiredRecord();
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { OccurredAt = Clock.RecordAcquiredAt.AddMinutes(-1) }),
            "chronology.before-stream-start", "第3条");
    }

    [Fact]
    public void a_use_dated_at_the_moment_of_acquisition_is_accepted()
    {
        var record = Given.AcquiredRecord();
        ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { OccurredAt = Clock.RecordAcquiredAt }));
    }

    [Fact]
    public void an_erasure_dated_before_the_record_was_acquired_is_refused_citing_article_3()
    {
        var record = Given.AcquiredRecord();
        ShouldBeRefused(() => record.Decide(Commands.Erase(record) with { OccurredAt = Clock.FileRegisteredAt }),
            "chronology.before-stream-start", "第3条");
    }

    [Fact]
    public void dates_are_compared_as_instants_whatever_their_offset()
    {
        var record = Given.AcquiredRecord();
        var sameInstantInUtc = Clock.RecordAcquiredAt.ToUniversalTime();
        ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { OccurredAt = sameInstantInUtc }));
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { OccurredAt = sameInstantInUtc.AddTicks(-1) }),
            "chronology.before-stream-start", "第3条");
    }

    [Fact]
    public void an_incident_notification_dated_before_the_incident_was_detected_is_refused_citing_article_3()
    {
        var incident = Given.ReportedIncident(1);
        ShouldBeRefused(() => incident.Decide(Commands.Notify(incident, incident.State.AffectedPersonIds[0]) with { OccurredAt = Clock.IncidentDetectedAt.AddHours(-1) }),
            "chronology.before-stream-start", "第3条");
    }
}
