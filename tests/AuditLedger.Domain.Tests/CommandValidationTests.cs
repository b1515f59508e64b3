using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;

namespace AuditLedger.Domain.Tests;

// Validate(): malformed or incomplete input is a field error (HTTP 400), before any rule of the ordinance is looked at.
public class CommandValidationTests
{
    private static IReadOnlyList<FieldError> ErrorsOf(LedgerCommand command) =>
        Should.Throw<InvalidCommand>(command.Validate).Errors;

    [Fact]
    public void a_complete_command_validates()
    {
        var record = Given.AcquiredRecord();
        Should.NotThrow(Commands.Use(record).Validate);
        Should.NotThrow(Commands.Provide(record).Validate);
        Should.NotThrow(Commands.Register().Validate);
        Should.NotThrow(Commands.Acquire(Given.RegisteredFile().State).Validate);
    }

    [Fact]
    public void staff_id_and_role_may_be_left_out_since_the_actor_is_the_authenticated_principal_but_not_overlong()
    {
        var record = Given.AcquiredRecord();
        Should.NotThrow((Commands.Use(record) with { StaffId = "", StaffRole = "  " }).Validate);
        var errors = ErrorsOf(Commands.Use(record) with { StaffId = new string('9', 65), StaffRole = new string('主', 201) });
        errors.Select(e => e.Field).ShouldBe(["StaffId", "StaffRole"]);
        errors.ShouldAllBe(e => e.Japanese.Length > 0 && e.English.Length > 0);
        errors[0].Japanese.ShouldContain("職員番号");
        errors[1].Japanese.ShouldContain("職名");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void a_command_on_an_existing_stream_without_a_valid_expected_version_names_that_field(long? version)
    {
        var record = Given.AcquiredRecord();
        ErrorsOf(Commands.Suspend(record) with { ExpectedVersion = version }).Select(e => e.Field).ShouldBe(["ExpectedVersion"]);
    }

    [Fact]
    public void a_command_without_the_id_of_its_stream_names_that_field()
    {
        var record = Given.AcquiredRecord();
        ErrorsOf(Commands.Suspend(record) with { RecordId = Guid.Empty }).Select(e => e.Field).ShouldBe(["Id"]);
    }

    [Fact]
    public void every_problem_is_reported_at_once()
    {
        var command = new ProvideRecord { RecordId = Guid.NewGuid() };
        ErrorsOf(command).Select(e => e.Field).ShouldBe(["ExpectedVersion", "Recipient", "Purpose"]);
    }

    [Fact]
    public void a_provision_to_a_recipient_without_a_name_or_with_an_unknown_kind_names_those_fields()
    {
        var record = Given.AcquiredRecord();
        ErrorsOf(Commands.Provide(record) with { Recipient = new Recipient(" ", (RecipientKind)99) })
            .Select(e => e.Field).ShouldBe(["Recipient.Name", "Recipient.Kind"]);
    }

    [Fact]
    public void personal_data_in_an_acquisition_must_be_about_the_records_own_data_subject()
    {
        var acquisition = Commands.Acquire(Given.RegisteredFile().State);
        var aboutSomeoneElse = acquisition with { PersonalData = [new PersonalData(Guid.NewGuid(), PersonalDataKind.Name, "浦安 太郎")] };
        ErrorsOf(aboutSomeoneElse).Select(e => e.Field).ShouldBe(["PersonalData"]);
        Should.NotThrow((acquisition with { PersonalData = [new PersonalData(acquisition.DataSubjectId, PersonalDataKind.Name, "浦安 太郎")] }).Validate);
    }

    [Fact]
    public void a_registration_without_register_items_names_that_field() =>
        ErrorsOf(Commands.Register() with { Items = null }).Select(e => e.Field).ShouldBe(["Items"]);

    [Fact]
    public void field_errors_are_not_rule_violations()
    {
        var record = Given.AcquiredRecord();
        var refusal = Should.Throw<InvalidCommand>((Commands.Suspend(record) with { StaffId = new string('9', 65), ExpectedVersion = null }).Validate);
        refusal.ShouldNotBeAssignableTo<LedgerRuleViolation>();
        refusal.Errors.Count.ShouldBe(2);
    }

    [Fact]
    public void a_file_amendment_without_a_reason_names_that_field()
    {
        var file = Given.RegisteredFile();
        ErrorsOf(Commands.Amend(file, Commands.Items()) with { Reason = "" }).Select(e => e.Field).ShouldBe(["Reason"]);
    }

    [Fact]
    public void registering_a_file_of_an_unknown_kind_names_that_field() =>
        ErrorsOf(Commands.Register() with { Kind = (FileKind)7 }).Select(e => e.Field).ShouldBe(["Kind"]);
}
