using AuditLedger.Domain.Records;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Support.Refusals;

namespace AuditLedger.Domain.Tests;

// Art. 4(1), 4(2), 5 and 17(1)(6): what an acquisition into a registered file must carry.
public class AcquisitionTests
{
    private readonly EventStream<Files.PersonalInformationFile> file = Given.RegisteredFile();

    private IReadOnlyList<Common.ILedgerEvent> Acquire(AcquireRecord acquisition, Files.PersonalInformationFile? into = null) =>
        acquisition.Decide(Guid.NewGuid(), into ?? file.State, Clock.Now);

    [Fact]
    public void acquisition_for_the_files_purpose_is_recorded_citing_article_4_1()
    {
        var acquired = ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(file.State)));
        acquired.FileId.ShouldBe(file.State.Id);
        acquired.PurposeOfUse.ShouldBe(Commands.FilePurpose);
        acquired.Context.Ground.Article.Japanese.ShouldBe("第4条第1項");

        var record = new EventStream<RetainedRecord>(RetainedRecord.Evolve).Append([acquired]).State;
        record.Status.ShouldBe(RecordStatus.Held);
        record.AcquiredAt.ShouldBe(Clock.RecordAcquiredAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void acquisition_without_a_specified_purpose_is_refused_citing_article_4_1(string purpose) =>
        ShouldBeRefused(() => Acquire(Commands.Acquire(file.State) with { PurposeOfUse = purpose }),
            "acquisition.purpose-not-specified", "第4条第1項");

    [Fact]
    public void acquisition_for_a_purpose_other_than_the_files_registered_purpose_is_refused_citing_article_4_2() =>
        ShouldBeRefused(() => Acquire(Commands.Acquire(file.State) with { PurposeOfUse = "議会報告会の案内の送付" }),
            "acquisition.purpose-outside-file", "第4条第2項");

    [Fact]
    public void acquisition_whose_purpose_equals_the_files_purpose_apart_from_surrounding_spaces_is_within_article_4_2() =>
        ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(file.State) with { PurposeOfUse = $"  {Commands.FilePurpose} " }))
            .PurposeOfUse.ShouldBe(Commands.FilePurpose);

    /// <summary>A file registering two purposes (Art. 17(1)(3)); the second holds a voiced kana (が, U+304C in NFC).</summary>
    private static readonly string[] TwoPurposes = [Commands.FilePurpose, "請願者への審査結果が記載された文書の送付"];

    private Files.PersonalInformationFile FileWithTwoPurposes()
    {
        var registration = Commands.Register() with { Items = Commands.Items() with { PurposesOfUse = [.. TwoPurposes.Select(p => $" {p} "), " "] } };
        var registered = registration.Decide(Guid.NewGuid(), Clock.Now);
        return new EventStream<Files.PersonalInformationFile>(Files.PersonalInformationFile.Evolve).Append(registered).State;
    }

    [Fact]
    public void a_file_registers_several_purposes_trimmed_and_a_record_is_held_for_the_one_chosen_by_its_number()
    {
        var twoPurposes = FileWithTwoPurposes();
        twoPurposes.Items.PurposesOfUse.ShouldBe(TwoPurposes);
        foreach (var (number, purpose) in TwoPurposes.Select((p, i) => (i + 1, p)))
            ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(twoPurposes) with { PurposeOfUse = "", PurposeNumber = number }, twoPurposes))
                .PurposeOfUse.ShouldBe(purpose);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void a_purpose_number_the_file_did_not_register_is_refused_citing_article_4_2(int number) =>
        ShouldBeRefused(() => Acquire(Commands.Acquire(FileWithTwoPurposes()) with { PurposeOfUse = "", PurposeNumber = number }, FileWithTwoPurposes()),
            "acquisition.purpose-outside-file", "第4条第2項");

    [Fact]
    public void a_purpose_number_and_a_text_naming_another_purpose_are_refused_citing_article_4_2()
    {
        var twoPurposes = FileWithTwoPurposes();
        ShouldBeRefused(() => Acquire(Commands.Acquire(twoPurposes) with { PurposeOfUse = TwoPurposes[0], PurposeNumber = 2 }, twoPurposes),
            "acquisition.purpose-outside-file", "第4条第2項");
    }

    [Fact]
    public void a_purpose_given_as_text_in_decomposed_unicode_matches_the_registered_purpose_and_is_kept_as_registered()
    {
        var twoPurposes = FileWithTwoPurposes();
        var decomposed = TwoPurposes[1].Normalize(System.Text.NormalizationForm.FormD);
        decomposed.ShouldNotBe(TwoPurposes[1]);
        ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(twoPurposes) with { PurposeOfUse = decomposed }, twoPurposes))
            .PurposeOfUse.ShouldBe(TwoPurposes[1]);
    }

    [Fact]
    public void a_file_registered_with_one_purpose_before_purposes_were_a_list_reads_as_a_list_of_one()
    {
        // As the store kept item (3) before: one text under PurposeOfUse (Marten's names), or purposeOfUse over HTTP.
        var stored = """{"Name":"請願・陳情者名簿","Organisation":"議事調査課","PurposeOfUse":"請願及び陳情の受理","RecordedItems":["氏名"],"RecordScope":"請願者","CollectionMethod":"本人","ContainsSpecialCareInformation":false,"RegularRecipients":[],"RequestOfficeName":"総務課","RequestOfficeLocation":"浦安市","SpecialProcedureNote":null}""";
        var items = System.Text.Json.JsonSerializer.Deserialize<Files.RegisterItems>(stored)!;
        items.PurposesOfUse.ShouldBe(["請願及び陳情の受理"]);
        var web = System.Text.Json.JsonSerializer.Deserialize<Files.RegisterItems>(stored.Replace("\"PurposeOfUse\"", "\"purposeOfUse\""), System.Text.Json.JsonSerializerOptions.Web)!;
        web.PurposesOfUse.ShouldBe(["請願及び陳情の受理"]);
        // Written again, it is the list alone.
        using var written = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(items));
        written.RootElement.GetProperty("PurposesOfUse").EnumerateArray().Select(p => p.GetString()).ShouldBe(["請願及び陳情の受理"]);
        written.RootElement.TryGetProperty("PurposeOfUse", out _).ShouldBeFalse();
    }

    [Fact]
    public void acquisition_in_writing_from_the_person_without_stating_the_purpose_or_an_exception_is_refused_citing_article_5() =>
        ShouldBeRefused(() => Acquire(Commands.Acquire(file.State) with
        {
            Source = AcquisitionSource.FromThePersonInWriting,
            PurposeStatement = PurposeStatement.NotApplicable,
        }), "acquisition.purpose-not-stated", "第5条");

    [Theory]
    [InlineData(PurposeStatement.Exception1UrgentProtection, "第5条第1号")]
    [InlineData(PurposeStatement.Exception2HarmToPersons, "第5条第2号")]
    [InlineData(PurposeStatement.Exception3ImpedesPublicWork, "第5条第3号")]
    [InlineData(PurposeStatement.Exception4EvidentFromCircumstances, "第5条第4号")]
    public void acquisition_in_writing_from_the_person_under_an_exception_of_article_5_is_recorded_citing_that_item(PurposeStatement exception, string article) =>
        ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(file.State) with
        {
            Source = AcquisitionSource.FromThePersonInWriting,
            PurposeStatement = exception,
        })).Context.Ground.Article.Japanese.ShouldBe(article);

    [Theory]
    [InlineData(AcquisitionSource.FromThePersonOtherwise)]
    [InlineData(AcquisitionSource.FromAThirdParty)]
    [InlineData(AcquisitionSource.FromAPublicBody)]
    public void acquisition_not_in_writing_from_the_person_needs_no_purpose_statement(AcquisitionSource source) =>
        ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(file.State) with
        {
            Source = source,
            PurposeStatement = PurposeStatement.NotApplicable,
        })).Context.Ground.Article.Japanese.ShouldBe("第4条第1項");

    [Fact]
    public void special_care_information_into_a_file_not_registered_as_holding_it_is_refused_citing_article_17_1_6() =>
        ShouldBeRefused(() => Acquire(Commands.Acquire(file.State) with { Categories = Given.SpecialCare }),
            "acquisition.special-care-not-registered", "第17条第1項第6号");

    [Fact]
    public void special_care_information_into_a_file_registered_as_holding_it_is_recorded()
    {
        var specialCareFile = Given.RegisteredFile(containsSpecialCareInformation: true);
        ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(specialCareFile.State) with { Categories = Given.SpecialCare }, specialCareFile.State))
            .Categories.SpecialCareRequired.ShouldBeTrue();
    }

    [Fact]
    public void special_care_information_is_accepted_once_the_file_register_is_amended_to_say_it_holds_it()
    {
        file.Then(Commands.Amend(file, Commands.Items(containsSpecialCareInformation: true)));
        ShouldDecide<RecordAcquired>(() => Acquire(Commands.Acquire(file.State) with { Categories = Given.SpecialCare }));
    }

    [Fact]
    public void acquisition_into_a_retired_file_is_refused_citing_article_17_1()
    {
        var retired = Given.RetiredFile();
        ShouldBeRefused(() => Acquire(Commands.Acquire(retired.State), retired.State), "file.not-active", "第17条第1項");
    }

    [Fact]
    public void acquisition_into_a_file_not_in_the_ledger_is_refused_citing_article_17_1() =>
        ShouldBeRefused(() => Commands.Acquire(null).Decide(Guid.NewGuid(), null, Clock.Now), "file.not-active", "第17条第1項");
}
