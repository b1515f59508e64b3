namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using AuditLedger.Host.Cli;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using AuditLedger.Domain.Access;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Access by role over HTTP: every endpoint needs a valid token unless it is public on purpose, each role is refused
/// what it may not do with nothing appended, every read of personal data is recorded (and fails when it cannot be),
/// and a caller over the rate limit gets 429 with Retry-After.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class AccessTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>Every route a caller can reach: the API, and the register's pages and downloads.</summary>
    private IReadOnlyList<MappedRoute> Routes() => MappedRoute.Of(fixture.Services, "/api/", "/register/");

    private IReadOnlyList<string> ReadOnlyPosts() => [.. Routes().Where(r => r.Has<AppendsNothingAttribute>()).Select(r => r.Route)];

    private static string Fill(MappedRoute route) => route.With(Guid.NewGuid().ToString());

    private static Task<HttpResponseMessage> Send(HttpClient client, MappedRoute route) =>
        route.Method == "POST" ? client.PostAsync(Fill(route), new StringContent("{}", Encoding.UTF8, "application/json")) : client.GetAsync(Fill(route));

    [Fact]
    public async Task every_endpoint_needs_a_valid_token_unless_it_is_public_on_purpose()
    {
        var routes = Routes();
        routes.Where(r => r.Has<IAllowAnonymous>()).Select(r => r.Route).ShouldBe(
            ["/api/rules", "/api/register/published", "/register/published.csv", "/register/published.html", "/register/published.xlsx", "/api/annual-status/{year}",
             "/api/city/{municipality}/register/published", "/api/city/{municipality}/annual-status/{year}", "/api/city/{municipality}/notifications",
             // The 届出 list of each body's 事務 is published for the city's 情報公開コーナー (Nagareyama's overview, 個人情報取扱事務の届出).
             "/api/notifications"], ignoreOrder: true);
        var anonymous = fixture.ClientAs("nobody");
        var forged = fixture.CreateClient();
        var otherKey = new LedgerTokens(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]), TimeProvider.System);
        forged.DefaultRequestHeaders.Authorization = new("Bearer", otherKey.Issue("S-0001", [LedgerRoles.Staff], TimeSpan.FromHours(1)));
        var failures = new List<string>();
        foreach (var route in routes)
            foreach (var (name, client) in new[] { ("no token", anonymous), ("token signed with another key", forged) })
            {
                var status = (await Send(client, route)).StatusCode;
                if (route.Has<IAllowAnonymous>() ? status == HttpStatusCode.Unauthorized : status != HttpStatusCode.Unauthorized)
                    failures.Add($"{route.Method} {route.Route} with {name} → {(int)status}");
            }
        failures.ShouldBeEmpty();
        (await anonymous.GetAsync("/api/rules")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task auditors_and_the_review_board_are_refused_every_write_and_nothing_is_appended()
    {
        // One user per role: the directory gives each user one role, and a token for another is refused.
        var clients = new[] { LedgerRoles.Auditor, LedgerRoles.ReviewBoard, LedgerRoles.Administrator }
            .ToDictionary(role => role, role => fixture.ClientAs($"S-0900-{role}", role));
        var before = await _ledger.EventCount();
        var failures = new List<string>();
        foreach (var (role, client) in clients)
        {
            // The user directory is the administrators' own (tested in PrincipalTests); every other write is refused to them.
            foreach (var route in Routes().Where(r => r.Method == "POST" && !r.Has<AppendsNothingAttribute>()
                         && !(role == LedgerRoles.Administrator && r.Has<AdministratorsOnlyAttribute>())))
            {
                var response = await client.PostAsync(Fill(route), JsonContent.Create(Registration(), options: LedgerJson.Options));
                if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{role}: POST {route.Route} → {(int)response.StatusCode}");
            }
        }
        failures.ShouldBeEmpty();
        (await _ledger.EventCount()).ShouldBe(before);

        // Posting a checkpoint to verify against reads only: an auditor may (a malformed one is a 400, not a 403). The name
        // search is a POST so that the name stays out of the URL; it appends no command (each person found is a recorded read).
        ReadOnlyPosts().OrderBy(r => r, StringComparer.Ordinal).ShouldBe(["/api/records/name-search", "/api/verify/against"]);
        (await fixture.ClientAs("A-0003", LedgerRoles.Auditor).PostAsync("/api/verify/against", new StringContent("{}", Encoding.UTF8, "application/json")))
            .StatusCode.ShouldNotBe(HttpStatusCode.Forbidden);

        var refused = await fixture.ClientAs("S-0900-auditor", LedgerRoles.Auditor).PostAsync("/api/files", JsonContent.Create(Registration(), options: LedgerJson.Options));
        var problem = await refused.Content.ReadAsStringAsync();
        problem.ShouldContain("access.role");
        problem.ShouldContain("staff");
    }

    [Fact]
    public async Task an_auditor_reads_everything_and_the_review_board_only_what_is_marked_for_it()
    {
        var (file, record) = await _ledger.Record();
        var auditor = fixture.ClientAs("A-0001", LedgerRoles.Auditor);
        auditor.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, "定期監査");
        (await auditor.GetAsync($"/api/files/{file}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.GetAsync($"/api/streams/{record}/events")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.GetAsync("/api/deadlines")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var board = fixture.ClientAs("B-0001", LedgerRoles.ReviewBoard);
        foreach (var route in Routes().Where(r => r.Method == "GET" && !r.Has<IAllowAnonymous>() && !r.Has<ReviewBoardMayReadAttribute>()))
            (await board.GetAsync(Fill(route))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, route.Route);
    }

    [Fact]
    public async Task the_review_board_reads_the_timeline_of_a_case_referred_to_it_and_no_other()
    {
        var cases = new CaseDriver(_ledger);
        var referred = await cases.Verified();
        await cases.Decide(referred, Domain.Requests.CaseOutcome.NotDisclosed, CaseDriver.Day(2025, 6, 20));
        var review = await cases.Review(referred, Domain.Reviews.ReviewTarget.Decision, CaseDriver.Day(2025, 7, 1));
        await cases.ReviewStep(review, new Domain.Reviews.ConsultBoard { ConsultationReference = "諮問第21号" }, CaseDriver.Day(2025, 7, 8));
        var notReferred = await cases.Verified();

        var board = fixture.ClientAs("B-0002", LedgerRoles.ReviewBoard);
        (await board.GetAsync($"/api/cases/{referred}/timeline")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await board.GetAsync($"/api/cases/{notReferred}/timeline");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("access.not-referred");
        (await board.GetAsync($"/api/cases/{referred}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the timeline is the board's");

        // With names shown, the board member's read is recorded with the stated purpose.
        board.DefaultRequestHeaders.Remove(LedgerSecurity.PurposeHeader);
        board.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, Uri.EscapeDataString("審査会 第3回調査審議"));
        (await board.GetAsync($"/api/cases/{referred}/timeline?personalData=show")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var session = fixture.Store.TenantQuerySession();
        var read = (await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == referred).ToListAsync()).ShouldHaveSingleItem();
        read.ReaderRole.ShouldBe(LedgerRoles.ReviewBoard);
        read.Purpose.ShouldBe("審査会 第3回調査審議");
    }

    [Fact]
    public async Task reading_a_history_with_personal_data_is_recorded_with_who_whose_and_why_before_it_is_shown()
    {
        var (_, record) = await _ledger.Record();
        var subject = (await _ledger.Load<Domain.Records.RetainedRecord>(record))!.DataSubjectId;
        var auditor = fixture.ClientAs("A-0002", LedgerRoles.Auditor);
        auditor.DefaultRequestHeaders.Remove(LedgerSecurity.PurposeHeader);

        var unexplained = await auditor.GetAsync($"/api/streams/{record}/events");
        unexplained.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unexplained.Content.ReadAsStringAsync()).ShouldNotContain("花子");

        auditor.DefaultRequestHeaders.Add(LedgerSecurity.PurposeHeader, Uri.EscapeDataString("令和7年度 定期監査"));
        (await auditor.GetAsync($"/api/streams/{record}/events")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var session = fixture.Store.TenantQuerySession();
        var reads = await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == record).ToListAsync();
        var read = reads.ShouldHaveSingleItem();
        read.ReaderId.ShouldBe("A-0002");
        read.ReaderRole.ShouldBe(LedgerRoles.Auditor);
        read.Purpose.ShouldBe("令和7年度 定期監査");
        read.DataSubjectIds.ShouldBe([subject]);
        read.Context.Ground.Article.Japanese.ShouldBe("第9条");
    }

    /// <summary>A purpose of spaces (ASCII or 全角), an invisible character or a control character says nothing: 400, nothing shown, no read recorded; on the command line too.</summary>
    [Theory]
    [InlineData("%20")]
    [InlineData("%E3%80%80")]
    [InlineData("%E2%80%8B")]
    [InlineData("%00")]
    public async Task a_blank_or_invisible_purpose_is_no_purpose_and_nothing_is_shown_or_recorded(string header)
    {
        var (_, record) = await _ledger.Record();
        var auditor = fixture.ClientAs("A-0003", LedgerRoles.Auditor);
        auditor.DefaultRequestHeaders.Remove(LedgerSecurity.PurposeHeader);
        auditor.DefaultRequestHeaders.TryAddWithoutValidation(LedgerSecurity.PurposeHeader, header);

        var response = await auditor.GetAsync($"/api/streams/{record}/events");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("目的");
        var cli = Uri.UnescapeDataString(header);
        (await ConsoleOutput.Capture(() => LedgerCommandLine.Run(["history", record.ToString(), "--purpose", cli, "--as", "A-0003"]))).Status.ShouldBe(2);
        await using var session = fixture.Store.TenantQuerySession();
        (await session.Events.QueryRawEventDataOnly<PersonalDataRead>().Where(r => r.StreamId == record).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task when_the_read_cannot_be_recorded_the_personal_data_is_not_shown()
    {
        var (_, record) = await _ledger.Record();
        // A real fault in the database: the owner makes inserts of read records fail, for this stream only.
        await Owner($"""
            create or replace function auditledger.test_refuse_read_record() returns trigger language plpgsql as $$
            begin raise exception 'disk full (simulated)'; end $$;
            create trigger test_refuse_read_record before insert on auditledger.mt_events for each row
              when (new.type = 'personal_data_read' and new.data->>'StreamId' = '{record}') execute function auditledger.test_refuse_read_record();
            """);
        try
        {
            var response = await fixture.CreateClient().GetAsync($"/api/streams/{record}/events");
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldContain("access.read-not-recorded");
            body.ShouldNotContain("\"events\"");
        }
        finally
        {
            await Owner("drop trigger test_refuse_read_record on auditledger.mt_events; drop function auditledger.test_refuse_read_record();");
        }
    }

    [Fact]
    public async Task a_token_issued_on_the_command_line_is_accepted_until_it_expires_and_an_unknown_role_is_refused()
    {
        Environment.SetEnvironmentVariable("AuditLedger__TokenSigningKey", LedgerFixture.SigningKey);
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        // Only users of the directory get a token, and only for the role it gives them.
        (await TokenCommandLine.Run(["--user", "S-0042-UNKNOWN", "--role", "staff"])).ShouldBe(2);
        await fixture.User("S-0042");
        var (status, output) = await ConsoleOutput.Capture(() => TokenCommandLine.Run(["--user", "S-0042", "--role", "staff", "--hours", "1"]));
        status.ShouldBe(0);
        (await TokenCommandLine.Run(["--user", "S-0042", "--role", "mayor"])).ShouldBe(2);
        (await TokenCommandLine.Run(["--user", "S-0042", "--role", "auditor"])).ShouldBe(2, "the directory gives S-0042 the role staff");

        // The command line issues by the system clock; the service checks against the tests' clock, so set it to now.
        fixture.Clock.Set(TimeProvider.System.GetUtcNow());
        try
        {
            var client = fixture.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", output.Trim());
            (await client.GetAsync("/api/deadlines")).StatusCode.ShouldBe(HttpStatusCode.OK);
            fixture.Clock.Advance(TimeSpan.FromHours(2));
            (await client.GetAsync("/api/deadlines")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token was issued for one hour");
        }
        finally
        {
            fixture.Clock.Set(LedgerFixture.Today);
        }
    }

    [Fact]
    public async Task a_caller_over_the_rate_limit_is_refused_with_429_and_retry_after()
    {
        await using var limited = fixture.WithWebHostBuilder(b => b.UseSetting(LedgerSecurity.RateLimitSetting, "3"));
        var client = limited.CreateClient();
        await fixture.User("S-0077");
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token("S-0077", LedgerRoles.Staff));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++) statuses.Add((last = await client.GetAsync("/api/rules")).StatusCode);
        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        last.Headers.RetryAfter.ShouldNotBeNull();
        (await last.Content.ReadAsStringAsync()).ShouldContain("access.rate-limited");
    }

    private static async Task Owner(string sql)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
