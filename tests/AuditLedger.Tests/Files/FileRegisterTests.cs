namespace AuditLedger.Tests.Reports;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections.Register;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>The file register (Art. 17) built from file events through the real commands, internal and published, as JSON, CSV and HTML.</summary>
[Collection(LedgerCollection.Name)]
public sealed class FileRegisterTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly RegisterHistory _history = new(new LedgerDriver(fixture));

    [Fact]
    public async Task a_file_registers_several_purposes_the_register_shows_them_all_and_a_record_is_acquired_for_one_by_its_number()
    {
        string[] purposes = ["本会議及び委員会の傍聴者の受付及び管理", $"傍聴者への会議資料の送付 {Guid.NewGuid():N}"];
        var registration = Registration() with { Items = Items() with { Name = $"議会傍聴者名簿 {Guid.NewGuid():N}", PurposesOfUse = purposes } };
        (await fixture.ClientFor(registration).PostAsJsonAsync("/api/files", registration, LedgerJson.Options)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var entry = await _http.GetFromJsonAsync<FileRegisterEntry>($"/api/register/files/{registration.FileId}", LedgerJson.Options);
        entry!.File.Items.PurposesOfUse.ShouldBe(purposes);
        var csv = Csv.Parse(Encoding.UTF8.GetString(await _http.GetByteArrayAsync("/api/register/published?format=csv")).TrimStart('\uFEFF'));
        var row = csv.Single(r => r.Contains(registration.Items!.Name));
        row.ShouldContain(string.Join("、", purposes));

        var acquisition = Acquisition(registration.FileId!.Value) with { PurposeOfUse = "", PurposeNumber = 2 };
        var acquired = await fixture.ClientFor(acquisition).PostAsJsonAsync("/api/records", acquisition, LedgerJson.Options);
        acquired.StatusCode.ShouldBe(HttpStatusCode.Created, await acquired.Content.ReadAsStringAsync());
        var record = await new LedgerDriver(fixture).Load<Domain.Records.RetainedRecord>(acquisition.RecordId!.Value);
        record!.PurposeOfUse.ShouldBe(purposes[1]);

        var outside = await fixture.ClientFor(acquisition).PostAsJsonAsync("/api/records", Acquisition(registration.FileId!.Value) with { PurposeOfUse = "", PurposeNumber = 3 }, LedgerJson.Options);
        outside.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("acquisition.purpose-outside-file");
    }

    [Fact]
    public async Task a_registration_that_gives_one_purpose_as_text_the_old_way_is_read_as_a_list_of_one()
    {
        var registration = Registration() with { Items = Items() with { Name = $"議会傍聴者名簿 {Guid.NewGuid():N}" } };
        var body = JsonSerializer.SerializeToNode(registration, LedgerJson.Options)!.AsObject();
        var items = body["items"]!.AsObject();
        items.Remove("purposesOfUse");
        items["purposeOfUse"] = "本会議及び委員会の傍聴者の受付及び管理";
        var response = await fixture.ClientFor(registration).PostAsync("/api/files", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var entry = await _http.GetFromJsonAsync<FileRegisterEntry>($"/api/register/files/{registration.FileId}", LedgerJson.Options);
        entry!.File.Items.PurposesOfUse.ShouldBe(["本会議及び委員会の傍聴者の受付及び管理"]);
    }

    [Fact]
    public async Task the_internal_entry_holds_kind_items_status_and_each_amendment_with_who_when_and_what_changed()
    {
        var files = await _history.Build();

        var entry = await _http.GetFromJsonAsync<FileRegisterEntry>($"/api/register/files/{files.Amended}", LedgerJson.Options);

        entry.ShouldNotBeNull();
        entry.Id.ShouldBe(files.Amended);
        entry.Version.ShouldBe(2);
        entry.File.Kind.ShouldBe(FileKind.ComputerProcessed);
        entry.File.Status.ShouldBe(FileStatus.Active);
        entry.File.RegisteredAt.ShouldBe(FileRegisteredAt);
        entry.File.Amendments.ShouldBe(1);
        entry.File.Items.Name.ShouldBe(files.Names[files.Amended]);
        entry.File.Items.Organisation.ShouldBe("浦安市議会事務局 議事課");
        entry.File.Items.PurposesOfUse.ShouldBe([Purpose]);
        entry.File.Items.RecordedItems.ShouldBe(["氏名", "住所", "傍聴日", "電話番号"]);
        entry.File.Items.RecordScope.ShouldBe("本会議及び委員会の傍聴者");
        entry.File.Items.CollectionMethod.ShouldBe("本人からの傍聴受付票の提出");
        entry.File.Items.ContainsSpecialCareInformation.ShouldBeFalse();
        entry.File.Items.RegularRecipients.ShouldBe(["浦安市選挙管理委員会"]);
        entry.File.Items.RequestOfficeName.ShouldBe("浦安市議会事務局 総務課");
        entry.File.Items.RequestOfficeLocation.ShouldBe("千葉県浦安市猫実一丁目1番1号");
        entry.File.Items.SpecialProcedureNote.ShouldBeNull();
        entry.IsPublished.ShouldBeTrue();

        entry.History.Count.ShouldBe(2);
        var registered = entry.History[0];
        registered.Change.ShouldBe(RegisterChange.Registered);
        registered.By.Actor.StaffId.ShouldBe("S-0001");
        registered.By.Actor.Title.ShouldBe("議会事務局 総務課 主査");
        registered.By.OccurredAt.ShouldBe(FileRegisteredAt);
        registered.Article.ShouldBe("第17条第1項");
        registered.Changes.ShouldBeEmpty();

        var amended = entry.History[1];
        amended.Change.ShouldBe(RegisterChange.Amended);
        amended.By.Actor.StaffId.ShouldBe("S-0003");
        amended.By.OccurredAt.ShouldBe(Later);
        amended.By.RecordedAt.ShouldBe(fixture.Clock.GetUtcNow());
        amended.Reason.ShouldBe("傍聴者への連絡のため電話番号を記録し、選挙管理委員会への定期提供を開始");
        amended.Changes.ShouldBe(
        [
            new ItemChange("recordedItems", "個人情報ファイルに記録される項目（記録項目）", "氏名、住所、傍聴日", "氏名、住所、傍聴日、電話番号"),
            new ItemChange("regularRecipients", "記録情報を議会以外の者に経常的に提供する場合には、その提供先", "なし", "浦安市選挙管理委員会"),
        ]);
    }

    [Fact]
    public async Task the_internal_register_lists_every_file_with_the_reasons_for_exemption_and_withholding()
    {
        var files = await _history.Build();

        var entries = (await _http.GetFromJsonAsync<List<FileRegisterEntry>>("/api/register", LedgerJson.Options))!.ToDictionary(e => e.Id);

        foreach (var id in (Guid[])[files.Amended, files.Exempt, files.Withheld, files.Retired]) entries.ShouldContainKey(id);
        var exempt = entries[files.Exempt];
        exempt.File.PublicationExemption.ShouldBe(PublicationExemptionGround.PersonnelMatters);
        exempt.File.PublicationExemptionReason.ShouldBe(RegisterHistory.ExemptionReason);
        exempt.History.Last().Article.ShouldBe("第17条第2項第1号");
        exempt.History.Last().By.Actor.StaffId.ShouldBe("S-0003");
        exempt.IsPublished.ShouldBeFalse();

        var withheld = entries[files.Withheld];
        withheld.File.WithheldItems.ShouldBe([WithholdableItem.CollectionMethod, WithholdableItem.RegularRecipients]);
        withheld.File.WithholdingReason.ShouldBe(RegisterHistory.WithholdingReason);
        withheld.History.Last().Change.ShouldBe(RegisterChange.ItemsWithheld);
        withheld.History.Last().Article.ShouldBe("第17条第3項");
        withheld.History.Last().Changes.Select(c => c.Key).ShouldBe(["collectionMethod", "regularRecipients"]);
        withheld.IsPublished.ShouldBeTrue();

        var retired = entries[files.Retired];
        retired.File.Status.ShouldBe(FileStatus.Retired);
        retired.File.RetiredAt.ShouldBe(Later);
        retired.History.Last().Reason.ShouldBe("傍聴受付の電子化により紙の名簿を廃止");
        retired.IsPublished.ShouldBeFalse();
    }

    [Fact]
    public async Task the_published_register_leaves_out_exempt_and_retired_files_blanks_withheld_items_and_gives_no_reason()
    {
        var files = await _history.Build();

        var response = await _http.GetAsync("/api/register/published");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = JsonDocument.Parse(body).RootElement;
        published.GetProperty("title").GetString().ShouldBe("個人情報ファイル簿");
        published.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("heading").GetString())
            .ShouldBe(RegisterTable.ItemColumns.Select(c => c.Column.Heading));
        var rows = published.GetProperty("files").EnumerateArray()
            .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))
            .ToLookup(r => r["name"]);   // other tests' files share names; this history's names are unique

        rows.Contains(files.Names[files.Exempt]).ShouldBeFalse();
        rows.Contains(files.Names[files.Retired]).ShouldBeFalse();
        var amended = rows[files.Names[files.Amended]].Single();
        amended["kind"].ShouldBe("電子計算機処理に係る個人情報ファイル（第2条第5項第1号）");
        amended["recordedItems"].ShouldBe("氏名、住所、傍聴日、電話番号");
        amended["regularRecipients"].ShouldBe("浦安市選挙管理委員会");
        amended["specialCareInformation"].ShouldBe("含まない");

        var withheld = rows[files.Names[files.Withheld]].Single();
        withheld["kind"].ShouldBe("マニュアル処理に係る個人情報ファイル（第2条第5項第2号）");
        withheld["collectionMethod"].ShouldBe("");
        withheld["regularRecipients"].ShouldBe("");
        withheld["recordedItems"].ShouldBe("氏名、住所、発送区分");
        withheld["purposeOfUse"].ShouldBe(RegisterHistory.TrickyPurpose);
        withheld["specialCareInformation"].ShouldBe("含む");
        withheld["specialProcedure"].ShouldBe("第31条第1項ただし書に該当");

        body.ShouldNotContain(RegisterHistory.ExemptionReason);
        body.ShouldNotContain(RegisterHistory.WithholdingReason);
        body.ShouldNotContain(RegisterHistory.WithheldMethod);
        body.ShouldNotContain("浦安市長（秘書広報課）");
    }

    [Fact]
    public async Task the_published_csv_is_utf8_with_bom_and_crlf_and_round_trips_japanese_text_commas_quotes_and_newlines()
    {
        var files = await _history.Build();

        var response = await _http.GetAsync("/register/published.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        var records = Csv.Parse(text);

        records[0].ShouldBe(RegisterTable.ItemColumns.Select(c => c.Column.Heading));
        records.ShouldAllBe(r => r.Count == RegisterTable.ItemColumns.Count);
        var names = records.Skip(1).Select(r => r[1]).ToList();
        names.ShouldNotContain(files.Names[files.Exempt]);
        names.ShouldNotContain(files.Names[files.Retired]);
        var withheld = records.Single(r => r[1] == files.Names[files.Withheld]);
        withheld[1].ShouldContain("\"特別号\", 第2版");
        withheld[3].ShouldBe(RegisterHistory.TrickyPurpose);
        withheld[3].ShouldContain("\r\n");
        withheld[6].ShouldBe("");   // (5) withheld
        withheld[8].ShouldBe("");   // (7) withheld
        text.ShouldNotContain(RegisterHistory.WithheldMethod);

        // The same bytes through the export route with a format.
        (await _http.GetByteArrayAsync("/api/register/published?format=csv")).ShouldBe(bytes);
    }

    [Fact]
    public async Task the_internal_csv_keeps_every_file_and_the_reasons()
    {
        var files = await _history.Build();

        var bytes = await _http.GetByteArrayAsync("/register/internal.csv");

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var records = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = records[0];
        header[0].ShouldBe("ファイルID");
        var byId = records.Skip(1).ToDictionary(r => r[0]);
        var exempt = byId[files.Exempt.ToString()];
        exempt[header.IndexOf("公表の扱い")].ShouldBe("不掲載（第17条第2項第1号）");
        exempt[header.IndexOf("不掲載の理由")].ShouldBe(RegisterHistory.ExemptionReason);
        var withheld = byId[files.Withheld.ToString()];
        withheld[header.IndexOf("記載しない理由")].ShouldBe(RegisterHistory.WithholdingReason);
        withheld[header.IndexOf("個人情報ファイルに記録される個人情報（記録情報）の収集方法")].ShouldBe(RegisterHistory.WithheldMethod);
        byId[files.Retired.ToString()][header.IndexOf("状態")].ShouldBe("廃止");
    }

    [Fact]
    public async Task the_printable_pages_are_japanese_escaped_html_with_print_css()
    {
        var files = await _history.Build();

        var response = await _http.GetAsync("/register/published.html");
        var html = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldStartWith("<!DOCTYPE html>\n<html lang=\"ja\">");
        html.ShouldContain("<meta charset=\"utf-8\">");
        html.ShouldContain("@media print");
        html.ShouldContain("@page");
        html.ShouldContain("個人情報ファイルの名称");
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldNotContain(files.Names[files.Exempt]);
        html.ShouldNotContain(RegisterHistory.WithholdingReason);

        var internalHtml = await _http.GetStringAsync("/register/internal.html");
        internalHtml.ShouldContain(files.Names[files.Exempt]);
        internalHtml.ShouldContain(RegisterHistory.ExemptionReason);
    }

    [Theory]
    [InlineData("/api/register?format=pdf")]
    [InlineData("/api/register/published?format=xml")]
    public async Task an_unknown_format_is_a_400_problem_naming_the_formats(string url)
    {
        var response = await _http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("query.invalid");
        problem.GetProperty("detail").GetString()!.ShouldContain("json, csv, html");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("format");
    }

    [Fact]
    public async Task an_unknown_file_is_a_404_problem()
    {
        var response = await _http.GetAsync($"/api/register/files/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("stream.not-found");
    }
}
