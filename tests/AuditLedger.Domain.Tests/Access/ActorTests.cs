using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 9, 10: the actor of every event is the authenticated principal; another colleague is named only in a late entry or
// an import line, and then both are kept.
public class ActorTests
{
    private static readonly Actor Colleague = new("S-20250402", "staff") { Name = "堀江 千尋", Title = "議会事務局 議事課 主事" };

    [Fact]
    public void the_actor_is_the_principal_whether_the_body_leaves_the_staff_id_out_or_gives_the_principals_own()
    {
        var record = Given.AcquiredRecord();
        foreach (var stated in new[] { "", Commands.StaffId, $" {Commands.StaffId} " })
        {
            var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { StaffId = stated, StaffRole = "何でも" }));
            used.Context.Actor.ShouldBe(Commands.Principal);
            used.Context.RecordedBy.ShouldBe(Commands.Principal);
            used.Context.ActedByStatement.ShouldBeNull();
        }
    }

    [Fact]
    public void a_body_naming_another_member_of_staff_is_refused_citing_article_9()
    {
        var record = Given.AcquiredRecord();
        var refusal = Should.Throw<LedgerRuleViolation>(() => record.Decide(Commands.Use(record) with { StaffId = "S-9999" }));
        refusal.Rule.ShouldBe(LedgerCommand.ActorIsNotThePrincipal);
        refusal.Rule.Article.Japanese.ShouldBe("第9条");
        refusal.Rule.Japanese.ShouldContain("lateEntry");
        refusal.Rule.English.ShouldContain("Nothing was appended");
        refusal.Detail!.ShouldContain("S-9999");
    }

    [Fact]
    public void a_late_entry_keeps_the_colleague_as_who_acted_and_the_principal_as_who_recorded_with_the_statement()
    {
        var record = Given.AcquiredRecord();
        var command = Commands.Use(record) with
        {
            StaffId = Colleague.StaffId,
            LateEntry = new LateEntry("窓口受付簿（令和7年6月2日）からの転記"),
            Recording = Commands.Recording with { StatedActor = Colleague },
        };
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(command));
        used.Context.Actor.ShouldBe(Colleague);
        used.Context.ActedBy.ShouldBe(Colleague);
        used.Context.RecordedBy.ShouldBe(Commands.Principal);
        used.Context.ActedByStatement.ShouldBe("後日入力 / late entry: 窓口受付簿（令和7年6月2日）からの転記");
    }

    [Fact]
    public void a_colleague_not_in_the_directory_is_kept_as_stated_with_the_stated_title()
    {
        var record = Given.AcquiredRecord();
        var command = Commands.Use(record) with
        {
            StaffId = "S-1990", StaffRole = "議会事務局 議事課長（平成2年当時）",
            Recording = Commands.Recording with { ImportedFrom = "import-abc:7" },
        };
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(command));
        used.Context.Actor.ShouldBe(new Actor("S-1990", "") { Title = "議会事務局 議事課長（平成2年当時）" });
        used.Context.RecordedBy.ShouldBe(Commands.Principal);
        used.Context.ActedByStatement.ShouldBe("一括取込 / import: import-abc:7");
    }

    [Fact]
    public void a_late_entry_needs_the_colleagues_id_and_a_statement()
    {
        var record = Given.AcquiredRecord();
        var refusal = Should.Throw<InvalidCommand>((Commands.Use(record) with { StaffId = "", LateEntry = new LateEntry(" ") }).Validate);
        refusal.Errors.Select(e => e.Field).ShouldBe(["StaffId", "LateEntry.Statement"]);
    }

    [Fact]
    public void a_command_without_a_principal_is_refused_and_never_recorded_as_nobody()
    {
        var record = Given.AcquiredRecord();
        Should.Throw<PrincipalMissing>(() => record.Decide(Commands.Use(record) with { Recording = null }));
    }

    [Fact]
    public void only_an_administrator_adds_users_and_no_one_disables_themselves()
    {
        var add = new AddUser { UserId = "S-0100", DisplayName = "当代島 律", Title = "議会事務局 総務課 主事", Role = AccessRoles.Staff, Recording = Commands.Recording };
        Should.Throw<LedgerRuleViolation>(() => add.Decide(null, Clock.Now)).Rule.ShouldBe(DirectoryCommand.DirectoryAdministratorsOnly);

        var administrator = new Actor("S-9001", AccessRoles.Administrator) { Name = "浦安 総一", Title = "議会事務局 総務課長" };
        var added = add with { Recording = new Recording(administrator) };
        var user = DirectoryUser.Evolve(null, added.Decide(null, Clock.Now).Single())!;
        user.ShouldSatisfyAllConditions(
            () => user.Id.ShouldBe(UserDirectory.StreamIdOf("S-0100")),
            () => user.Enabled.ShouldBeTrue(),
            () => user.AddedBy.ShouldBe("S-9001"),
            () => user.AsActor().ShouldBe(new Actor("S-0100", AccessRoles.Staff) { Name = "当代島 律", Title = "議会事務局 総務課 主事" }));
        Should.Throw<LedgerRuleViolation>(() => added.Decide(user, Clock.Now)).Rule.ShouldBe(AddUser.DirectoryUserExists);

        var self = DirectoryUser.Evolve(null, (added with { UserId = "S-9001", Role = AccessRoles.Administrator }).Decide(null, Clock.Now).Single())!;
        Should.Throw<LedgerRuleViolation>(() => new DisableUser { UserId = "S-9001", Reason = "退職", Recording = new Recording(administrator) }.Decide(self, Clock.Now))
            .Rule.ShouldBe(DisableUser.DirectoryCannotDisableSelf);
        var disabled = DirectoryUser.Evolve(user, new DisableUser { UserId = "S-0100", Reason = "人事異動", Recording = new Recording(administrator) }.Decide(user, Clock.Now).Single())!;
        disabled.Enabled.ShouldBeFalse();
        disabled.DisabledBy.ShouldBe("S-9001");
        Should.Throw<LedgerRuleViolation>(() => new DisableUser { UserId = "S-0100", Reason = "再度", Recording = new Recording(administrator) }.Decide(disabled, Clock.Now))
            .Rule.ShouldBe(DisableUser.DirectoryUserAlreadyDisabled);
        Should.Throw<LedgerRuleViolation>(() => new DisableUser { UserId = "S-0555", Reason = "不明", Recording = new Recording(administrator) }.Decide(null, Clock.Now))
            .Rule.ShouldBe(UserDirectory.DirectoryUserUnknown);
    }

    [Fact]
    public void a_users_stream_id_is_derived_from_the_staff_id_alone()
    {
        UserDirectory.StreamIdOf("S-0001").ShouldBe(UserDirectory.StreamIdOf(" S-0001 "));
        UserDirectory.StreamIdOf("S-0001").ShouldNotBe(UserDirectory.StreamIdOf("S-0002"));
        UserDirectory.StreamIdOf("S-0001").Version.ShouldBe(8);
    }
}
