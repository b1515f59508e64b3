namespace AuditLedger.Host.Cli;

using AuditLedger.Host.Tenancy;
using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Access;
using System.CommandLine.Parsing;
using DaemonMode = JasperFx.Events.Daemon.DaemonMode;
using Marten;
using Spectre.Console;
using Wolverine;

/// <summary>
/// The command line (scripts/auditledger): one subcommand per ledger command, plus reading a stream's
/// history, importing a JSON-lines file, and listing the rules. Exit status: see <see cref="ExitStatuses"/>.
/// The reports (register, incidents, recipients) are in <see cref="ReportCommandLine"/>.
/// No arguments, <c>--help</c> and <c>--version</c> print and exit without a database; <c>@</c> is not a response file
/// (<c>--json @"my file.json"</c> is the file's path, spaces and all).
/// </summary>
public static class LedgerCommandLine
{
    /// <summary>The exit statuses, as the help prints them (README, "Using it", says the same).</summary>
    public const string ExitStatuses =
        "Exit status: 0 done (verify: verified); 1 some import lines refused, verify or verify-proof: not verified, or the ledger " +
        "refused to start (its message says why); 2 invalid input; 3 refused by a legal rule; 4 unknown stream; 5 version conflict; " +
        "6 the database's privileges are wrong: the owner role may not migrate the ledger's schema (e.g. a backup restored into a " +
        "database another role owns) or the application role lacks its grants; the message names the fix.";

    /// <summary>
    /// Arguments that only print (the help, the version, and the help of serve and deadline, which Program would otherwise
    /// hand to the service or the deadline calculator): nothing is configured, connected or started.
    /// </summary>
    public static bool IsHelpOrVersion(string[] args) =>
        args is [] or ["--help" or "-h" or "-?" or "/?" or "/h" or "--version"] or ["serve" or "deadline", "--help" or "-h" or "-?"];

