namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Who acts, over HTTP and the command line, on the real store: the actor of every event is the authenticated principal
/// (id, role, and name and title from the user directory); a body naming someone else is refused unless it is a late entry
/// or an import line, which keep both; disabled users and users not in the directory are refused; the directory is the
/// administrators'; the command line acts as a named user. And "one instant, stored once": an event's stored timestamp is its recording time.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class PrincipalTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static JsonContent Body<T>(T command) => JsonContent.Create(command, options: LedgerJson.Options);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<EventContext> ContextOf(Guid streamId, int version = 1)
    {
        await using var session = fixture.Store.TenantQuerySession();
        var events = await session.Events.FetchStreamAsync(streamId);
        return ((ILedgerEvent)events[version - 1].Data).Context;
    }

    [Fact]
    public async Task a_staff_token_cannot_record_as_anyone_else_422_with_code_article_and_both_languages_and_nothing_appended()
    {
        var me = NewId("S");
        var client = fixture.ClientAs(me, LedgerRoles.Staff);
        var before = await _ledger.EventCount();

        var response = await client.PostAsync("/api/files", Body(Registration() with { StaffId = "S-9999" }));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await Json(response);
        problem.GetProperty("code").GetString().ShouldBe("actor.not-the-principal");
        problem.GetProperty("article").GetString().ShouldBe("第9条");
        problem.GetProperty("messageJa").GetString()!.ShouldContain("他の職員として記録することはできません");
        problem.GetProperty("messageEn").GetString()!.ShouldContain("no one may record as someone else");
        problem.GetProperty("detail").GetString()!.ShouldContain(me);
        problem.GetProperty("appended").GetInt32().ShouldBe(0);
        (await _ledger.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_events_context_names_the_principal_with_role_name_and_title_from_the_directory()
    {
        var me = NewId("S");
        await fixture.User(me, LedgerRoles.Staff, name: "猫実 一郎", title: "議会事務局 議事課 主査");
        var client = fixture.ClientAs(me, LedgerRoles.Staff);

        // Without a staff id, and with the principal's own: both are the principal's actions; the stated title is not used.
        var unnamed = Registration() with { StaffId = "", StaffRole = "" };
        (await client.PostAsync("/api/files", Body(unnamed))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var own = Registration() with { StaffId = me, StaffRole = "自称 課長" };
        (await client.PostAsync("/api/files", Body(own))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The principal is not a field the caller can fill in: a body carrying one is read without it.
        var forged = JsonSerializer.SerializeToNode(Registration() with { StaffId = "" }, LedgerJson.Options)!.AsObject();
        forged["recording"] = JsonNode.Parse("""{"recordedBy": {"staffId": "S-9999", "role": "administrator", "name": "偽 名"}}""");
        forged["Recording"] = forged["recording"]!.DeepClone();
        var forgedResponse = await client.PostAsync("/api/files", new StringContent(forged.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        forgedResponse.StatusCode.ShouldBe(HttpStatusCode.Created, await forgedResponse.Content.ReadAsStringAsync());

        var expected = new Actor(me, LedgerRoles.Staff) { Name = "猫実 一郎", Title = "議会事務局 議事課 主査" };
        foreach (var id in new[] { unnamed.FileId!.Value, own.FileId!.Value, forged["fileId"]!.GetValue<Guid>() })
        {
            var context = await ContextOf(id);
            context.Actor.ShouldBe(expected);
            context.RecordedBy.ShouldBe(expected);
            context.ActedByStatement.ShouldBeNull();
        }
    }

    [Fact]
    public async Task a_late_entry_keeps_the_colleague_as_actor_and_the_principal_as_recorder_in_history_timeline_replay_and_register()
    {
        var recorder = NewId("S");
        var colleague = NewId("S");
        await fixture.User(recorder, name: "堀江 千尋", title: "議会事務局 総務課 主事");
        await fixture.User(colleague, name: "舞浜 悠斗", title: "議会事務局 議事課 主査");
        var client = fixture.ClientAs(recorder, LedgerRoles.Staff);
        const string statement = "窓口受付簿（令和7年6月2日）からの転記";

        // A file registered on paper by the colleague, entered later by the recorder.
        var registration = Registration() with { StaffId = colleague, LateEntry = new LateEntry(statement) };
        (await client.PostAsync("/api/files", Body(registration))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var fileId = registration.FileId!.Value;
        var context = await ContextOf(fileId);
        context.Actor.ShouldBe(new Actor(colleague, LedgerRoles.Staff) { Name = "舞浜 悠斗", Title = "議会事務局 議事課 主査" });
        context.RecordedBy!.StaffId.ShouldBe(recorder);
        context.RecordedBy.Name.ShouldBe("堀江 千尋");
        context.ActedByStatement.ShouldBe($"後日入力 / late entry: {statement}");

        // Stream history: both, as stored.
        var history = await Json(await client.GetAsync($"/api/streams/{fileId}/events"));
        var stored = history.GetProperty("events")[0].GetProperty("data").GetProperty("context");
        stored.GetProperty("actor").GetProperty("staffId").GetString().ShouldBe(colleague);
        stored.GetProperty("recordedBy").GetProperty("staffId").GetString().ShouldBe(recorder);
        stored.GetProperty("actedByStatement").GetString()!.ShouldContain(statement);

        // Register amendment history (internal register) and the auditors' replay of the file: both.
        var entry = await Json(await client.GetAsync($"/api/register/files/{fileId}"));
        var by = entry.GetProperty("history")[0].GetProperty("by");
        (by.GetProperty("actor").GetProperty("staffId").GetString(), by.GetProperty("recordedBy").GetProperty("staffId").GetString()).ShouldBe((colleague, recorder));
        // The internal register's CSV (and its printable page, from the same table) names both on the file's row.
        var internalCsv = await client.GetStringAsync("/api/register?format=csv");
        var row = internalCsv.Split("\r\n").Single(line => line.Contains(fileId.ToString()));
        row.ShouldContain($"{colleague} 舞浜 悠斗");
        row.ShouldContain($"{recorder} 堀江 千尋");
        row.ShouldContain(statement);
        var asOf = Uri.EscapeDataString(fixture.Clock.GetUtcNow().ToString("O"));
        var replay = await client.GetAsync($"/api/replay/files/{fileId}?asOf={asOf}");
        replay.StatusCode.ShouldBe(HttpStatusCode.OK, await replay.Content.ReadAsStringAsync());
        var replayed = (await Json(replay)).GetProperty("documents").GetProperty("FileRegisterEntry").GetProperty("history")[0].GetProperty("by");
        (replayed.GetProperty("actor").GetProperty("staffId").GetString(), replayed.GetProperty("recordedBy").GetProperty("staffId").GetString()).ShouldBe((colleague, recorder));

        // The review board's timeline of a case (JSON, CSV, HTML): a step entered late shows both.
        var cases = new CaseDriver(_ledger);
        var caseId = await cases.Open(Request());
        var check = await cases.Next(caseId, new Domain.Requests.VerifyRequesterIdentity { IdentityDocument = "運転免許証" }, Received) with
        {
            StaffId = colleague, LateEntry = new LateEntry(statement),
        };
        (await client.PostAsync($"/api/cases/{caseId}/identity-checks", Body(check))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var timeline = await Json(await client.GetAsync($"/api/cases/{caseId}/timeline"));
        var step = timeline.GetProperty("timeline").GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("eventType").GetString() == "requester_identity_verified");
        step.GetProperty("staffId").GetString().ShouldBe(colleague);
        step.GetProperty("actedBy").GetProperty("name").GetString().ShouldBe("舞浜 悠斗");
        step.GetProperty("recordedBy").GetProperty("staffId").GetString().ShouldBe(recorder);
        step.GetProperty("actedByStatement").GetString()!.ShouldContain(statement);
        var csv = await client.GetStringAsync($"/api/cases/{caseId}/timeline?format=csv");
        csv.ShouldContain($"{colleague} 舞浜 悠斗（議会事務局 議事課 主査）");
        csv.ShouldContain($"{recorder} 堀江 千尋（議会事務局 総務課 主事）");
        var html = await client.GetStringAsync($"/api/cases/{caseId}/timeline?format=html");
        html.ShouldContain("記録した職員");
        html.ShouldContain("堀江 千尋");
        html.ShouldContain("舞浜 悠斗");
    }

    [Fact]
    public async Task an_import_line_keeps_its_stated_staff_as_actor_and_records_the_importer()
    {
        var importer = await fixture.User(NewId("S"), name: "入船 恵", title: "議会事務局 総務課 主査");
        var colleague = await fixture.User(NewId("S"), name: "当代島 律", title: "議会事務局 議事課 主事");
        var registration = Registration() with { StaffId = colleague.StaffId };
        var former = Registration() with { StaffId = "S-1990", StaffRole = "議会事務局 議事課長（当時）" };
        var file = string.Join("\n", new[] { registration, former }.Select(r =>
        {
            var line = JsonSerializer.SerializeToNode(r, LedgerJson.Options)!.AsObject();
            line["command"] = "register-file";
            return line.ToJsonString(LedgerJson.Options);
        })) + "\n";

        var summary = await new CommandImporter(fixture.Bus, fixture.Store, importer, services: fixture.Services).Import(new StringReader(file));

        summary.Refused.ShouldBeEmpty();
        var known = await ContextOf(registration.FileId!.Value);
        known.Actor.ShouldBe(colleague);
        known.RecordedBy.ShouldBe(importer);
        known.ActedByStatement!.ShouldStartWith("一括取込 / import: import-");
        known.ActedByStatement.ShouldEndWith(":1");
        var notInDirectory = await ContextOf(former.FileId!.Value);
        notInDirectory.Actor.ShouldBe(new Actor("S-1990", "") { Title = "議会事務局 議事課長（当時）" });
        notInDirectory.RecordedBy.ShouldBe(importer);
    }

    [Fact]
    public async Task a_disabled_user_or_one_not_in_the_directory_is_refused_403_even_with_a_valid_token_and_nothing_is_appended()
    {
        var leaving = NewId("S");
        var client = fixture.ClientAs(leaving, LedgerRoles.Staff);
        (await client.PostAsync("/api/files", Body(Registration() with { StaffId = "" }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var admin = fixture.ClientAs(LedgerFixture.Administrator, LedgerRoles.Administrator);
        var disabled = await admin.PostAsync($"/api/users/{leaving}/disable", Body(new DisableUser { Reason = "人事異動（市長部局へ）" }));
        disabled.StatusCode.ShouldBe(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());

        var before = await _ledger.EventCount();
        var refused = await client.PostAsync("/api/files", Body(Registration() with { StaffId = "" }));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await Json(refused);
        problem.GetProperty("code").GetString().ShouldBe("access.user-disabled");
        problem.GetProperty("title").GetString()!.ShouldContain("利用停止");
        problem.GetProperty("detail").GetString()!.ShouldContain("disabled");
        (await client.GetAsync("/api/deadlines")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a disabled user reads nothing either");

        var stranger = fixture.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token(NewId("S-NOT-IN-DIRECTORY"), LedgerRoles.Staff));
        var unknown = await stranger.PostAsync("/api/files", Body(Registration() with { StaffId = "" }));
        unknown.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(unknown)).GetProperty("code").GetString().ShouldBe("access.user-not-in-directory");

        var otherRole = fixture.CreateClient();
        otherRole.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token("S-TEST", LedgerRoles.Administrator));
        var wrongRole = await otherRole.GetAsync("/api/users");
        wrongRole.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(wrongRole)).GetProperty("code").GetString().ShouldBe("access.role-not-in-directory");
        (await _ledger.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_user_directory_is_the_administrators_and_records_who_added_whom()
    {
        var staff = fixture.CreateClient();
        var auditor = fixture.ClientAs(NewId("A"), LedgerRoles.Auditor);
        var before = await _ledger.EventCount();
        var newcomer = new AddUser { UserId = NewId("S"), DisplayName = "日の出 葵", Title = "議会事務局 総務課 主事", Role = LedgerRoles.Staff };
        foreach (var response in new[]
                 {
                     await staff.GetAsync("/api/users"), await staff.GetAsync("/api/users/S-TEST"),
                     await staff.PostAsync("/api/users", Body(newcomer)), await staff.PostAsync("/api/users/S-TEST/disable", Body(new DisableUser { Reason = "試験" })),
                     await auditor.GetAsync("/api/users"),
                 })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await Json(response)).GetProperty("code").GetString().ShouldBe("access.role");
        }
        (await _ledger.EventCount()).ShouldBe(before);

        var admin = fixture.ClientAs(LedgerFixture.Administrator, LedgerRoles.Administrator);
        var added = await admin.PostAsync("/api/users", Body(newcomer));
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{newcomer.UserId}");
        (user.GetProperty("displayName").GetString(), user.GetProperty("enabled").GetBoolean(), user.GetProperty("addedBy").GetString())
            .ShouldBe(("日の出 葵", true, LedgerFixture.Administrator));
        (await admin.GetFromJsonAsync<JsonElement>("/api/users")).EnumerateArray().ShouldContain(u => u.GetProperty("userId").GetString() == newcomer.UserId);
        var again = await admin.PostAsync("/api/users", Body(newcomer));
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Json(again)).GetProperty("code").GetString().ShouldBe("directory.user-exists");
        (await admin.PostAsync("/api/users", Body(newcomer with { UserId = NewId("S"), Role = "mayor" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The new user acts with a token at once; their events carry the name and title the administrator entered.
        var theirs = Registration() with { StaffId = "" };
        (await fixture.ClientAs(newcomer.UserId, LedgerRoles.Staff).PostAsync("/api/files", Body(theirs))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ContextOf(theirs.FileId!.Value)).Actor.Name.ShouldBe("日の出 葵");
    }

    [Fact]
    public async Task the_command_line_acts_as_a_named_user_never_as_nobody()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, null);
        var operatorUser = await fixture.User(NewId("S"), name: "富士見 和子", title: "議会事務局 総務課 主査");
        var registration = Registration() with { StaffId = "" };
        string[] Args(params string[] more) =>
            ["register-file", "--json", JsonSerializer.Serialize(registration, LedgerJson.Options), .. more];
        var before = await _ledger.EventCount();

        (await LedgerCommandLine.Run(Args())).ShouldBe(2, "without AUDITLEDGER_TOKEN or --as, a write is refused");
        (await LedgerCommandLine.Run(Args("--as", NewId("S-UNKNOWN")))).ShouldBe(2, "--as names a user of the directory");
        (await LedgerCommandLine.Run(["import", "/nonexistent.jsonl"])).ShouldBe(2);
        (await _ledger.EventCount()).ShouldBe(before);

        (await LedgerCommandLine.Run(Args("--as", operatorUser.StaffId))).ShouldBe(0);
        var context = await ContextOf(registration.FileId!.Value);
        context.Actor.StaffId.ShouldBe(operatorUser.StaffId);
        context.Actor.Name.ShouldBe("富士見 和子");
        context.RecordedBy!.Via!.ShouldContain("--as, stated by the operator");

        // A token in AUDITLEDGER_TOKEN is checked like an HTTP caller's.
        var second = Registration() with { StaffId = "" };
        Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, fixture.Token(operatorUser.StaffId, LedgerRoles.Staff));
        Environment.SetEnvironmentVariable("AuditLedger__TokenSigningKey", LedgerFixture.SigningKey);
        try
        {
            fixture.Clock.Set(TimeProvider.System.GetUtcNow());
            (await LedgerCommandLine.Run(["register-file", "--json", JsonSerializer.Serialize(second, LedgerJson.Options)])).ShouldBe(0);
        }
        finally
        {
            Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, null);
            fixture.Clock.Set(LedgerFixture.Today);
        }
        var byToken = await ContextOf(second.FileId!.Value);
        byToken.RecordedBy!.StaffId.ShouldBe(operatorUser.StaffId);
        byToken.RecordedBy.Via.ShouldBeNull();

        // The import records the importer (--as) and keeps each line's staff as who acted.
        var colleague = await fixture.User(NewId("S"), name: "北栄 誠", title: "議会事務局 議事課 主事");
        var line = JsonSerializer.SerializeToNode(Registration() with { StaffId = colleague.StaffId }, LedgerJson.Options)!.AsObject();
        line["command"] = "register-file";
        var file = Path.Combine(Path.GetTempPath(), $"auditledger-import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, line.ToJsonString(LedgerJson.Options) + "\n");
        try
        {
            (await LedgerCommandLine.Run(["import", file])).ShouldBe(2, "an import without a user is refused");
            (await LedgerCommandLine.Run(["import", file, "--as", operatorUser.StaffId])).ShouldBe(0);
        }
        finally
        {
            File.Delete(file);
        }
        var imported = await ContextOf(line["fileId"]!.GetValue<Guid>());
        (imported.Actor.StaffId, imported.Actor.Name, imported.RecordedBy!.StaffId).ShouldBe((colleague.StaffId, "北栄 誠", operatorUser.StaffId));

        // A read of personal data on the command line is recorded as the named user.
        var (_, record) = await _ledger.Record();
        var (read, _) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["history", record.ToString(), "--purpose", "開示請求への対応", "--as", operatorUser.StaffId]));
        read.ShouldBe(0);
        await using (var session = fixture.Store.TenantQuerySession())
        {
            var reads = await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == record).ToListAsync();
            var recorded = reads.ShouldHaveSingleItem();
            (recorded.ReaderId, recorded.Context.Actor.Name).ShouldBe((operatorUser.StaffId, "富士見 和子"));
        }

        // The directory on the command line: an administrator adds, lists and disables, staff may not.
        var newcomer = NewId("S");
        var eventsBefore = await _ledger.EventCount();
        var (staffAdds, staffAddsError) = await ConsoleOutput.CaptureError(() => LedgerCommandLine.Run(
            ["users", "add", "--id", newcomer, "--name", "美浜 翼", "--title", "議会事務局 総務課 主事", "--role", "staff", "--as", operatorUser.StaffId]));
        staffAdds.ShouldBe(2, "a member of staff may not add users: the role is refused as over HTTP (403 access.role)");
        staffAddsError.ShouldContain(LedgerRoles.Administrator);
        staffAddsError.ShouldContain("Nothing was appended");
        (await _ledger.EventCount()).ShouldBe(eventsBefore);
        (await LedgerCommandLine.Run(["users", "list", "--json", "--as", operatorUser.StaffId])).ShouldBe(2, "the directory is read by administrators alone");
        (await LedgerCommandLine.Run(["users", "add", "--id", newcomer, "--name", "美浜 翼", "--title", "議会事務局 総務課 主事", "--role", "staff", "--as", LedgerFixture.Administrator]))
            .ShouldBe(0);
        var (listed, list) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["users", "list", "--json", "--as", LedgerFixture.Administrator]));
        listed.ShouldBe(0);
        list.ShouldContain("美浜 翼");
        (await LedgerCommandLine.Run(["users", "disable", newcomer, "--reason", "退職", "--as", LedgerFixture.Administrator])).ShouldBe(0);
        (await LedgerCommandLine.Run(Args("--as", newcomer))).ShouldBe(2, "a disabled user is refused");
    }

    [Fact]
    public async Task the_command_line_applies_the_roles_http_requires()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, null);
        var clerk = await fixture.User(NewId("S"), name: "富士見 和子");
        var auditor = await fixture.User(NewId("A"), LedgerRoles.Auditor, name: "監査 一郎", title: "監査委員事務局 主査");
        var board = await fixture.User(NewId("B"), LedgerRoles.ReviewBoard, name: "審査 花子", title: "個人情報保護審査会 委員");
        string[] Register(params string[] more) =>
            ["register-file", "--json", JsonSerializer.Serialize(Registration() with { StaffId = "" }, LedgerJson.Options), .. more];

        // An auditor writes nothing: --as or a token, exit 2 naming the role needed, and nothing appended.
        var before = await _ledger.EventCount();
        var (byAuditor, refusal) = await ConsoleOutput.CaptureError(() => LedgerCommandLine.Run(Register("--as", auditor.StaffId)));
        byAuditor.ShouldBe(2, "an auditor may not write (HTTP: 403 access.role)");
        refusal.ShouldContain(LedgerRoles.Staff);
        refusal.ShouldContain("権限");
        refusal.ShouldContain("Nothing was appended");
        Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, fixture.Token(auditor.StaffId, LedgerRoles.Auditor));
        Environment.SetEnvironmentVariable("AuditLedger__TokenSigningKey", LedgerFixture.SigningKey);
        try
        {
            fixture.Clock.Set(TimeProvider.System.GetUtcNow());
            (await LedgerCommandLine.Run(Register())).ShouldBe(2, "an auditor's token may not write either");
        }
        finally
        {
            Environment.SetEnvironmentVariable(UserAdministration.TokenVariable, null);
            fixture.Clock.Set(LedgerFixture.Today);
        }
        (await LedgerCommandLine.Run(Register("--as", board.StaffId))).ShouldBe(2, "nor may the review board");
        (await _ledger.EventCount()).ShouldBe(before);
        (await LedgerCommandLine.Run(Register("--as", clerk.StaffId))).ShouldBe(0, "staff write");
        (await _ledger.EventCount()).ShouldBeGreaterThan(before);

        // Reading personal data: a named user whose role reads; the review board reads only referred timelines, nobody nothing.
        var (_, record) = await _ledger.Record();
        async Task<int> Reads()
        {
            await using var session = fixture.Store.TenantQuerySession();
            return await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == record).CountAsync();
        }
        var (byBoard, boardRefusal) = await ConsoleOutput.CaptureError(() => LedgerCommandLine.Run(["history", record.ToString(), "--purpose", "確認", "--as", board.StaffId]));
        byBoard.ShouldBe(2, "the review board may not read a stream's history (HTTP: 403)");
        boardRefusal.ShouldContain("Nothing was read or shown");
        var (byNobody, nobodyRefusal) = await ConsoleOutput.CaptureError(() => LedgerCommandLine.Run(["history", record.ToString(), "--purpose", "確認"]));
        byNobody.ShouldBe(2, "a read of personal data is recorded as a named user, never as nobody");
        nobodyRefusal.ShouldContain("誰として");
        nobodyRefusal.ShouldContain("No user to record as");
        var asOf = TimeProvider.System.GetUtcNow().ToString("O");
        string[] Diff(params string[] more) => ["replay", "diff", record.ToString(), "--from", "2026-01-01T00:00:00+09:00", "--to", asOf, "--purpose", "確認", .. more];
        (await LedgerCommandLine.Run(Diff())).ShouldBe(2, "a replay that shows personal data (the events between two instants) needs a user too");
        (await LedgerCommandLine.Run(Diff("--as", board.StaffId))).ShouldBe(2);
        (await Reads()).ShouldBe(0, "no read was recorded, because nothing was shown");

        var (byAuditorRead, shown) = await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["history", record.ToString(), "--purpose", "監査", "--as", auditor.StaffId]));
        byAuditorRead.ShouldBe(0, "auditors read, as over HTTP");
        shown.ShouldContain(record.ToString());
        (await LedgerCommandLine.Run(["history", record.ToString(), "--purpose", "開示請求への対応", "--as", clerk.StaffId])).ShouldBe(0);
        (await LedgerCommandLine.Run(Diff("--as", auditor.StaffId))).ShouldBe(0);
        await using (var session = fixture.Store.TenantQuerySession())
        {
            var reads = await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == record).ToListAsync();
            reads.Select(r => (r.ReaderId, r.ReaderRole, r.Channel)).OrderBy(r => r.Channel).ThenBy(r => r.ReaderId).ShouldBe(new[]
            {
                (auditor.StaffId, LedgerRoles.Auditor, "scripts/auditledger history"),
                (clerk.StaffId, LedgerRoles.Staff, "scripts/auditledger history"),
                (auditor.StaffId, LedgerRoles.Auditor, "scripts/auditledger replay diff"),
            }.OrderBy(r => r.Item3).ThenBy(r => r.Item1));
        }

        // The directory is for administrators: a member of staff may not add a user; an administrator may.
        var newcomer = NewId("S");
        string[] Add(string asUser) => ["users", "add", "--id", newcomer, "--name", "美浜 翼", "--title", "議会事務局 総務課 主事", "--role", "staff", "--as", asUser];
        before = await _ledger.EventCount();
        (await LedgerCommandLine.Run(Add(clerk.StaffId))).ShouldBe(2);
        (await LedgerCommandLine.Run(Add(auditor.StaffId))).ShouldBe(2);
        (await LedgerCommandLine.Run(["users", "disable", clerk.StaffId, "--reason", "退職", "--as", clerk.StaffId])).ShouldBe(2);
        (await _ledger.EventCount()).ShouldBe(before);
        (await LedgerCommandLine.Run(Add(LedgerFixture.Administrator))).ShouldBe(0);
    }

    [Fact]
    public async Task an_events_stored_timestamp_is_its_recorded_at_so_a_replay_as_of_its_own_recorded_at_includes_it()
    {
        // A clock that moves on its own, as in production: Marten stamped events again at commit, a little later.
        await using var live = fixture.WithWebHostBuilder(b => b.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(TimeProvider.System);
        }));
        var bus = live.Services.GetRequiredService<Wolverine.IMessageBus>();
        var registration = await fixture.AsItsStaff(Registration() with { OccurredAt = null });
        await bus.InvokeForTenantAsync<Host.Ledger.AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), registration);
        var acquisition = await fixture.AsItsStaff(Acquisition(registration.FileId!.Value) with { OccurredAt = null });
        await bus.InvokeForTenantAsync<Host.Ledger.AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), acquisition);
        // An append on an existing stream too (FetchForWriting, then Marten's quick append): its own path, its own timestamps.
        await bus.InvokeForTenantAsync<Host.Ledger.AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await fixture.AsItsStaff(InternalUse(acquisition.RecordId!.Value, 1) with { OccurredAt = null }));

        var client = live.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token("S-TEST", LedgerRoles.Staff));
        foreach (var id in new[] { registration.FileId.Value, acquisition.RecordId!.Value })
        {
            await using var session = fixture.Store.TenantQuerySession();
            foreach (var stored in await session.Events.FetchStreamAsync(id))
            {
                var recordedAt = ((ILedgerEvent)stored.Data).Context.RecordedAt;
                stored.Timestamp.ShouldBe(recordedAt, "one instant, stored once");
                var replay = await client.GetAsync($"/api/replay/streams/{id}?asOf={Uri.EscapeDataString(recordedAt.ToString("O"))}");
                replay.StatusCode.ShouldBe(HttpStatusCode.OK, await replay.Content.ReadAsStringAsync());
                (await Json(replay)).GetProperty("version").GetInt64().ShouldBe(stored.Version);
            }
        }
    }
}
