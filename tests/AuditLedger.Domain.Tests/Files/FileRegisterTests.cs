using AuditLedger.Domain.Files;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 17: the file register (個人情報ファイル簿) and what may be kept out of it.
public class FileRegisterTests
{
    private static RegisterItems Blank(RegisterItems items, string item) => item switch
    {
        nameof(RegisterItems.Name) => items with { Name = " " },
        nameof(RegisterItems.Organisation) => items with { Organisation = "" },
        nameof(RegisterItems.PurposesOfUse) => items with { PurposesOfUse = ["", " "] },
        nameof(RegisterItems.RecordedItems) => items with { RecordedItems = ["", "  "] },
        nameof(RegisterItems.RecordScope) => items with { RecordScope = "" },
        nameof(RegisterItems.CollectionMethod) => items with { CollectionMethod = "" },
        nameof(RegisterItems.RequestOfficeName) => items with { RequestOfficeName = "" },
        nameof(RegisterItems.RequestOfficeLocation) => items with { RequestOfficeLocation = "" },
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    [Fact]
    public void a_file_with_every_item_of_article_17_1_is_registered_citing_article_17_1()
    {
        var registered = ShouldDecide<FileRegistered>(() => Commands.Register().Decide(Guid.NewGuid(), Clock.Now));
        registered.Context.Ground.Article.Japanese.ShouldBe("第17条第1項");

        var file = new EventStream<PersonalInformationFile>(PersonalInformationFile.Evolve).Append([registered]).State;
        file.Status.ShouldBe(FileStatus.Active);
        file.RegisteredAt.ShouldBe(Clock.FileRegisteredAt);
        file.Items.PurposesOfUse.ShouldBe([Commands.FilePurpose]);
    }

    [Fact]
    public void items_7_and_9_may_be_empty_because_they_apply_only_when_there_is_something_to_state()
    {
        var items = Commands.Items() with { RegularRecipients = [], SpecialProcedureNote = null };
        ShouldDecide<FileRegistered>(() => (Commands.Register() with { Items = items }).Decide(Guid.NewGuid(), Clock.Now));
    }

    [Theory]
    [InlineData(nameof(RegisterItems.Name), 1)]
    [InlineData(nameof(RegisterItems.Organisation), 2)]
    [InlineData(nameof(RegisterItems.PurposesOfUse), 3)]
    [InlineData(nameof(RegisterItems.RecordedItems), 4)]
    [InlineData(nameof(RegisterItems.RecordScope), 4)]
    [InlineData(nameof(RegisterItems.CollectionMethod), 5)]
    [InlineData(nameof(RegisterItems.RequestOfficeName), 8)]
    [InlineData(nameof(RegisterItems.RequestOfficeLocation), 8)]
    public void registration_with_a_missing_register_item_is_refused_naming_its_item_number(string item, int number)
    {
        var refusal = ShouldBeRefused(() => (Commands.Register() with { Items = Blank(Commands.Items(), item) }).Decide(Guid.NewGuid(), Clock.Now),
            $"file.register-item-missing.{number}", $"第17条第1項第{number}号");
        // The rule is the catalog's own (what GET /api/rules lists); the detail names the field found empty.
        Law.Rules.All.ShouldContain(r => ReferenceEquals(r, refusal.Rule));
        refusal.Detail.ShouldNotBeNull().ShouldContain($"items.{char.ToLowerInvariant(item[0])}{item[1..]}");
    }

    [Theory]
    [InlineData(nameof(RegisterItems.Name), 1)]
    [InlineData(nameof(RegisterItems.RecordedItems), 4)]
    [InlineData(nameof(RegisterItems.RequestOfficeLocation), 8)]
    public void amendment_that_empties_a_register_item_is_refused_naming_its_item_number(string item, int number)
    {
        var file = Given.RegisteredFile();
        ShouldBeRefused(() => file.Decide(Commands.Amend(file, Blank(Commands.Items(), item))),
            $"file.register-item-missing.{number}", $"第17条第1項第{number}号");
    }

    [Fact]
    public void amendment_of_an_active_file_replaces_its_register_items()
    {
        var file = Given.RegisteredFile();
        var amended = Commands.Items() with { RecordedItems = ["氏名", "住所"] };
        file.Then(Commands.Amend(file, amended));
        file.State.Items.RecordedItems.ShouldBe(["氏名", "住所"]);
        file.State.Amendments.ShouldBe(1);
    }

    [Fact]
    public void amendment_of_a_retired_file_is_refused_citing_article_17_1()
    {
        var file = Given.RetiredFile();
        ShouldBeRefused(() => file.Decide(Commands.Amend(file, Commands.Items())), "file.retired", "第17条第1項");
    }

    [Fact]
    public void a_retired_file_cannot_be_retired_again()
    {
        var file = Given.RetiredFile();
        file.State.Status.ShouldBe(FileStatus.Retired);
        ShouldBeRefused(() => file.Decide(Commands.Retire(file)), "file.retired", "第17条第1項");
    }

    // ---- Art. 17(3) ----

    [Fact]
    public void withholding_recorded_items_collection_method_and_regular_recipients_is_recorded_citing_article_17_3()
    {
        var file = Given.RegisteredFile();
        var withheld = ShouldDecide<FileItemsWithheldFromPublication>(() => file.Decide(Commands.Withhold(file,
            WithholdableItem.RecordedItems, WithholdableItem.CollectionMethod, WithholdableItem.RegularRecipients, WithholdableItem.CollectionMethod)));
        withheld.Context.Ground.Article.Japanese.ShouldBe("第17条第3項");
        withheld.Items.ShouldBe([WithholdableItem.RecordedItems, WithholdableItem.CollectionMethod, WithholdableItem.RegularRecipients]);
        file.Append([withheld]).State.WithheldItems.Count.ShouldBe(3);
    }

    [Fact]
    public void withholding_an_item_article_17_3_does_not_list_is_refused_citing_article_17_3()
    {
        var file = Given.RegisteredFile();
        ShouldBeRefused(() => file.Decide(Commands.Withhold(file, WithholdableItem.CollectionMethod, (WithholdableItem)99)),
            "file.withholding-not-allowed", "第17条第3項");
    }

    [Fact]
    public void withholding_items_of_a_retired_file_is_refused_citing_article_17_1()
    {
        var file = Given.RetiredFile();
        ShouldBeRefused(() => file.Decide(Commands.Withhold(file, WithholdableItem.CollectionMethod)), "file.retired", "第17条第1項");
    }

    [Theory]
    [InlineData(PublicationExemptionGround.PersonnelMatters, "第17条第2項第1号")]
    [InlineData(PublicationExemptionGround.SubsetOfPublishedFile, "第17条第2項第2号")]
    [InlineData(PublicationExemptionGround.DesignatedEquivalentToSubset, "第17条第2項第3号")]
    [InlineData(PublicationExemptionGround.WholeFileWithheldUnderParagraph3, "第17条第3項")]
    public void keeping_a_file_out_of_the_published_register_cites_the_paragraph_it_relies_on(PublicationExemptionGround ground, string article)
    {
        var file = Given.RegisteredFile();
        var exempted = ShouldDecide<FileExemptedFromPublication>(() => file.Decide(new ExemptFileFromPublication
        {
            StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
            FileId = file.State.Id, ExpectedVersion = file.Version,
            Ground = ground, Reason = "公表により事務の適正な遂行に支障を及ぼすおそれ",
        }));
        exempted.Context.Ground.Article.Japanese.ShouldBe(article);
        file.Append([exempted]).State.PublicationExemption.ShouldBe(ground);
    }
}