    /// <summary>The parser: <c>@file</c> stays a value (no response files), so <c>--json @file</c> reaches the command as written.</summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static async Task<int> Run(string[] args)
    {
        // --tenant on the line (when Program has not already taken it out): the run acts for that body.
        if (args.Any(a => a == Tenancy.TenantArgument.Option || a.StartsWith(Tenancy.TenantArgument.Option + "=", StringComparison.Ordinal)))
        {
            var tenant = Tenancy.TenantArgument.Take(ref args);
            if (!Tenancy.TenantArgument.IsDefined(tenant)) return 2;
            using (Tenancy.LedgerTenant.Enter(tenant)) return await Run(args);
        }
        var root = new RootCommand(
            "AuditLedger: the event-sourced ledger of personal information handling, per body (実施機関) under its jurisdiction's ordinance " +
            "(浦安市議会の個人情報の保護に関する条例, 流山市個人情報保護条例, or a profile added to AuditLedger:ProfilesDirectory); --tenant ID picks the body.\n" +
            "Commands that read or write the ledger need its database (scripts/auditledger starts the checkout's own); " +
            "deadline, keygen, verify-proof, rules and this help need none (issue-token checks the user directory).\n" + ExitStatuses);
        if (args is []) args = ["--help"];
        // Who a write or a read of personal data is recorded as: AUDITLEDGER_TOKEN, or --as USER (checked against the user
        // directory, with a role HTTP allows for the same thing: LedgerRoles.Needed); never nobody.
        root.Options.Add(UserAdministration.As);
        root.Subcommands.Add(UserAdministration.UsersCommand());

        root.Subcommands.Add(Serve());
        root.Subcommands.Add(PassThrough("deadline", "法定期限の計算（データベース不要） / compute a statutory due date, no database needed. " + AuditLedger.Deadlines.DeadlineCommandLine.Usage,
            tokens => Task.FromResult(AuditLedger.Deadlines.DeadlineCommandLine.Run(tokens, Console.Out, Console.Error))));
        root.Subcommands.Add(PassThrough("issue-token", "利用者トークンの発行 / issue a bearer token signed with the server's key: issue-token --user ID --role ROLE [--role ROLE2] [--hours N] (issue-token --help for more)",
            TokenCommandLine.Run));

        foreach (var descriptor in CommandCatalog.All) root.Subcommands.Add(LedgerSubcommand(descriptor));

        var streamId = new Argument<Guid>("stream-id") { Description = "the id of a file, record or incident" };
        var purpose = new Option<string>("--purpose") { Description = "why you read it: the history shows personal data, and the read is recorded (Art. 9)", Required = true };
        var history = new Command("history", "一つのストリームの全履歴 / print a stream's full history as JSON") { streamId, purpose };
        history.SetAction((parse, ct) => WithHost(async services =>
        {
            await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
            var result = await StreamHistoryQuery.Load(session, parse.GetValue(streamId), ct);
            // The named user (AUDITLEDGER_TOKEN, --as) with a role that reads (as GET /api/.../history); never nobody.
            var reader = await UserAdministration.CommandLineReader(services, parse.GetValue(UserAdministration.As), parse.GetValue(purpose)!, ct);
            await services.GetRequiredService<PersonalDataAccessLog>().Record(reader, result.StreamId, result.Events, "scripts/auditledger history", ct);
            Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            return 0;
        }));
        root.Subcommands.Add(history);

        var file = new Argument<FileInfo>("file") { Description = "a JSON-lines file: one {\"command\": \"...\", ...fields} per line" };
        var import = new Command("import", "コマンドの一括取込 / import a JSON-lines file of commands") { file };
        import.SetAction((parse, ct) => WithHost(async services =>
            await Import(services, await UserAdministration.Principal(services, parse.GetValue(UserAdministration.As), LedgerAccess.Write, ct), parse.GetValue(file)!, ct)));
        root.Subcommands.Add(import);

        root.Subcommands.Add(DeadlinesCommand());
        root.Subcommands.Add(CopyFeeCommandLine.Command());
        root.Subcommands.Add(DisposalDueCommand());

        var rulesJson = new Option<bool>("--json") { Description = "JSON, as GET /api/rules answers (one object per rule: code, article, japanese, english), for scripts and grep" };
        var rules = new Command("rules", "台帳が適用する規則の一覧 / list the rules enforced on append") { rulesJson };
        rules.SetAction(parse =>
        {
            if (parse.GetValue(rulesJson))
            {
                Console.WriteLine(JsonSerializer.Serialize(Rules.All, LedgerJson.Indented));
                return 0;
            }
            // The table: each rule as the law of the run's body cites it (its profile's article or section, whether it
            // applies there), so that a Nagareyama clerk does not read Urayasu's article numbers.
            var tenant = Tenancy.LedgerTenant.Current ?? Tenancy.LedgerTenant.Default;
            var profile = LedgerJurisdictions.Load(Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder().Configuration).ForTenant(tenant);
            var table = new Table().AddColumns("code", "条項 / citation", "適用 / applies", "規則 / rule")
                .Title(Markup.Escape($"{profile.Name.Ja}（{tenant}）"));
            foreach (var rule in LawInForce.AllInForce(profile))
                table.AddRow(Markup.Escape(rule.Code), Markup.Escape(rule.ArticleJa + "\n" + rule.ArticleEn) + (rule.Fallback ? " ※" : ""), rule.Applies ? "○" : "－",
                    Markup.Escape(rule.Japanese + "\n" + rule.English));
            table.Caption("※ このプロファイルが記載していない規則：規則目録（浦安市議会の条例）の条番号 / not listed in this profile: the catalog's article (Urayasu council ordinance)");
            AnsiConsole.Write(table);
            return 0;
        });
        root.Subcommands.Add(rules);

        ReportCommandLine.AddTo(root);
        ReplayCommandLine.AddTo(root);
        OperationsCommandLine.AddTo(root);
        TrustCommandLine.AddTo(root);

        var parsed = root.Parse(args, Parsing);
        // Arguments the parser cannot read are invalid input: exit 2 like every other refusal of input, in both languages.
        if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("引数を読み取れません。値に空白を含むときは引用符で囲んでください（例: --name \"新浦 花子\"）。使い方は --help で確認できます。記録は追加されていません。");
            Console.Error.WriteLine("The arguments cannot be read. Quote a value that contains spaces (e.g. --name \"新浦 花子\"); see --help. Nothing was appended.");
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>`serve`: listed for the help; Program starts the service itself (this action runs only if called here directly).</summary>
    private static Command Serve()
    {
        var command = new Command("serve", "HTTPサービスの起動 / run the HTTP service (scripts/run does, with the checkout's own database): serve [--urls http://127.0.0.1:5080]")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("Start the service with: AuditLedger serve [--urls URL] (or scripts/run).");
            return 2;
        });
        return command;
    }

    /// <summary>A subcommand that keeps its own parser (deadline, issue-token): its tokens are handed over as given.</summary>
    private static Command PassThrough(string name, string description, Func<string[], Task<int>> run)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((parse, _) => run([.. parse.UnmatchedTokens]));
        return command;
    }

    /// <summary>`deadlines`: the deadline view today — open, overdue, due this week or within N days, or one case's clocks and history.</summary>
    private static Command DeadlinesCommand()
    {
        var overdue = new Option<bool>("--overdue") { Description = "only office clocks past their due date (期限超過)" };
        var thisWeek = new Option<bool>("--this-week") { Description = "open clocks due by the end of this week (Sunday)" };
        var within = new Option<int?>("--within") { Description = "open clocks due within N days" };
        var caseId = new Option<Guid?>("--case") { Description = "one case: its clocks, how each date moved, and the rules applied" };
        var json = new Option<bool>("--json") { Description = "print JSON instead of a table" };
        var command = new Command("deadlines", "期限管理：期限の一覧 / what is due, by when, and what is late") { overdue, thisWeek, within, caseId, json };
        command.SetAction((parse, ct) => WithHost(async services =>
        {
            using var scope = services.CreateScope();
            var queries = scope.ServiceProvider.GetRequiredService<DeadlineQueries>();
            if (parse.GetValue(caseId) is { } id)
            {
                var report = await queries.ForCase(id, ct);
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(report, LedgerJson.Indented));
                else
                {
                    AnsiConsole.Write(DeadlineTable(report.Clocks, report.Today));
                    var history = new Table().Title("期限の推移 / how the dates moved").AddColumns("日 / day", "期限 / clock", "事由 / cause", "内容 / change");
                    foreach (var h in report.History) history.AddRow($"{h.On:yyyy-MM-dd}", Markup.Escape(h.ClockId), Markup.Escape(h.Cause), Markup.Escape($"{h.Ja}\n{h.En}"));
                    AnsiConsole.Write(history);
                }
                return 0;
            }
            var filter = parse.GetValue(overdue) ? DeadlineFilter.Overdue
                : parse.GetValue(thisWeek) ? DeadlineFilter.DueThisWeek
                : parse.GetValue(within) is not null ? DeadlineFilter.DueWithin
                : DeadlineFilter.Open;
            var rows = await queries.Find(filter, parse.GetValue(within) ?? DeadlineQueries.DueSoonDays, ct);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(rows, LedgerJson.Indented));
            else AnsiConsole.Write(DeadlineTable(rows, queries.Today));
            return 0;
        }));
        return command;
    }

    /// <summary>`disposal-due`: the records past their file's retention period today (Japan date), and what still needs them; `dispose-file-records` disposes of them.</summary>
    private static Command DisposalDueCommand()
    {
        var fileId = new Option<Guid?>("--file") { Description = "one file only" };
        var json = new Option<bool>("--json") { Description = "print JSON instead of a table" };
        var command = new Command("disposal-due", "保存期間を経過した保有個人情報の一覧 (第4条第2項) / records past their retention period") { fileId, json };
        command.SetAction((parse, ct) => WithHost(async services =>
        {
            await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
            var today = Domain.Common.JapanDate.Of(services.GetRequiredService<TimeProvider>().GetUtcNow());
            var rows = (await Erasure.RecordHolds.DisposalDue(session, parse.GetValue(fileId), today, ct)).Select(Files.DisposalDueRow.Of).ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, LedgerJson.Indented));
                return 0;
            }
            var table = new Table().Title($"{today:yyyy-MM-dd} 現在 / as of {today:yyyy-MM-dd}: {rows.Count}")
                .AddColumns("記録 / record", "ファイル / file", "保存期間 / retention", "取得日 / acquired", "廃棄期日 / due", "保留 / held by");
            foreach (var r in rows)
                table.AddRow($"{r.RecordId}", Markup.Escape($"{r.FileName}\n{r.FileId}"), Markup.Escape(r.Retention), $"{r.AcquiredOn:yyyy-MM-dd}", $"{r.DueOn:yyyy-MM-dd}",
                    Markup.Escape(r.HeldBy.Count == 0 ? "—" : string.Join("\n", r.HeldBy.Select(h => h.Describe()))));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Table DeadlineTable(IReadOnlyList<DeadlineRow> rows, DateOnly today)
    {
        var table = new Table().Title($"{today:yyyy-MM-dd} 現在 / as of {today:yyyy-MM-dd}: {rows.Count}")
            .AddColumns("事案 / case", "期限 / clock", "条項", "期限日 / due", "残日数 / days left", "状態 / state");
        foreach (var r in rows)
            table.AddRow($"{r.CaseId}\n{r.Kind}", Markup.Escape($"{r.NameJa}\n{r.ClockId}"), Markup.Escape(r.ArticleJa),
                r.DueOn is { } due ? $"{due:yyyy-MM-dd}{(r.EquinoxForecastYears.Count > 0 ? "\n※春分・秋分は予測 / equinox forecast" : "")}" : Markup.Escape(r.Problem ?? "—"),
                r.DaysLeft?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", r.State.ToString());
        if (rows.Count > 0) table.Caption(Markup.Escape($"祝日カレンダー / holiday calendar {rows[0].CalendarVersion}"));
        return table;
    }

    private static Command LedgerSubcommand(CommandDescriptor descriptor)
    {
        var command = new Command(descriptor.Name, descriptor.Description);
        // Older command-line names still work, with a note (the import accepts them too; idempotency keys match them).
        var formerNames = descriptor.FormerNames.Where(n => n == n.ToLowerInvariant()).ToList();
        foreach (var former in formerNames) command.Aliases.Add(former);
        if (formerNames.Count > 0) command.Description += $"\n（旧名 / formerly: {string.Join(", ", formerNames)}: 非推奨 / deprecated）";
        var json = new Option<string>("--json") { Description = "the command as a JSON object, or @path to a file holding one (lists and nested items go here)" };
        command.Options.Add(json);
        var scalars = CommandInput.ScalarProperties(descriptor.Type)
            .Select(p => (Property: p, Option: new Option<string>(CommandInput.OptionName(p)) { Description = CommandInput.Describe(p) }))
            .ToList();
        foreach (var (_, option) in scalars) command.Options.Add(option);

        command.SetAction((parse, ct) => WithHost(async services =>
        {
            if (parse.CommandResult.IdentifierToken.Value is var used && used != descriptor.Name)
                Console.Error.WriteLine($"{used}: 旧名です。今後は {descriptor.Name} を使ってください。 / '{used}' is a deprecated name: use '{descriptor.Name}'.");
            var values = scalars
                .Where(s => parse.GetValue(s.Option) is not null)
                .ToDictionary(s => s.Property, s => parse.GetValue(s.Option)!);
            var ledgerCommand = CommandInput.Build(descriptor.Type, parse.GetValue(json), values);
            var principal = await UserAdministration.Principal(services, parse.GetValue(UserAdministration.As), LedgerAccess.Write, ct);
            using var scope = services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<LedgerCommands>().Append(ledgerCommand, principal, ct);
            Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            return 0;
        }));
        return command;
    }

    /// <param name="recorder">Who runs the import: each line's recordedBy (its own staffId, when another colleague's, its actedBy).</param>
    private static async Task<int> Import(IServiceProvider services, Domain.Common.Actor recorder, FileInfo file, CancellationToken ct)
    {
        if (!file.Exists) throw new CommandLineInputException($"The file {file.FullName} does not exist.");
        var total = File.ReadLines(file.FullName).Count();
        var formerNamesSeen = new HashSet<string>(StringComparer.Ordinal);
        var importer = new CommandImporter(services.GetRequiredService<IMessageBus>(), services.GetRequiredService<IDocumentStore>(), recorder, services.GetRequiredService<TimeProvider>(), services)
        {
            OnFormerName = (line, former, current) =>
            {
                if (formerNamesSeen.Add(former))
                    Console.Error.WriteLine($"import: line {line}: {former} は旧名です。今後は {current} を使ってください。 / '{former}' is a deprecated name: use '{current}' (said once per name).");
            },
            OnRetry = retry => Console.Error.WriteLine(
                $"import: line {retry.Line}: the database cannot be reached ({retry.Reason}); waiting {retry.Delay.TotalSeconds:0.#} s for it to accept connections, then trying the line again (attempt {retry.Attempt + 1})"),
        };
        await using var reader = file.OpenRead();
        ImportSummary summary;
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            summary = await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"Importing {file.Name}", maxValue: total);
                return await importer.Import(reader, line => task.Value = line, ct);
            });
        }
        else
        {
            summary = await importer.Import(reader, line =>
            {
                if (line % 500 == 0) Console.Error.WriteLine($"import: {line} of {total} lines");
            }, ct);
        }

        Console.WriteLine($"Imported {file.Name}: {summary.Lines} lines, {summary.Appended} commands appended ({summary.EventsAppended} events), {summary.Refused.Count} refused.");
        if (summary.AlreadyRecorded > 0)
            Console.WriteLine($"  {summary.AlreadyRecorded} of those commands had been appended before under the same idempotency key (an earlier run of this file, or a commit whose answer was lost) and were not appended again.");
        if (summary.Retries > 0) Console.WriteLine($"  {summary.Retries} attempts were repeated after the database could not be reached.");
        foreach (var (code, count) in summary.RefusedByCode) Console.WriteLine($"  refused {count} x {code}");
        foreach (var line in summary.Refused.Take(50)) Console.WriteLine($"  line {line.Line} ({line.Command}): [{line.Code}] {line.Reason}");
        if (summary.Refused.Count > 50) Console.WriteLine($"  ... and {summary.Refused.Count - 50} more refused lines.");
        if (summary.Refused.Count > 0) Console.WriteLine("Refused lines appended nothing; correct them and import those lines again.");
        return summary.Refused.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Start-up notices go to standard error, so that standard output holds only the command's result: JSON, or a CSV or
    /// page piped to a file.
    /// </summary>
    private static async Task Quietly(Func<Task> startUp)
    {
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            await startUp();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>
    /// Starts the ledger without the web server, runs the action, and maps refusals to exit codes. The schema is migrated
    /// first only when this build's schema differs from the one recorded in the database (<see cref="SchemaMigration"/>).
    /// The async projections are the service's to run (<see cref="DaemonMode.ExternallyManaged"/>: no daemon here, and no
    /// warning that none runs).
    /// </summary>
    internal static async Task<int> WithHost(Func<IServiceProvider, Task<int>> action)
    {
        IConfiguration? configuration = null;
        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            configuration = builder.Configuration;
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            await Quietly(() => SchemaMigration.Apply(builder.Configuration));
            builder.Services.AddAuditLedger(builder.Configuration, DaemonMode.ExternallyManaged);
            // A one-shot command starts only what it needs. The schema is current (the migration above found its version
            // recorded, or has just built it), so Marten compares no table with its configuration on first use; Wolverine
            // only mediates the command to its handler (the ledger sends no messages), so no node agents, inbox or outbox.
            builder.Services.ConfigureMarten(options => options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None);
            builder.Services.AddWolverine(options =>
            {
                LedgerConfiguration.Wolverine(builder.Configuration)(options);
                options.Durability.Mode = DurabilityMode.MediatorOnly;
                options.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;
            });
            using var host = builder.Build();
            // The run's tenant (--tenant, AUDITLEDGER_TENANT or the default), checked against the bodies served here.
            var tenant = Tenancy.LedgerTenant.Current ?? Tenancy.LedgerTenant.Default;
            if (!host.Services.GetRequiredService<Tenancy.TenantPlacement>().TenantIds.Contains(tenant, StringComparer.Ordinal))
                throw new CommandLineInputException(
                    $"実施機関（テナント）「{tenant}」はこのシステムで扱っていません。--tenant に nagareyama:mayor、urayasu:council などを指定してください。記録は追加されていません。\n" +
                    $"The body (tenant) '{tenant}' is not served here: give --tenant as e.g. nagareyama:mayor or urayasu:council. Nothing was appended.");
            using var inTenant = Tenancy.LedgerTenant.Enter(tenant);
            await Quietly(() => host.StartAsync());
            try
            {
                return await action(host.Services);
            }
            finally
            {
                await host.StopAsync();
            }
        }
        catch (ServiceRefusedToStart e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is CommandLineInputException || (e is InvalidOperationException && e.Message.StartsWith("No database", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (configuration is not null && DatabasePrivilegesMissing.Cause(e) is { } denied)
        {
            // The owner's migration passed, but the application role may not do what the command needs (its grants are missing).
            Console.Error.WriteLine(DatabasePrivilegesMissing.For(LedgerDatabase.ConnectionString(configuration), denied,
                LedgerDatabase.OwnerConnectionString(configuration) is { } owner ? new Npgsql.NpgsqlConnectionStringBuilder(owner).Username : null).Message);
            return DatabasePrivilegesMissing.Status;
        }
        catch (Exception e) when (ProblemMapping.ToProblem(e) is { } problem)
        {
            Console.Error.WriteLine(problem.Title);
            Console.Error.WriteLine(problem.Detail);
            if (problem.Extensions.TryGetValue("code", out var code)) Console.Error.WriteLine($"code: {code}");
            if (problem.Extensions.TryGetValue("article", out var article)) Console.Error.WriteLine($"条項 / article: {article} ({problem.Extensions["articleEnglish"]})");
            Console.Error.WriteLine("Nothing was appended.");
            // 403: the user named (AUDITLEDGER_TOKEN, --as) may not act: not in the directory, disabled, or another role.
            return problem.Status switch { 400 or 403 => 2, 422 => 3, 404 => 4, 409 => 5, _ => 1 };
        }
    }
}
