using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// The scope of an erasure (Art. 40, 9(1)) and the disposal of records past retention (Art. 4(2); Nagareyama), decided without a database.
public class ErasureScopeTests
{
    private static RetainedRecord OtherRecordOf(RetainedRecord record) => new()
    {
        Id = Guid.NewGuid(), FileId = record.FileId, DataSubjectId = record.DataSubjectId, Status = RecordStatus.Held, AcquiredAt = record.AcquiredAt, Version = 1,
    };

    [Fact]
    public void erasing_one_record_of_a_person_with_other_records_destroys_that_records_keys_alone()
    {
        var record = Given.AcquiredRecord();
        var plan = ErasureScope.Decide(Commands.Erase(record), record.State, [OtherRecordOf(record.State)], [], personWideKeyExists: false);
        plan.RecordIds.ShouldBe([record.State.Id]);
        plan.Keys.ShouldBe(KeysDestroyed.RecordStreams);
    }

    [Fact]
    public void erasing_the_person_on_an_article_40_decision_erases_every_held_record_and_destroys_every_key_of_the_person()
    {
        var record = Given.AcquiredRecord();
        var other = OtherRecordOf(record.State);
        var command = Commands.Erase(record) with { Reason = ErasureReason.ErasureDecision, DecisionReference = "浦議総第130号", EraseAllHeldRecordsOfThePerson = true };
        var plan = ErasureScope.Decide(command, record.State, [other], [], personWideKeyExists: true);
        plan.RecordIds.ShouldBe([record.State.Id, other.Id]);
        plan.Keys.ShouldBe(KeysDestroyed.AllOfThePerson);
    }

    [Fact]
    public void erasing_the_person_needs_an_erasure_decision_not_a_disposal()
    {
        var record = Given.AcquiredRecord();
        var command = Commands.Erase(record) with { EraseAllHeldRecordsOfThePerson = true };
        ShouldBeRefused(() => ErasureScope.Decide(command, record.State, [], [], personWideKeyExists: false),
            "record.person-erasure-needs-decision", "第40条");
    }

    [Theory]
    [InlineData(RecordHoldKind.PendingRequest, false)]
    [InlineData(RecordHoldKind.OpenIncident, false)]
    [InlineData(RecordHoldKind.PendingRequest, true)]
    public void a_record_a_pending_request_or_open_incident_still_needs_is_not_erased(RecordHoldKind kind, bool wholePerson)
    {
        var record = Given.AcquiredRecord();
        var other = OtherRecordOf(record.State);
        var caseId = Guid.NewGuid();
        // Whole-person erasure is refused as well when the case names another of the person's records.
        var hold = new RecordHold(wholePerson ? other.Id : record.State.Id, kind, caseId);
        var command = wholePerson
            ? Commands.Erase(record) with { Reason = ErasureReason.ErasureDecision, DecisionReference = "浦議総第130号", EraseAllHeldRecordsOfThePerson = true }
            : Commands.Erase(record);
        var refusal = ShouldBeRefused(() => ErasureScope.Decide(command, record.State, [other], [hold], personWideKeyExists: false), "record.still-needed", "第9条第1項");
        refusal.Detail.ShouldNotBeNull().ShouldContain(caseId.ToString());
    }

    [Fact]
    public void a_record_sealed_under_the_persons_one_key_from_before_is_erased_alone_only_when_the_person_has_no_other_held_record()
    {
        var record = Given.AcquiredRecord();
        var other = OtherRecordOf(record.State);
        var refusal = ShouldBeRefused(() => ErasureScope.Decide(Commands.Erase(record), record.State, [other], [], personWideKeyExists: true),
            "record.erasure-shreds-other-records", "第40条");
        refusal.Detail.ShouldNotBeNull().ShouldContain(other.Id.ToString());
        ErasureScope.Decide(Commands.Erase(record), record.State, [], [], personWideKeyExists: true).Keys.ShouldBe(KeysDestroyed.RecordStreamsAndPersonWideKey);
    }

    // ---- retention (保存期間) and disposal ----

    [Theory]
    // Counted from 1 April of the next fiscal year: acquired in FY2025 (10 April 2025), 1 year → kept through 31 March 2027.
    [InlineData("2025-04-10", 1, "2027-04-01")]
    // 31 March 2026 is still FY2025.
    [InlineData("2026-03-31", 1, "2027-04-01")]
    [InlineData("2026-04-01", 1, "2028-04-01")]
    [InlineData("2025-04-10", 5, "2031-04-01")]
    public void a_record_is_past_retention_from_1_april_after_its_period_counted_from_the_next_fiscal_year(string acquired, int years, string due)
    {
        new RetentionPeriod(years).DisposalDueOn(DateOnly.Parse(acquired)).ShouldBe(DateOnly.Parse(due));
    }

