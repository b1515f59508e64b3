using AuditLedger.Deadlines;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Access;

// One executable: `serve` runs the HTTP service; any other first word is a command-line subcommand. No word at all,
// --help and --version print the help or the version and start nothing (no database, no web service).
// `deadline` computes a statutory due date and needs no database, so it starts nothing.
// The tenant (実施機関) a command-line run acts for: --tenant ID anywhere on the line, else AUDITLEDGER_TENANT, else
// urayasu:council (the store's body before tenancy). The service takes each request's from its signed-in user instead.
if (!args.Contains("serve") && AuditLedger.Host.Tenancy.TenantArgument.Take(ref args) is var tenantOfTheRun)
{
    if (!AuditLedger.Host.Tenancy.TenantArgument.IsDefined(tenantOfTheRun)) return 2;
    AuditLedger.Host.Tenancy.LedgerTenant.Enter(tenantOfTheRun);
}
if (LedgerCommandLine.IsHelpOrVersion(args))
    return await LedgerCommandLine.Run(args);
if (args is ["deadline", .. var deadlineArgs])
    return DeadlineCommandLine.Run(deadlineArgs, Console.Out, Console.Error);
if (args is ["issue-token", .. var tokenArgs])
    return await TokenCommandLine.Run(tokenArgs);
// `keygen` and `verify-proof` are the auditor's offline tools: no database, nothing started.
if (TrustCommandLine.IsOffline(args))
    return await TrustCommandLine.RunOffline(args);
if (args.Length > 0 && !args[0].StartsWith('-') && args[0] != "serve")
    return await LedgerCommandLine.Run(args);

// `serve [--urls U]`, and the host settings (--key=value) the tests' WebApplicationFactory passes.
try
{
    var app = ServiceHost.Build([.. args.Where(a => a != "serve")]);
    await ServiceHost.Run(app);
}
catch (ServiceRefusedToStart refused)
{
    Console.Error.WriteLine(refused.Message);
    return refused.ExitCode;
}
return 0;

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
