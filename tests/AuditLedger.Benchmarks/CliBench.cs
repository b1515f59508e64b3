namespace AuditLedger.Benchmarks;

using System.Diagnostics;
using AuditLedger.Domain.Access;
using AuditLedger.Host.Access;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Ledger;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The command line as an operator meets it (issue 13 item 7): a one-shot write, <c>dotnet AuditLedger.dll users add …</c>
/// (through <see cref="LedgerCommands"/>, the path of every ledger command: validation, decision, append, inline
/// projections, the chain trigger), against <c>dotnet AuditLedger.dll --version</c>, which starts nothing; each run as a
/// process <see cref="Runs"/> times after one warm-up, median wall-clock milliseconds. The processes inherit the
/// benchmark's environment (the database, the owner's connection, the master key), as scripts/auditledger passes its own.
/// </summary>
public sealed class CliBench(IServiceProvider services)
{
    /// <summary>Timed runs of each command.</summary>
    public const int Runs = 5;

    private const string Administrator = "S-CLI-BENCH";

    /// <summary>The median milliseconds of the one-shot write and of <c>--version</c>.</summary>
    public async Task<(double Write, double Version)> Measure()
    {
        await EnsureAdministrator();
        var dll = typeof(LedgerCommandLine).Assembly.Location;
        var next = 0;
        string[] Write() => ["users", "add", "--id", $"S-CLI-{Guid.NewGuid():N}"[..20], "--name", $"ベンチ {++next}", "--title", "議会事務局 総務課 主査", "--role", "staff", "--as", Administrator];
        var version = await Median(dll, () => ["--version"]);
        var write = await Median(dll, Write);
        return (write, version);
    }

    /// <summary>The administrator the writes act as, added in this process (refused, and so kept, when a run before added it).</summary>
    private async Task EnsureAdministrator()
    {
        var add = new AddUser { UserId = Administrator, DisplayName = "ベンチマーク", Title = "議会事務局 総務課", Role = AccessRoles.Administrator };
        using var scope = services.CreateScope();
        if (await scope.ServiceProvider.GetRequiredService<LedgerPrincipals>().Find(Administrator, CancellationToken.None) is not null) return;
        await scope.ServiceProvider.GetRequiredService<LedgerCommands>().Append(add, UserAdministration.FirstAdministrator(add, "the benchmark"), CancellationToken.None);
    }

    private static async Task<double> Median(string dll, Func<string[]> arguments)
    {
        await Run(dll, arguments()); // warm-up: the file cache, and the schema version checked once
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++) times.Add(await Run(dll, arguments()));
        times.Sort();
        return times[Runs / 2];
    }

    /// <summary>Milliseconds from start to exit of <c>dotnet DLL ARGS</c>; a failed run stops the benchmark with its output.</summary>
    private static async Task<double> Run(string dll, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"AuditLedger {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        return elapsed;
    }
}
