using AuditLedger.Deadlines;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;

// One executable: `serve` (the default) runs the HTTP service; any other first word is a command-line subcommand.
// `deadline` computes a statutory due date and needs no database, so it starts nothing.
if (args is ["deadline", .. var deadlineArgs])
    return DeadlineCommandLine.Run(deadlineArgs, Console.Out, Console.Error);
if (args.Length > 0 && !args[0].StartsWith('-') && args[0] != "serve")
    return await LedgerCommandLine.Run(args);

var app = ServiceHost.Build([.. args.Where(a => a != "serve")]);
await ServiceHost.Prepare(app);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"AuditLedger is listening on {url}");
        Console.WriteLine($"  API description (OpenAPI): {url}/openapi/v1.json");
        Console.WriteLine($"  Rules enforced on append:  {url}/api/rules");
        Console.WriteLine($"  A stream's history:        {url}/api/streams/{{id}}/events");
    }
    Console.WriteLine("Command line: scripts/auditledger --help. Stop with Ctrl+C.");
});
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
