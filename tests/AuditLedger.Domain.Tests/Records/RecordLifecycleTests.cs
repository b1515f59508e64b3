using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 4(3) purpose change, and the decisions of Art. 33-41 executed on a record: correction, suspension, stop of provision, erasure.
public class RecordLifecycleTests
{
    public static TheoryData<string> EveryRecordCommand =>
        ["ChangePurpose", "Use", "Provide", "Correct", "Suspend", "StopProvision", "Erase"];

    private static IStreamDecision<RetainedRecord> Command(string name, EventStream<RetainedRecord> record) => name switch
    {
        "ChangePurpose" => Commands.ChangePurpose(record),
        "Use" => Commands.Use(record),
        "Provide" => Commands.Provide(record),
        "Correct" => Commands.Correct(record),
        "Suspend" => Commands.Suspend(record),
        "StopProvision" => Commands.StopProvision(record, Commands.Mayor),
        "Erase" => Commands.Erase(record),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    // ---- Art. 4(3) ----

    [Fact]
    public void purpose_change_with_a_reasonable_relation_to_the_old_purpose_is_recorded_citing_article_4_3()
    {
        var record = Given.AcquiredRecord();
        var changed = ShouldDecide<RecordPurposeChanged>(() => record.Decide(Commands.ChangePurpose(record)));
        changed.PreviousPurpose.ShouldBe(Commands.FilePurpose);
        changed.Context.Ground.Article.Japanese.ShouldBe("第4条第3項");
        record.Append([changed]).State.PurposeOfUse.ShouldBe(changed.NewPurpose);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void purpose_change_without_stating_its_reasonable_relation_is_refused_citing_article_4_3(string relation)
    {
        var record = Given.AcquiredRecord();
        ShouldBeRefused(() => record.Decide(Commands.ChangePurpose(record) with { ReasonableRelation = relation }),
            "purpose-change.no-reasonable-relation", "第4条第3項");
    }

    // ---- erasure ----

    [Fact]
    public void erasure_of_a_record_no_longer_needed_is_recorded_and_leaves_the_record_erased()
    {
        var record = Given.AcquiredRecord();
        var erased = ShouldDecide<RecordErased>(() => record.Decide(Commands.Erase(record)));
        erased.Context.Ground.Article.Japanese.ShouldBe("第4条第2項");
        record.Append([erased]).State.Status.ShouldBe(RecordStatus.Erased);
        record.State.ErasedAt.ShouldBe(Clock.ActionAt);
    }

    [Fact]
    public void erasure_executing_a_decision_needs_the_decision_reference_citing_article_34_1()
    {
        var record = Given.AcquiredRecord();
        var byDecision = Commands.Erase(record) with { Reason = ErasureReason.ErasureDecision, DecisionReference = "" };
        ShouldBeRefused(() => record.Decide(byDecision), "decision.reference-missing", "第34条第1項");
        ShouldDecide<RecordErased>(() => record.Decide(byDecision with { DecisionReference = "浦議総第200号" }))
            .Context.Ground.Article.Japanese.ShouldBe("第40条");
    }

    [Theory]
    [MemberData(nameof(EveryRecordCommand))]
    public void nothing_is_recorded_against_a_record_after_its_erasure(string command)
    {
        var record = Given.ErasedRecord();
        ShouldBeRefused(() => record.Decide(Command(command, record)), "record.erased", "第40条");
    }

    // ---- suspension of use ----

    [Fact]
    public void use_and_provision_of_a_held_record_are_recorded()
    {
        var record = Given.AcquiredRecord();
        ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record)));
        ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record)));
    }

    [Fact]
    public void suspension_of_use_is_recorded_citing_article_40()
    {
        var record = Given.AcquiredRecord();
        var suspended = ShouldDecide<RecordUseSuspended>(() => record.Decide(Commands.Suspend(record)));
        suspended.Context.Ground.Article.Japanese.ShouldBe("第40条");
        record.Append([suspended]).State.Status.ShouldBe(RecordStatus.UseSuspended);
    }

    [Fact]
    public void use_of_a_record_whose_use_is_suspended_is_refused_citing_article_40()
    {
        var record = Given.SuspendedRecord();
        ShouldBeRefused(() => record.Decide(Commands.Use(record)), "record.use-suspended", "第40条");
    }

    [Fact]
    public void provision_of_a_record_whose_use_is_suspended_is_refused_citing_article_40()
    {
        var record = Given.SuspendedRecord();
        ShouldBeRefused(() => record.Decide(Commands.Provide(record)), "record.use-suspended", "第40条");
    }

    [Fact]
    public void a_record_whose_use_is_suspended_cannot_be_suspended_again()
    {
        var record = Given.SuspendedRecord();
        ShouldBeRefused(() => record.Decide(Commands.Suspend(record)), "record.use-suspended", "第40条");
    }

    [Fact]
    public void a_record_whose_use_is_suspended_can_still_be_corrected_and_erased()
    {
        var record = Given.SuspendedRecord();
        ShouldDecide<RecordCorrected>(() => record.Decide(Commands.Correct(record)));
        ShouldDecide<RecordErased>(() => record.Decide(Commands.Erase(record)));
    }

    [Fact]
    public void suspension_without_the_decision_it_executes_is_refused_citing_article_34_1()
    {
        var record = Given.AcquiredRecord();
        ShouldBeRefused(() => record.Decide(Commands.Suspend(record) with { DecisionReference = " " }), "decision.reference-missing", "第34条第1項");
    }

    // ---- stop of provision ----

    [Fact]
    public void stop_of_provision_to_a_recipient_with_an_active_provision_is_recorded_citing_article_40()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));

        var stopped = ShouldDecide<RecordProvisionStopped>(() => record.Decide(Commands.StopProvision(record, Commands.Mayor)));
        stopped.Recipient.ShouldBe(Commands.Mayor);
        stopped.Context.Ground.Article.Japanese.ShouldBe("第40条");
        record.Append([stopped]).State.ActiveRecipients.ShouldBeEmpty();
    }

    [Fact]
    public void stop_of_provision_matches_the_recipient_whatever_spaces_surround_its_name()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));
        ShouldDecide<RecordProvisionStopped>(() => record.Decide(Commands.StopProvision(record, Commands.Mayor with { Name = " 浦安市長 " })));
    }

    [Fact]
    public void stop_of_provision_to_a_recipient_never_provided_to_is_refused_citing_article_40()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));
        ShouldBeRefused(() => record.Decide(Commands.StopProvision(record, Commands.BoardOfEducation)), "provision-stop.never-provided", "第40条");
    }

    [Fact]
    public void stop_of_provision_already_stopped_is_refused_citing_article_40()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));
        record.Then(Commands.StopProvision(record, Commands.Mayor));
        ShouldBeRefused(() => record.Decide(Commands.StopProvision(record, Commands.Mayor)), "provision-stop.never-provided", "第40条");
    }

    [Fact]
    public void stop_of_provision_to_a_recipient_of_the_same_name_but_another_kind_is_refused()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));
        ShouldBeRefused(() => record.Decide(Commands.StopProvision(record, Commands.Mayor with { Kind = RecipientKind.Other })),
            "provision-stop.never-provided", "第40条");
    }

    // ---- correction and the Art. 37 notices ----

    [Fact]
    public void correction_lists_every_recipient_with_an_active_provision_for_the_article_37_notices()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));
        record.Then(Commands.Provide(record) with { Recipient = Commands.BoardOfEducation });
        record.Then(Commands.Provide(record) with { Recipient = Commands.Mayor });   // the same recipient twice is one notice

        var corrected = ShouldDecide<RecordCorrected>(() => record.Decide(Commands.Correct(record)));
        corrected.RecipientsToNotify.ShouldBe([Commands.Mayor, Commands.BoardOfEducation], ignoreOrder: true);
        corrected.Context.Ground.Article.Japanese.ShouldBe("第34条第1項");
        record.Append([corrected]).State.Corrections.ShouldBe(1);
    }

    [Fact]
    public void correction_does_not_list_a_recipient_whose_provision_was_stopped()
    {
        var record = Given.AcquiredRecord();
        record.Then(Commands.Provide(record));
        record.Then(Commands.Provide(record) with { Recipient = Commands.BoardOfEducation });
        record.Then(Commands.StopProvision(record, Commands.Mayor));

        var corrected = ShouldDecide<RecordCorrected>(() => record.Decide(Commands.Correct(record)));
        corrected.RecipientsToNotify.ShouldBe([Commands.BoardOfEducation]);
    }

    [Fact]
    public void correction_of_a_record_never_provided_lists_no_recipients()
    {
        var record = Given.AcquiredRecord();
        ShouldDecide<RecordCorrected>(() => record.Decide(Commands.Correct(record))).RecipientsToNotify.ShouldBeEmpty();
    }

    [Fact]
    public void correction_without_the_decision_it_executes_is_refused_citing_article_34_1()
    {
        var record = Given.AcquiredRecord();
        ShouldBeRefused(() => record.Decide(Commands.Correct(record) with { DecisionReference = "" }), "decision.reference-missing", "第34条第1項");
    }
}