    [Fact]
    public void a_permanent_file_is_never_due_and_a_period_must_be_years_or_permanent()
    {
        new RetentionPeriod(Permanent: true).DisposalDueOn(new DateOnly(2000, 1, 1)).ShouldBeNull();
        new RetentionPeriod(Permanent: true).Valid.ShouldBeTrue();
        new RetentionPeriod(3).Valid.ShouldBeTrue();
        new RetentionPeriod(0).Valid.ShouldBeFalse();
        new RetentionPeriod().Valid.ShouldBeFalse();
        new RetentionPeriod(3, Permanent: true).Valid.ShouldBeFalse();
        ShouldBeRefused(() => (Commands.Register() with { Items = Commands.Items() with { Retention = new RetentionPeriod(0) } }).Decide(Guid.NewGuid(), Clock.Now),
            "file.retention-period-invalid", "第17条第1項");
    }

    private static (EventStream<PersonalInformationFile> File, List<RetainedRecord> Records) FileWithRecords(int years, params DateTimeOffset[] acquired)
    {
        var file = new EventStream<PersonalInformationFile>(PersonalInformationFile.Evolve)
            .Append((Commands.Register() with { Items = Commands.Items() with { Retention = new RetentionPeriod(years) } }).Decide(Guid.NewGuid(), Clock.Now));
        var records = acquired.Select(at => new RetainedRecord
        {
            Id = Guid.NewGuid(), FileId = file.State.Id, DataSubjectId = Guid.NewGuid(), Status = RecordStatus.Held, AcquiredAt = at, Version = 1,
        }).ToList();
        return (file, records);
    }

    [Fact]
    public void the_disposal_due_list_holds_the_files_records_past_retention_on_the_japan_date_and_names_what_still_needs_them()
    {
        var jst = TimeSpan.FromHours(9);
        var (file, records) = FileWithRecords(1, new(2025, 4, 10, 10, 0, 0, jst), new(2026, 4, 1, 0, 30, 0, jst), new(2025, 6, 1, 10, 0, 0, jst));
        // 31 March 2026 23:30 UTC is 1 April 2026 08:30 in Japan: FY2026, so the second record is not yet due on 1 April 2027.
        records[1].AcquiredAt = new DateTimeOffset(2026, 3, 31, 15, 30, 0, TimeSpan.Zero);
        var hold = new RecordHold(records[2].Id, RecordHoldKind.OpenIncident, Guid.NewGuid());

        RecordDisposal.Due(file.State, records, [hold], new DateOnly(2027, 3, 31)).ShouldBeEmpty();
        var due = RecordDisposal.Due(file.State, records, [hold], new DateOnly(2027, 4, 1));
        due.Select(d => d.RecordId).ShouldBe([records[0].Id, records[2].Id]);
        due[0].DueOn.ShouldBe(new DateOnly(2027, 4, 1));
        due[0].HeldBy.ShouldBeEmpty();
        due[1].HeldBy.ShouldBe([hold]);

        records[0].Status = RecordStatus.Erased;
        RecordDisposal.Due(file.State, records, [], new DateOnly(2027, 4, 1)).Select(d => d.RecordId).ShouldBe([records[2].Id]);
    }

    [Fact]
    public void dispose_records_erases_each_due_record_with_its_own_event_and_keeps_the_ones_a_case_needs_with_the_reason()
    {
        var (file, records) = FileWithRecords(1, Clock.RecordAcquiredAt, Clock.RecordAcquiredAt);
        var hold = new RecordHold(records[1].Id, RecordHoldKind.PendingRequest, Guid.NewGuid());
        var today = new DateOnly(2027, 4, 2);
        var due = RecordDisposal.Due(file.State, records, [hold], today);
        var now = JapanDate.StartOf(today).AddHours(10);
        var command = new DisposeFileRecords
        {
            StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording,
            FileId = file.State.Id, ExpectedVersion = file.Version, Method = "データ消去ソフトによる上書き",
        };

        var outcome = command.Decide(file.State, [.. due.Select(d => (d, records.Single(r => r.Id == d.RecordId)))], _ => ([], false), now);

        outcome.Disposed.Select(d => d.Record.Id).ShouldBe([records[0].Id]);
        var erased = outcome.Disposed[0].Erased;
        erased.RecordId.ShouldBe(records[0].Id);
        erased.Reason.ShouldBe(ErasureReason.NoLongerNeeded);
        erased.Context.Ground.Article.Japanese.ShouldBe("第4条第2項");
        outcome.Disposed[0].Plan.Keys.ShouldBe(KeysDestroyed.RecordStreams);
        outcome.Run.Disposed.ShouldBe([records[0].Id]);
        var kept = outcome.Run.Kept.ShouldHaveSingleItem();
        kept.RecordId.ShouldBe(records[1].Id);
        kept.Code.ShouldBe("record.still-needed");
        kept.Reason.ShouldContain(hold.CaseId.ToString());

        // Nothing left to dispose of: refused, with the kept record and its rule named.
        var refusal = ShouldBeRefused(() => command.Decide(file.State, [.. due.Skip(1).Select(d => (d, records[1]))], _ => ([], false), now),
            "file.no-records-due-for-disposal", "第4条第2項");
        refusal.Detail.ShouldNotBeNull().ShouldContain("record.still-needed");
    }
}
