using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 12(1)-(2), 13 and 9(2): the grounds for purpose-external use and for provision of an ordinary record.
public class UseAndProvisionGroundTests
{
    private readonly EventStream<RetainedRecord> record = Given.AcquiredRecord();

    [Theory]
    [InlineData(UseGround.ProvidedByLaw, "第12条第1項")]
    [InlineData(UseGround.ConsentOrToThePerson, "第12条第2項第1号")]
    [InlineData(UseGround.InternalUseForDuties, "第12条第2項第2号")]
    public void purpose_external_use_on_a_ground_of_article_12_1_or_12_2_1_2_is_recorded_citing_that_ground(UseGround ground, string article)
    {
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { Ground = ground }));

        used.Ground.ShouldBe(ground);
        used.Context.Ground.Article.Japanese.ShouldBe(article);
        record.Append([used]).State.PurposeExternalUses.ShouldBe(1);
    }

    [Theory]
    [InlineData(UseGround.ProvisionToPublicBody)]              // 12(2)(3) is for provision only
    [InlineData(UseGround.StatisticsResearchOrSpecialReason)]  // 12(2)(4) is for provision only
    [InlineData(UseGround.WithinPurpose)]
    [InlineData(UseGround.ToContractor)]
    [InlineData(UseGround.VitalInterestsWithConsentOrImpracticable)]
    [InlineData(UseGround.MyNumberActArticle19)]
    public void purpose_external_use_on_a_ground_that_only_allows_provision_is_refused_citing_article_12_2(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = ground }), "use.ground-not-applicable", "第12条第2項");

    [Fact]
    public void purpose_external_use_to_a_listed_public_body_ground_is_refused_although_the_same_ground_allows_a_provision()
    {
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = UseGround.ProvisionToPublicBody }),
            "use.ground-not-applicable", "第12条第2項");
        ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with { Ground = UseGround.ProvisionToPublicBody }))
            .Context.Ground.Article.Japanese.ShouldBe("第12条第2項第3号");
    }

    [Theory]
    [InlineData(UseGround.WithinPurpose, RecipientKind.Other, "第13条")]
    [InlineData(UseGround.ProvidedByLaw, RecipientKind.Other, "第12条第1項")]
    [InlineData(UseGround.ConsentOrToThePerson, RecipientKind.ThePerson, "第12条第2項第1号")]
    [InlineData(UseGround.ProvisionToPublicBody, RecipientKind.Mayor, "第12条第2項第3号")]
    [InlineData(UseGround.StatisticsResearchOrSpecialReason, RecipientKind.Other, "第12条第2項第4号")]
    [InlineData(UseGround.ToContractor, RecipientKind.Contractor, "第9条第2項")]
    public void provision_on_a_ground_of_article_12_13_or_9_2_is_recorded_citing_that_ground(UseGround ground, RecipientKind kind, string article)
    {
        var provided = ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with
        {
            Ground = ground,
            Recipient = new Recipient("提供先", kind),
        }));

        provided.Ground.ShouldBe(ground);
        provided.Context.Ground.Article.Japanese.ShouldBe(article);
    }

    [Theory]
    [InlineData(UseGround.InternalUseForDuties)]  // 12(2)(2) is internal use only
    [InlineData(UseGround.VitalInterestsWithConsentOrImpracticable)]
    [InlineData(UseGround.MyNumberActArticle19)]
    public void provision_on_a_ground_that_only_allows_internal_use_is_refused_citing_article_12_2(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = ground }), "use.ground-not-applicable", "第12条第2項");

    [Fact]
    public void internal_use_ground_allows_a_use_but_not_a_provision()
    {
        ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with { Ground = UseGround.InternalUseForDuties }));
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = UseGround.InternalUseForDuties }),
            "use.ground-not-applicable", "第12条第2項");
    }

    [Fact]
    public void purpose_external_use_without_a_ground_is_refused_citing_article_12_2() =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = null }), "use.no-ground", "第12条第2項");

    [Fact]
    public void provision_without_a_ground_is_refused_citing_article_12_2() =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = null }), "use.no-ground", "第12条第2項");

    // ---- Art. 12(2) proviso ----

    [Theory]
    [InlineData(UseGround.ConsentOrToThePerson)]
    [InlineData(UseGround.InternalUseForDuties)]
    public void purpose_external_use_under_article_12_2_without_confirming_no_unjust_infringement_is_refused_citing_the_proviso(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = ground, NoUnjustInfringementConfirmed = false }),
            "use.unjust-infringement-not-excluded", "第12条第2項ただし書");

    [Theory]
    [InlineData(UseGround.ConsentOrToThePerson)]
    [InlineData(UseGround.ProvisionToPublicBody)]
    [InlineData(UseGround.StatisticsResearchOrSpecialReason)]
    public void provision_under_article_12_2_without_confirming_no_unjust_infringement_is_refused_citing_the_proviso(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Ground = ground, NoUnjustInfringementConfirmed = false }),
            "use.unjust-infringement-not-excluded", "第12条第2項ただし書");

    [Fact]
    public void use_under_law_needs_no_proviso_confirmation_because_the_proviso_qualifies_article_12_2_only()
    {
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with
        {
            Ground = UseGround.ProvidedByLaw,
            GroundDetail = "地方自治法第100条第1項に基づく調査",
            NoUnjustInfringementConfirmed = false,
        }));
        used.NoUnjustInfringementConfirmed.ShouldBeFalse();
    }

    [Fact]
    public void provision_for_the_purpose_of_use_needs_neither_proviso_confirmation_nor_ground_detail()
    {
        var provided = ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with
        {
            Ground = UseGround.WithinPurpose,
            GroundDetail = "",
            NoUnjustInfringementConfirmed = false,
        }));
        provided.Context.Ground.Article.Japanese.ShouldBe("第13条");
    }

    // ---- Art. 12(2)(3): listed bodies ----

    [Theory]
    [InlineData(RecipientKind.Mayor)]
    [InlineData(RecipientKind.BoardOfEducation)]
    [InlineData(RecipientKind.ElectionCommission)]
    [InlineData(RecipientKind.AuditCommissioners)]
    [InlineData(RecipientKind.FixedAssetReviewCommittee)]
    [InlineData(RecipientKind.FireChief)]
    [InlineData(RecipientKind.OtherLocalPublicBody)]
    [InlineData(RecipientKind.LocalIncorporatedAdministrativeAgency)]
    [InlineData(RecipientKind.NationalAdministrativeOrgan)]
    [InlineData(RecipientKind.IncorporatedAdministrativeAgency)]
    public void provision_under_article_12_2_3_to_a_body_that_item_lists_is_recorded(RecipientKind kind) =>
        ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with { Recipient = new Recipient("提供先機関", kind) }))
            .Recipient.Kind.ShouldBe(kind);

    [Theory]
    [InlineData(RecipientKind.Other)]
    [InlineData(RecipientKind.Contractor)]
    [InlineData(RecipientKind.ThePerson)]
    public void provision_under_article_12_2_3_to_a_body_that_item_does_not_list_is_refused_citing_article_12_2_3(RecipientKind kind) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with { Recipient = new Recipient("提供先", kind) }),
            "provision.recipient-not-listed-body", "第12条第2項第3号");

    // ---- Art. 9(2): contractor ----

    [Fact]
    public void provision_to_a_contractor_on_the_contractor_ground_is_recorded_citing_article_9_2() =>
        ShouldDecide<RecordProvided>(() => record.Decide(Commands.Provide(record) with
        {
            Recipient = Commands.Contractor,
            Ground = UseGround.ToContractor,
            GroundDetail = "議会会議録作成業務委託契約（令和7年度）",
        })).Context.Ground.Article.Japanese.ShouldBe("第9条第2項");

    [Theory]
    [InlineData(RecipientKind.Other)]
    [InlineData(RecipientKind.Mayor)]
    public void provision_on_the_contractor_ground_to_someone_not_a_contractor_is_refused_citing_article_9_2(RecipientKind kind) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with
        {
            Recipient = new Recipient("提供先", kind),
            Ground = UseGround.ToContractor,
        }), "provision.not-a-contractor", "第9条第2項");

    // ---- ground detail ----

    [Theory]
    [InlineData(UseGround.ProvidedByLaw)]
    [InlineData(UseGround.ConsentOrToThePerson)]
    [InlineData(UseGround.InternalUseForDuties)]
    public void purpose_external_use_without_the_ground_stated_in_concrete_terms_is_refused_citing_article_12_1(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Use(record) with { Ground = ground, GroundDetail = "   " }),
            "use.ground-detail-missing", "第12条第1項");

    [Theory]
    [InlineData(UseGround.ProvidedByLaw)]
    [InlineData(UseGround.ProvisionToPublicBody)]
    [InlineData(UseGround.ToContractor)]
    public void provision_without_the_ground_stated_in_concrete_terms_is_refused_citing_article_12_1(UseGround ground) =>
        ShouldBeRefused(() => record.Decide(Commands.Provide(record) with
        {
            Ground = ground,
            Recipient = ground == UseGround.ToContractor ? Commands.Contractor : Commands.Mayor,
            GroundDetail = "",
        }), "use.ground-detail-missing", "第12条第1項");

    [Fact]
    public void the_ground_detail_and_internal_restriction_are_kept_with_the_use()
    {
        var used = ShouldDecide<RecordUsedOutsidePurpose>(() => record.Decide(Commands.Use(record) with
        {
            GroundDetail = "  委員会審査のため  ",
            RestrictedTo = " 議事調査課 ",
        }));
        used.GroundDetail.ShouldBe("委員会審査のため");
        used.RestrictedTo.ShouldBe("議事調査課");
        used.Context.Ground.Statement.ShouldBe("委員会審査のため");
    }
}
