namespace AuditLedger.Host.Cli;

using System.CommandLine;
using System.Text.Json;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Replay;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Access;

/// <summary>
/// <c>replay</c>: what the ledger showed at a past instant, from the events alone (the same as GET /api/replay/...).
/// Instants (read by <see cref="Replay.ReplayInstant"/>): ISO 8601 with an offset (2025-10-01T00:00:00+09:00), a time
/// without one (Japan time), or a day in any form a clerk writes (2025-10-01, 令和7年10月1日, R7.10.1: the end of that day in
/// Japan), in recorded time. Exit status: 2 an instant not understood or after now, 4 an id unknown or not recorded yet at the instant.
/// </summary>
public static class ReplayCommandLine
{
    public static void AddTo(RootCommand root)
    {
        var replay = new Command("replay", "監査用の再現：過去の時点で台帳が示していた内容 / what the ledger showed at a past instant, from the events alone");
        foreach (var (name, kind, what) in new (string, string?, string)[]
        {
            ("record", "records", "a retained record (保有個人情報) and its provision recipients"),
            ("file", "files", "a personal information file and its register row"),
            ("case", "cases", "a request case and its deadline view"),
            ("review", "reviews", "a review case (審査請求)"),
            ("incident", "incidents", "a leak incident and its report"),
            ("stream", null, "any stream: every document kept for it"),
        })
            replay.Subcommands.Add(StreamCommand(name, kind, what));
        replay.Subcommands.Add(Register());
        replay.Subcommands.Add(Deadlines());
        replay.Subcommands.Add(Diff());
        root.Subcommands.Add(replay);
    }

    private static Option<string> AsOf() => new("--as-of")
    {
        Description = "the instant: 2025-10-01T09:00 (Japan time unless an offset is given), or a day: 2025-10-01, 令和7年10月1日, R7.10.1 (the end of that day in Japan)",
        Required = true,
    };

    private static Command StreamCommand(string name, string? kind, string what)
    {
        var id = new Argument<Guid>("id") { Description = "the stream's id" };
        var asOf = AsOf();
        var purpose = Purpose();
        var command = new Command(name, $"{what}, as of an instant, as JSON") { id, asOf, purpose };
        command.SetAction((parse, ct) => WithReplay(async replay =>
            await replay.Stream(parse.GetValue(id), replay.Instant(parse.GetValue(asOf)), kind, ct),
            new ShownRead(parse.GetValue(id), parse.GetValue(purpose), $"scripts/auditledger replay {name}", parse.GetValue(UserAdministration.As)), ct));
        return command;
    }

    private static Command Register()
    {
        var asOf = AsOf();
        var published = new Option<bool>("--published") { Description = "the published register (exempt files left out, withheld items blank)" };
        var format = new Option<string>("--format") { Description = "json (default), csv, html or xlsx (give --out)" };
        var output = new Option<FileInfo>("--out") { Description = "write to this file instead of standard output" };
        var command = new Command("register", "個人情報ファイル簿 as of an instant") { asOf, published, format, output };
        command.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            using var scope = services.CreateScope();
            var replay = scope.ServiceProvider.GetRequiredService<LedgerReplay>();
            var reportFormat = ReportFormats.Parse(parse.GetValue(format));
            var report = await replay.Register(replay.Instant(parse.GetValue(asOf)), parse.GetValue(published), reportFormat, ct);
            await ReportCommandLine.Write(report.Body, parse.GetValue(output), ct);
            return 0;
        }));
        return command;
    }

    private static Command Deadlines()
    {
        var asOf = AsOf();
        var caseId = new Option<Guid?>("--case") { Description = "one case: its clocks and how their dates had moved" };
        var filter = new Option<string>("--filter") { Description = "open (default), overdue, this-week or within" };
        var within = new Option<int?>("--within") { Description = "with --filter within: clocks due within N days of that day" };
        var command = new Command("deadlines", "期限管理 as it read on the day of an instant, as JSON") { asOf, caseId, filter, within };
        command.SetAction((parse, ct) => WithReplay(async replay =>
        {
            var instant = replay.Instant(parse.GetValue(asOf));
            return parse.GetValue(caseId) is { } id
                ? await replay.CaseDeadlines(id, instant, ct)
                : await replay.Deadlines(instant, DeadlineFilters.Parse(parse.GetValue(filter), parse.GetValue(within)),
                    parse.GetValue(within) ?? DeadlineQueries.DueSoonDays, ct);
        }));
        return command;
    }

    private static Command Diff()
    {
        var id = new Argument<Guid>("id") { Description = "the stream's id" };
        var from = new Option<string>("--from") { Description = "the earlier instant", Required = true };
        var to = new Option<string>("--to") { Description = "the later instant", Required = true };
        var purpose = Purpose();
        var command = new Command("diff", "二時点間の差分 / the events recorded between two instants and the fields they changed, as JSON") { id, from, to, purpose };
        command.SetAction((parse, ct) => WithReplay(async replay =>
            await replay.Diff(parse.GetValue(id), replay.Instant(parse.GetValue(from), "from"), replay.Instant(parse.GetValue(to), "to"), ct),
            new ShownRead(parse.GetValue(id), parse.GetValue(purpose), "scripts/auditledger replay diff", parse.GetValue(UserAdministration.As)), ct));
        return command;
    }

    private static Option<string> Purpose() => new("--purpose")
    {
        Description = "why you read it: needed when what is shown holds personal data; the read is recorded (Art. 9)",
    };

    /// <summary>What a replay shows of one stream, for the access record.</summary>
    private sealed record ShownRead(Guid StreamId, string? Purpose, string Channel, string? AsUser);

    private static Task<int> WithReplay(Func<LedgerReplay, Task<object>> run, ShownRead? read = null, CancellationToken ct = default) =>
        LedgerCommandLine.WithHost(async services =>
        {
            using var scope = services.CreateScope();
            var result = await run(scope.ServiceProvider.GetRequiredService<LedgerReplay>());
            if (read is not null && Domain.Access.PersonalDataSubjects.In(result).Count > 0)
            {
                if (string.IsNullOrWhiteSpace(read.Purpose))
                    throw new CommandLineInputException("What this shows holds personal data: say why you read it with --purpose \"...\" (the read is recorded). Nothing was shown.");
                // The named user (AUDITLEDGER_TOKEN, --as) with a role that reads (as GET /api/replay/...); never nobody.
                var reader = await UserAdministration.CommandLineReader(services, read.AsUser, read.Purpose, ct);
                await services.GetRequiredService<PersonalDataAccessLog>().Record(reader, read.StreamId, result, read.Channel, ct);
            }
            Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            return 0;
        });
}
