using AuditLedger.Domain.Files;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 17(1), 4(2): extending a file's retention period (保存期間の延長), decided without a database.
public class ExtendRetentionPeriodTests
{
    [Fact]
    public void a_shorter_period_is_not_an_extension_and_is_refused_while_a_longer_one_is_kept_as_the_files_retention()
    {
        var file = new EventStream<PersonalInformationFile>(PersonalInformationFile.Evolve).Append(
            (Commands.Register() with { Items = Commands.Items() with { Retention = new RetentionPeriod(5) } }).Decide(Guid.NewGuid(), Clock.Now));
        var extension = new ExtendRetentionPeriod
        {
            StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
            FileId = file.State.Id, ExpectedVersion = file.Version,
            Retention = new RetentionPeriod(10), Reason = "係争中の事案の記録を保存する必要があるため",
        };

        ShouldBeRefused(() => file.Decide(extension with { Retention = new RetentionPeriod(3) }), "file.retention-not-extended", "第17条第1項");

        var extended = ShouldDecide<RetentionPeriodExtended>(() => file.Decide(extension));
        extended.Previous.ShouldBe(new RetentionPeriod(5));
        extended.Extended.ShouldBe(new RetentionPeriod(10));
        extended.Context.Ground.Article.Japanese.ShouldBe("第17条第1項");
        file.Append([extended]).State.Items.Retention.ShouldBe(new RetentionPeriod(10));
    }
}
