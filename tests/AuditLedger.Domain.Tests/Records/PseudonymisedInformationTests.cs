using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 15(1): pseudonymised information goes to no third party except under law; a contractor handling it is not a third party.
public class PseudonymisedInformationTests
{
    private readonly EventStream<RetainedRecord> record = Given.AcquiredRecord(Given.Pseudonymised);

    [Fact]
    public void provision_of_pseudonymised_information_under_law_is_recorded_citing_article_15_1() =>
        ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with
        {
            Recipient = Commands.PrivateCompany,
            Ground = UseGround.ProvidedByLaw,
            GroundDetail = "統計法第29条に基づく協力要請",
            NoUnjustInfringementConfirmed = false,
        })).Context.Ground.Article.Japanese.ShouldBe("第15条第1項");

    [Fact]
    public void provision_of_pseudonymised_information_to_its_contractor_is_recorded_citing_article_15_1() =>
        ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with
        {
            Recipient = Commands.Contractor,
            Ground = UseGround.ToContractor,
            GroundDetail = "議会アンケート集計業務委託契約",
        })).Context.Ground.Article.Japanese.ShouldBe("第15条第1項");

    [Theory]
    [InlineData(UseGround.WithinPurpose)]
    [InlineData(UseGround.ConsentOrToThePerson)]
    [InlineData(UseGround.ProvisionToPublicBody)]
    [InlineData(UseGround.StatisticsResearchOrSpecialReason)]
    [InlineData(UseGround.MyNumberActArticle19)]
    public void provision_of_pseudonymised_information_to_a_third_party_is_refused_citing_article_15_1(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = ground }), "pseudonymised.provision", "第15条第1項");

    [Fact]
    public void provision_of_pseudonymised_information_without_a_ground_is_refused_citing_article_15_1() =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = null }), "pseudonymised.provision", "第15条第1項");

    [Fact]
    public void provision_of_pseudonymised_information_on_the_contractor_ground_to_someone_not_a_contractor_is_refused() =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with
        {
            Recipient = Commands.PrivateCompany,
            Ground = UseGround.ToContractor,
        }), "provision.not-a-contractor", "第9条第2項");

    [Fact]
    public void purpose_external_use_of_pseudonymised_information_follows_the_general_rule_of_article_12() =>
        ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record)))
            .Context.Ground.Article.Japanese.ShouldBe("第12条第2項第2号");

    [Fact]
    public void purpose_external_use_of_pseudonymised_information_on_a_provision_ground_is_refused_citing_article_12_2() =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = UseGround.ProvisionToPublicBody }),
            "use.ground-not-applicable", "第12条第2項");

    [Fact]
    public void purpose_external_use_of_pseudonymised_information_without_a_ground_is_refused_as_having_no_ground() =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = null }), "use.no-ground", "第12条第2項");
}
