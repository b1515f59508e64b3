namespace AuditLedger.Host.Cli;

using AuditLedger.Host.Tenancy;
using System.CommandLine;
using System.Text.Json;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Access;
using Marten;

/// <summary>
/// The reports on the command line (the same as the HTTP API gives): <c>register</c>, <c>incidents</c>, <c>recipients</c>,
/// <c>annual-status</c>, <c>timeline</c>.
/// Exit status as for the other subcommands: 2 invalid input, 4 unknown id.
/// </summary>
public static class ReportCommandLine
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Register());
        root.Subcommands.Add(Incidents());
        root.Subcommands.Add(Recipients());
        root.Subcommands.Add(AnnualStatus());
        root.Subcommands.Add(Timeline());
    }

    private static Command Register()
    {
        var published = new Option<bool>("--published") { Description = "the published register: exempt files (Art. 17(2)) left out, withheld items (17(3)) blank" };
        var format = new Option<string>("--format") { Description = "json (default), csv (UTF-8 with BOM, for Excel), html (printable page) or xlsx (Excel workbook, typed cells; give --out)" };
        var output = new Option<FileInfo>("--out") { Description = "write to this file instead of standard output" };
        var command = new Command("register", "個人情報ファイル簿 (Art. 17) / the personal information file register") { published, format, output };
        command.SetAction((parse, ct) => Checked(() => ReportFormats.Parse(parse.GetValue(format)), reportFormat =>
            LedgerCommandLine.WithHost(async services =>
            {
                await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var report = await LedgerReports.RenderRegister(session, parse.GetValue(published), reportFormat, now,
                    services.GetRequiredService<LedgerJurisdictions>().ForTenant(session.TenantId), ct);
                await Write(report.Body, parse.GetValue(output), ct);
                return 0;
            })));
        return command;
    }

    private static Command Incidents()
    {
        var id = new Argument<Guid?>("incident-id") { Description = "one incident's report (all incidents when absent)", Arity = ArgumentArity.ZeroOrOne };
        var owed = new Option<bool>("--owed") { Description = "only open incidents where a person is still owed a notification or an exemption (Art. 11)" };
        var status = new Option<string>("--status") { Description = "open, closed or all (default)" };
        var command = new Command("incidents", "漏えい等事案の報告 (Art. 11) / leak-incident reports as of now, as JSON") { id, owed, status };
        command.SetAction((parse, ct) => Checked(() => LedgerReports.ParseStatus(parse.GetValue(status)), statusFilter =>
            LedgerCommandLine.WithHost(async services =>
            {
                await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                object result = parse.GetValue(id) is { } incidentId ? await LedgerReports.Incident(session, incidentId, now, ct)
                    : parse.GetValue(owed) ? await LedgerReports.NotificationsOwed(session, now, ct)
                    : await LedgerReports.Incidents(session, statusFilter, now, ct);
                Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
                return 0;
            })));
        return command;
    }

    private static Command Recipients()
    {
        var recordId = new Argument<Guid>("record-id") { Description = "the id of a retained record" };
        var command = new Command("recipients", "保有個人情報の提供先 (Art. 13, 37) / a record's provision recipients, active or stopped, as JSON") { recordId };
        command.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
            var result = await LedgerReports.Recipients(session, parse.GetValue(recordId), ct);
            Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            return 0;
        }));
        return command;
    }

    private static Command AnnualStatus()
    {
        var year = new Option<string>("--year") { Description = "the fiscal year by the calendar year it starts in: 2025 = 令和7年度 (April 2025 - March 2026)", Required = true };
        var format = new Option<string>("--format") { Description = "json (default), html (printable page) csv (one line per count, UTF-8 with BOM) or xlsx (one sheet per published table; give --out)" };
        var output = new Option<FileInfo>("--out") { Description = "write to this file instead of standard output" };
        var command = new Command("annual-status", "施行の状況 (Art. 51) / the annual enforcement status of a fiscal year") { year, format, output };
        command.SetAction((parse, ct) => Checked(() => ReportFormats.Parse(parse.GetValue(format)), reportFormat =>
            LedgerCommandLine.WithHost(async services =>
            {
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var fiscalYear = LedgerReports.ParseFiscalYear(parse.GetValue(year), now);
                var store = services.GetRequiredService<IDocumentStore>();
                await LedgerReports.CatchUpAnnualStatus(store, ct);
                await using var session = store.TenantQuerySession();
                var report = await LedgerReports.RenderAnnualStatus(session, fiscalYear, reportFormat, now,
                    services.GetRequiredService<LedgerJurisdictions>().ForTenant(session.TenantId), ct);
                await Write(report.Body, parse.GetValue(output), ct);
                return 0;
            })));
        return command;
    }

    private static Command Timeline()
    {
        var caseId = new Argument<Guid>("case-id") { Description = "the id of a request case" };
        var format = new Option<string>("--format") { Description = "json (default), html (printable page stating the CSV's SHA-256), csv or xlsx (give --out)" };
        var output = new Option<FileInfo>("--out") { Description = "write to this file instead of standard output (name it by the case id, not by a person)" };
        var personalData = new Option<bool>("--show-personal-data") { Description = "show names, addresses and corrections instead of only their kinds" };
        var purpose = new Option<string>("--purpose") { Description = "with --show-personal-data: why you read it; the read is recorded as the user named by --as or AUDITLEDGER_TOKEN (Art. 9)" };
        var command = new Command("timeline", "審査会向けの事案の経過 (Art. 45, 50) / the review board's timeline of a case") { caseId, format, output, personalData, purpose };
        command.SetAction((parse, ct) => Checked(() => ReportFormats.Parse(parse.GetValue(format)), reportFormat =>
            LedgerCommandLine.WithHost(async services =>
            {
                await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var profiles = services.GetRequiredService<LedgerJurisdictions>().Catalog;
                var id = parse.GetValue(caseId);
                if (parse.GetValue(personalData))
                {
                    // As GET /api/cases/{id}/timeline?personalData=show: a named user whose role reads (the review board only
                    // a case referred to it), a purpose, and the read recorded before anything is shown.
                    if (string.IsNullOrWhiteSpace(parse.GetValue(purpose)))
                        throw new CommandLineInputException("--show-personal-data shows personal data: say why you read it with --purpose \"...\" (the read is recorded). Nothing was shown.");
                    var reader = await UserAdministration.CommandLineReader(services, parse.GetValue(UserAdministration.As), parse.GetValue(purpose)!, ct, LedgerAccess.ReviewBoardRead);
                    if (!LedgerRoles.Readers.Contains(reader.Role) && !await Requests.RequestsHost.IsReferredToBoard(session, id, ct))
                        throw Requests.RequestsHost.NotReferred();
                    await services.GetRequiredService<PersonalDataAccessLog>().Record(reader, id, await Requests.RequestsHost.TimelineShown(session, id, ct), "scripts/auditledger timeline", ct);
                }
                var report = await LedgerReports.RenderTimeline(session, profiles, id, parse.GetValue(personalData), reportFormat, now, ct);
                await Write(report.Body, parse.GetValue(output), ct);
                return 0;
            })));
        return command;
    }

    /// <summary>Reads an option before anything starts: a value not understood ends the run with exit status 2.</summary>
    private static Task<int> Checked<T>(Func<T> read, Func<T, Task<int>> run)
    {
        T value;
        try
        {
            value = read();
        }
        catch (InvalidQuery e)
        {
            Console.Error.WriteLine(e.Error.Japanese);
            Console.Error.WriteLine(e.Error.English);
            return Task.FromResult(2);
        }
        return run(value);
    }

    internal static async Task Write(byte[] body, FileInfo? file, CancellationToken ct)
    {
        if (file is not null)
        {
            await File.WriteAllBytesAsync(file.FullName, body, ct);
            Console.Error.WriteLine($"Wrote {file.FullName} ({body.Length:N0} bytes).");
            return;
        }
        await using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(body, ct);
    }
}
