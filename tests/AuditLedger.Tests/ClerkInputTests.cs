namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Input as a clerk in Japan gives it, over HTTP, in an import file and on the command line:
/// times without an offset are Japan time, full-width digits and 和暦 are dates, a member named twice is refused, text is
/// compared in NFC, lengths are counted in characters, and an import file that is not UTF-8 is refused whole. Every refusal
/// has its problem code and appends nothing.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class ClerkInputTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly LedgerDriver _ledger = new(fixture);

    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    /// <summary>A file registration as JSON, with <paramref name="change"/> applied to its members.</summary>
    private static JsonObject RegistrationJson(Action<JsonObject> change, RegisterFile? registration = null)
    {
        var body = JsonSerializer.SerializeToNode(registration ?? Registration(), LedgerJson.Options)!.AsObject();
        change(body);
        return body;
    }

    /// <summary>Posts the body as the staff member it names (the actor is the principal), else as the default staff client.</summary>
    private Task<HttpResponseMessage> Post(string url, string body) =>
        ClientNaming(body).PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>A client for the first staffId the body names; a body that is not readable JSON goes as it is, with the default client.</summary>
    private HttpClient ClientNaming(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var member in document.RootElement.EnumerateObject())
                if (member.NameEquals("staffId") && member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() is { Length: > 0 } staff
                    && !string.IsNullOrWhiteSpace(staff))
                    return fixture.ClientAs(staff.Trim(), LedgerRoles.Staff);
        }
        catch (JsonException)
        {
        }
        return _http;
    }

    private async Task<DateTimeOffset> OccurredAtOf(Guid stream)
    {
        await using var session = fixture.Store.TenantQuerySession();
        var events = await session.Events.FetchStreamAsync(stream);
        return ((ILedgerEvent)events[0].Data).Context.OccurredAt;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain("\"messageJa\"", Case.Sensitive, text);
        text.ShouldNotContain("System.", Case.Sensitive, "no .NET type names in what a clerk reads");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code, text);
        problem.GetProperty("appended").GetInt32().ShouldBe(0);
        problem.GetProperty("messageJa").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("messageEn").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("toDoJa").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    // ---- times and dates ----

    /// <summary>16:00 on 31 March without an offset is 16:00 in Japan, in fiscal year 2025: read as UTC it would be 1 April 01:00, the next fiscal year.</summary>
    [Theory]
    [InlineData("2026-03-31T16:00:00")]
    [InlineData("2026-03-31T16:00")]
    [InlineData("2026-03-31 16:00")]
    [InlineData("２０２６-０３-３１Ｔ１６：００：００")]
    [InlineData("２０２６－０３－３１　１６：００")]
    [InlineData("令和8年3月31日 16:00")]
    [InlineData("令和８年３月３１日　１６時００分")]
    [InlineData("R8.3.31 16:00")]
    [InlineData("R08.03.31T16:00:00")]
    [InlineData("2026-03-31T07:00:00Z")]
    [InlineData("2026-03-31T16:00:00+09:00")]
    public async Task a_time_is_read_as_japan_time_unless_it_names_its_offset(string given)
    {
        var body = RegistrationJson(b => b["occurredAt"] = given);
        var response = await Post("/api/files", body.ToJsonString());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var occurredAt = await OccurredAtOf(body["fileId"]!.GetValue<Guid>());
        occurredAt.ShouldBe(new DateTimeOffset(2026, 3, 31, 16, 0, 0, Japan));
        JapanDate.Of(occurredAt).ShouldBe(new DateOnly(2026, 3, 31));
    }

    /// <summary>A date alone is that Japan calendar day (its first instant in Japan); 和暦 forms, 元年 and full-width digits alike.</summary>
    [Theory]
    [InlineData("2019-05-01", 2019, 5, 1)]
    [InlineData("２０１９/５/１", 2019, 5, 1)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("令和元年５月１日", 2019, 5, 1)]
    [InlineData("R1.5.1", 2019, 5, 1)]
    [InlineData("平成31年4月30日", 2019, 4, 30)]
    [InlineData("H31.4.30", 2019, 4, 30)]
    [InlineData("㍻31年4月30日", 2019, 4, 30)]
    [InlineData("令8.3.31", 2026, 3, 31)]
    [InlineData("2026年3月31日", 2026, 3, 31)]
    public async Task a_date_alone_is_the_japan_calendar_day_in_any_form_a_clerk_writes(string given, int year, int month, int day)
    {
        var body = RegistrationJson(b => b["occurredAt"] = given);
        var response = await Post("/api/files", body.ToJsonString());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await OccurredAtOf(body["fileId"]!.GetValue<Guid>())).ShouldBe(new DateTimeOffset(year, month, day, 0, 0, 0, Japan));
    }

    /// <summary>A date that is not one: code input.date, the field's JSON path, Japanese and English, nothing appended.</summary>
    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-02-30")]
    [InlineData("令和8年13月1日")]
    [InlineData("平成31年5月1日")]
    [InlineData("2026-03-31T25:00")]
    [InlineData("R8.3.31 16:00+15:00")]
    public async Task a_date_that_is_not_one_is_refused_with_input_date_and_its_field(string given)
    {
        var before = await _ledger.EventCount();
        var problem = await Problem(await Post("/api/files", RegistrationJson(b => b["occurredAt"] = given).ToJsonString()), UnreadableInput.Date);
        problem.GetProperty("field").GetString().ShouldBe("$.occurredAt");
        (await _ledger.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_era_date_past_its_era_names_the_right_one()
    {
        var problem = await Problem(await Post("/api/files", RegistrationJson(b => b["occurredAt"] = "平成31年5月1日").ToJsonString()), UnreadableInput.Date);
        problem.GetProperty("messageJa").GetString()!.ShouldContain("令和");
    }

    [Fact]
    public async Task a_value_of_the_wrong_type_says_what_it_should_be_without_a_dotnet_message()
    {
        var before = await _ledger.EventCount();
        var problem = await Problem(await Post("/api/files", RegistrationJson(b => b["kind"] = 3).ToJsonString()), UnreadableInput.Unreadable);
        problem.GetProperty("field").GetString().ShouldBe("$.kind");
        problem.GetProperty("messageEn").GetString()!.ShouldContain(nameof(FileKind.ComputerProcessed));
        await Problem(await Post("/api/files", "{\"staffId\": "), UnreadableInput.Unreadable);
        (await _ledger.EventCount()).ShouldBe(before);
    }

    // ---- a member named twice ----

    /// <summary>The first staffId is what a reviewer reads; the last would have been recorded.</summary>
    [Theory]
    [InlineData("\"staffId\": \"S-0001\", \"staffId\": \"S-9999\"")]
    [InlineData("\"staffId\": \"S-0001\", \"StaffId\": \"S-9999\"")]
    public async Task a_body_naming_a_member_twice_is_refused(string members)
    {
        var before = await _ledger.EventCount();
        var body = RegistrationJson(b => b.Remove("staffId")).ToJsonString();
        body = "{" + members + "," + body[1..];
        var problem = await Problem(await Post("/api/files", body), UnreadableInput.DuplicateMember);
        problem.GetProperty("field").GetString()!.ToLowerInvariant().ShouldBe("$.staffid");
        (await _ledger.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_member_named_twice_inside_a_nested_object_is_refused()
    {
        var before = await _ledger.EventCount();
        var body = RegistrationJson(_ => { }).ToJsonString().Replace("\"name\":", "\"name\":\"偽の名簿\",\"name\":", StringComparison.Ordinal);
        await Problem(await Post("/api/files", body), UnreadableInput.DuplicateMember);
        (await _ledger.EventCount()).ShouldBe(before);
    }

    // ---- NFC and length ----

    /// <summary>The purpose registered on a Mac (NFD: た + ゛) and retyped on Windows (NFC: だ) is the same purpose.</summary>
    [Fact]
    public async Task the_same_purpose_in_nfd_and_nfc_matches()
    {
        const string purpose = "議会だよりの発送及び傍聴者の管理";
        purpose.Normalize(NormalizationForm.FormD).ShouldNotBe(purpose);
        var registration = Registration() with { Items = Items() with { PurposesOfUse = [purpose.Normalize(NormalizationForm.FormD)] } };
        var fileBody = JsonSerializer.Serialize(registration, LedgerJson.Options);
        fileBody.ShouldContain(purpose.Normalize(NormalizationForm.FormD));
        (await Post("/api/files", fileBody)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var acquisition = Acquisition(registration.FileId!.Value) with { PurposeOfUse = purpose.Normalize(NormalizationForm.FormC) };
        var response = await Post("/api/records", JsonSerializer.Serialize(acquisition, LedgerJson.Options));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var file = await _http.GetFromJsonAsync<JsonElement>($"/api/files/{registration.FileId}", LedgerJson.Options);
        file.GetProperty("items").GetProperty("purposesOfUse")[0].GetString().ShouldBe(purpose.Normalize(NormalizationForm.FormC), "stored once, in NFC");
    }

    /// <summary>A provision recorded with its recipient typed in NFD is stopped by the same recipient typed in NFC.</summary>
    [Fact]
    public async Task a_provision_recorded_in_nfd_is_stopped_by_its_recipient_in_nfc()
    {
        const string recipient = "浦安市長（広報だより担当）";
        var (_, record) = await _ledger.Record();
        var provision = ProvisionToMayor(record, 1) with { Recipient = new Recipient(recipient.Normalize(NormalizationForm.FormD), RecipientKind.Mayor) };
        var response = await Post($"/api/records/{record}/provisions", JsonSerializer.Serialize(provision, LedgerJson.Options));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var stop = By(new StopRecordProvision
        {
            RecordId = record, ExpectedVersion = 2, DecisionReference = "浦議総第125号",
            Recipient = new Recipient(recipient.Normalize(NormalizationForm.FormC), RecipientKind.Mayor),
        });
        response = await Post($"/api/records/{record}/provision-stops", JsonSerializer.Serialize(stop, LedgerJson.Options));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>1,001 × 𠮷 is 1,001 characters (2,002 UTF-16 units): within a 2,000-character limit; 2,001 × 𠮷 is over it.</summary>
    [Fact]
    public async Task a_length_limit_counts_characters_not_utf16_units()
    {
        var fileId = await _ledger.RegisterFile();
        var within = Acquisition(fileId);
        within = within with { PersonalData = [new PersonalData(within.DataSubjectId, PersonalDataKind.FreeText, string.Concat(Enumerable.Repeat("𠮷", 1001)))] };
        var response = await Post("/api/records", JsonSerializer.Serialize(within, LedgerJson.Options));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var before = await _ledger.EventCount();
        var over = Acquisition(fileId);
        over = over with { PersonalData = [new PersonalData(over.DataSubjectId, PersonalDataKind.FreeText, string.Concat(Enumerable.Repeat("𠮷", 2001)))] };
        response = await Post("/api/records", JsonSerializer.Serialize(over, LedgerJson.Options));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("2000");
        (await _ledger.EventCount()).ShouldBe(before);
    }

    // ---- CSV formula injection ----

    [Fact]
    public async Task a_register_name_that_is_a_formula_is_neutralised_in_the_published_csv_and_kept_in_json_and_html()
    {
        var registration = Registration() with { Items = Items() with { Name = "=1+2" } };
        (await Post("/api/files", JsonSerializer.Serialize(registration, LedgerJson.Options))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var csv = Csv.Parse(Encoding.UTF8.GetString(await _http.GetByteArrayAsync("/register/published.csv")).TrimStart('\uFEFF'));
        var cells = csv.SelectMany(r => r).ToList();
        cells.ShouldContain("'=1+2");
        cells.ShouldNotContain("=1+2");
        cells.Where(c => c.Length > 0 && "=+-@\t\r".Contains(c[0])).ShouldBeEmpty("no cell starts a formula");

        var published = await _http.GetFromJsonAsync<JsonElement>("/api/register/published", LedgerJson.Options);
        published.GetProperty("files").EnumerateArray().SelectMany(f => f.EnumerateObject()).Select(p => p.Value.ToString()).ShouldContain("=1+2");
        var html = WebUtility.HtmlDecode(await _http.GetStringAsync("/register/published.html"));
        html.ShouldContain(">=1+2<");
        html.ShouldNotContain("'=1+2");
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+81-47-351-1111", "'+81-47-351-1111")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-3", "-3")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("12", "12")]
    [InlineData("議会傍聴者名簿", "議会傍聴者名簿")]
    [InlineData("", "")]
    public void a_cell_that_would_start_a_formula_is_prefixed_and_a_number_is_kept(string cell, string written) =>
        AuditLedger.Host.Reports.CsvExport.Neutralise(cell).ShouldBe(written);

    // ---- the import ----

    private async Task<Host.Cli.CommandImporter> Importer() => new(fixture.Bus, fixture.Store, await fixture.User("S-TEST"), fixture.Clock, fixture.Services);

    private static string Line(object command, string name) =>
        "{\"command\":\"" + name + "\"," + JsonSerializer.Serialize(command, command.GetType(), LedgerJson.Options)[1..];

    [Fact]
    public async Task an_import_file_saved_as_shift_jis_is_refused_whole_and_appends_nothing()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var lines = string.Join("\n", Line(Registration(), "register-file"), Line(Registration(), "register-file"));
        var shiftJis = Encoding.GetEncoding(932).GetBytes(lines);
        var before = await _ledger.EventCount();
        var refusal = await Should.ThrowAsync<UnreadableInput>(async () => await (await Importer()).Import(new MemoryStream(shiftJis)));
        refusal.Code.ShouldBe(UnreadableInput.Encoding);
        refusal.Field.ShouldBe("line 1");
        refusal.ToDoJa.ShouldContain("CSV UTF-8");
        refusal.ToDoJa.ShouldContain("名前を付けて保存");
        ProblemMapping.ToProblem(refusal)!.Extensions["appended"].ShouldBe(0);
        (await _ledger.EventCount()).ShouldBe(before);

        // The same lines in UTF-8, with a byte order mark as Excel's "CSV UTF-8" writes it, are imported.
        var summary = await (await Importer()).Import(new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(lines)]));
        summary.Refused.ShouldBeEmpty();
        summary.Appended.ShouldBe(2);
    }

    [Fact]
    public async Task an_import_line_with_a_member_named_twice_or_an_unreadable_date_is_refused_with_its_code()
    {
        var good = RegistrationJson(b => b["occurredAt"] = "令和8年3月31日 16:00");
        var duplicate = "{\"command\":\"register-file\",\"staffId\":\"S-9999\"," + RegistrationJson(_ => { }).ToJsonString()[1..];
        var badDate = "{\"command\":\"register-file\"," + RegistrationJson(b => b["occurredAt"] = "令和8年2月30日").ToJsonString()[1..];
        var file = string.Join("\n", "{\"command\":\"register-file\"," + good.ToJsonString()[1..], duplicate, badDate, "{\"command\": 5}");
        var before = await _ledger.EventCount();
        var summary = await (await Importer()).Import(new MemoryStream(Encoding.UTF8.GetBytes(file)));
        summary.Appended.ShouldBe(1);
        summary.Refused.Select(r => (r.Line, r.Code)).ShouldBe([(2, UnreadableInput.DuplicateMember), (3, UnreadableInput.Date), (4, UnreadableInput.Unreadable)]);
        summary.Refused.ShouldAllBe(r => !r.Reason.Contains("System."));
        (await _ledger.EventCount()).ShouldBe(before + 1, "only the good line");
        (await OccurredAtOf(good["fileId"]!.GetValue<Guid>())).ShouldBe(new DateTimeOffset(2026, 3, 31, 16, 0, 0, Japan));
    }

    // ---- checkpoint and proof files ----

    /// <summary>
    /// An auditor's proof whose first <c>data</c> member was forged (a reader of the file sees the forgery, a last-wins
    /// parser checks the original): verify-proof exits 2 and never prints VALID. A checkpoint naming a member twice is
    /// refused by verify --against (exit 2) and over HTTP (400), and appends nothing.
    /// </summary>
    [Fact]
    public async Task a_proof_or_checkpoint_file_naming_a_member_twice_is_refused_and_never_valid()
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(InternalUse(record, 1));
        (await fixture.Sealer.SealAsync(everything: true, CancellationToken.None)).Detail.ShouldNotStartWith("refused");
        long sequence;
        await using (var session = fixture.Store.TenantQuerySession())
            sequence = (await session.Events.FetchStreamAsync(record))[0].Sequence;
        var proof = await _http.GetStringAsync($"/api/proofs/{sequence}");
        var checkpoint = await _http.GetStringAsync("/api/checkpoints/latest");
        var folder = Directory.CreateTempSubdirectory("auditledger-twice-").FullName;
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        try
        {
            var good = Path.Combine(folder, "proof.json");
            await File.WriteAllTextAsync(good, proof);
            var (status, output) = await ConsoleError(() => TrustCommandLine.RunOffline(["verify-proof", good, "--public-key", TestSigningKey.PublicFile]));
            status.ShouldBe(0, output);
            output.ShouldContain("VALID");

            proof.ShouldContain("\"data\":");
            var forged = Path.Combine(folder, "forged.json");
            await File.WriteAllTextAsync(forged, proof.Replace("\"data\":", "\"data\": \"{\\\"name\\\": \\\"偽造\\\"}\",\n    \"data\":", StringComparison.Ordinal));
            (status, output) = await ConsoleError(() => TrustCommandLine.RunOffline(["verify-proof", forged, "--public-key", TestSigningKey.PublicFile]));
            status.ShouldBe(2, output);
            output.ShouldNotContain("VALID");
            output.ShouldContain("2回以上");
            output.ShouldContain("more than once");

            var before = await _ledger.EventCount();
            var twice = checkpoint.Replace("\"treeSize\":", "\"treeSize\": 1, \"treeSize\":", StringComparison.Ordinal);
            twice.ShouldNotBe(checkpoint);
            var checkpointFile = Path.Combine(folder, "checkpoint.json");
            await File.WriteAllTextAsync(checkpointFile, twice);
            (status, output) = await ConsoleError(() => LedgerCommandLine.Run(["verify", "--against", checkpointFile]));
            status.ShouldBe(2, output);
            output.ShouldContain("more than once");
            var response = await _http.PostAsync("/api/verify/against", new StringContent(twice));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).ShouldContain("more than once");
            (await _ledger.EventCount()).ShouldBe(before);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // ---- the command line ----

    [Fact]
    public void a_command_line_option_takes_the_same_date_forms()
    {
        var occurredAt = typeof(RegisterFile).GetProperty(nameof(LedgerCommand.OccurredAt))!;
        var json = RegistrationJson(b => b.Remove("occurredAt")).ToJsonString();
        var command = CommandInput.Build(typeof(RegisterFile), json, new Dictionary<System.Reflection.PropertyInfo, string> { [occurredAt] = "Ｒ８．３．３１　１６：００" });
        command.OccurredAt.ShouldBe(new DateTimeOffset(2026, 3, 31, 16, 0, 0, Japan));
    }

    [Fact]
    public async Task the_command_line_refuses_unreadable_input_in_the_problem_shape_and_appends_nothing()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        var before = await _ledger.EventCount();
        var folder = Directory.CreateTempSubdirectory("auditledger-input-").FullName;
        // A write on the command line acts as a named user of the directory: the staff member the bodies name.
        var user = (await fixture.User("S-0001")).StaffId;
        try
        {
            var duplicate = "{\"staffId\":\"S-0001\"," + RegistrationJson(_ => { }).ToJsonString()[1..];
            var (status, output) = await ConsoleError(() => LedgerCommandLine.Run(["register-file", "--json", duplicate, "--as", user]));
            status.ShouldBe(2, output);
            output.ShouldContain($"code: {UnreadableInput.DuplicateMember}");
            output.ShouldContain("Nothing was appended.");

            (status, output) = await ConsoleError(() => LedgerCommandLine.Run(["register-file", "--json", RegistrationJson(_ => { }).ToJsonString(), "--occurred-at", "令和8年2月30日", "--as", user]));
            status.ShouldBe(2, output);
            output.ShouldContain($"code: {UnreadableInput.Date}");
            output.ShouldContain("$.occurredAt");
            output.ShouldNotContain("System.");

            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var sjis = Path.Combine(folder, "excel.jsonl");
            await File.WriteAllBytesAsync(sjis, Encoding.GetEncoding(932).GetBytes(Line(Registration(), "register-file")));
            (status, output) = await ConsoleError(() => LedgerCommandLine.Run(["import", sjis, "--as", user]));
            status.ShouldBe(2, output);
            output.ShouldContain($"code: {UnreadableInput.Encoding}");
            output.ShouldContain("UTF-8");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        (await _ledger.EventCount()).ShouldBe(before);
    }

    private static async Task<(int Status, string Output)> ConsoleError(Func<Task<int>> run)
    {
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var (status, output) = await ConsoleOutput.Capture(run);
            return (status, output + captured);
        }
        finally
        {
            Console.SetError(original);
        }
    }

    // ---- query strings ----

    [Theory]
    [InlineData("2026-11-20T16:00:00", 2026, 11, 20, 16)]
    [InlineData("２０２６-１１-２０T１６:００", 2026, 11, 20, 16)]
    [InlineData("R8.11.20 16:00", 2026, 11, 20, 16)]
    public void as_of_without_an_offset_is_japan_time(string given, int year, int month, int day, int hour) =>
        Host.Replay.ReplayInstant.Parse(given, "asOf", LedgerFixture.Today).ShouldBe(new DateTimeOffset(year, month, day, hour, 0, 0, Japan));

    [Theory]
    [InlineData("令和8年11月20日")]
    [InlineData("2026-11-20")]
    [InlineData("R8.11.20")]
    public void as_of_a_day_is_the_end_of_that_day_in_japan(string given) =>
        Host.Replay.ReplayInstant.Parse(given, "asOf", LedgerFixture.Today).ShouldBe(new DateTimeOffset(2026, 11, 21, 0, 0, 0, Japan).AddMicroseconds(-1));

    [Fact]
    public async Task an_unreadable_as_of_is_a_problem_with_japanese_and_english()
    {
        var response = await _http.GetAsync("/api/replay/deadlines?asOf=令和8年2月30日");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain("asOf");
        text.ShouldContain("存在しない日付");
    }
}
