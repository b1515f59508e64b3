using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 12(5): for specific personal information (My Number data) 12(2)(2)-(4) do not apply, 12(1) loses
// "except under law", 12(2)(1) is replaced by the vital-interests ground, and provision follows 番号利用法第19条 alone.
public class SpecificPersonalInformationTests
{
    private readonly EventStream<RetainedRecord> record = Given.AcquiredRecord(Given.SpecificPersonalInformation);

    [Fact]
    public void use_of_specific_personal_information_to_protect_life_body_or_property_is_recorded_citing_article_12_5()
    {
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with
        {
            Ground = UseGround.VitalInterestsWithConsentOrImpracticable,
            GroundDetail = "災害時の安否確認のため、本人の同意を得ることが困難",
        }));
        used.Ground.ShouldBe(UseGround.VitalInterestsWithConsentOrImpracticable);
        used.Context.Ground.Article.Japanese.ShouldBe("第12条第5項");
    }

    [Theory]
    [InlineData(UseGround.ProvidedByLaw)]           // 12(1) as read under 12(5): no "except under law"
    [InlineData(UseGround.ConsentOrToThePerson)]    // 12(2)(1) is replaced
    [InlineData(UseGround.InternalUseForDuties)]    // 12(2)(2) does not apply
    [InlineData(UseGround.StatisticsResearchOrSpecialReason)]
    [InlineData(UseGround.MyNumberActArticle19)]
    public void use_of_specific_personal_information_on_any_other_ground_is_refused_citing_article_12_5(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = ground }), "my-number.use-ground", "第12条第5項");

    [Fact]
    public void use_of_specific_personal_information_without_a_ground_is_refused_citing_article_12_5() =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = null }), "my-number.use-ground", "第12条第5項");

    [Fact]
    public void use_of_specific_personal_information_for_vital_interests_still_needs_the_proviso_confirmation() =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with
        {
            Ground = UseGround.VitalInterestsWithConsentOrImpracticable,
            NoUnjustInfringementConfirmed = false,
        }), "use.unjust-infringement-not-excluded", "第12条第2項ただし書");

    [Fact]
    public void provision_of_specific_personal_information_under_my_number_act_article_19_is_recorded_citing_it()
    {
        var provided = ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with
        {
            Recipient = new Recipient("千葉県知事", RecipientKind.OtherLocalPublicBody),
            Ground = UseGround.MyNumberActArticle19,
            GroundDetail = "番号利用法第19条第8号、別表の事務",
            NoUnjustInfringementConfirmed = false,
        }));
        provided.Context.Ground.Article.Japanese.ShouldBe("番号利用法第19条");
    }

    [Theory]
    [InlineData(UseGround.WithinPurpose)]
    [InlineData(UseGround.ProvidedByLaw)]
    [InlineData(UseGround.ConsentOrToThePerson)]
    [InlineData(UseGround.ProvisionToPublicBody)]
    [InlineData(UseGround.StatisticsResearchOrSpecialReason)]
    [InlineData(UseGround.VitalInterestsWithConsentOrImpracticable)]
    public void provision_of_specific_personal_information_on_any_ground_but_my_number_act_article_19_is_refused_citing_it(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = ground }), "my-number.provision", "番号利用法第19条");

    [Fact]
    public void provision_of_specific_personal_information_without_a_ground_is_refused_citing_my_number_act_article_19() =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = null }), "my-number.provision", "番号利用法第19条");

    [Fact]
    public void provision_of_specific_personal_information_under_article_19_without_its_detail_is_refused_citing_article_12_1() =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = UseGround.MyNumberActArticle19, GroundDetail = "" }),
            "use.ground-detail-missing", "第12条第1項");
}
