namespace AuditLedger.Host.Tenancy;

/// <summary>The command line's <c>--tenant ID</c> (or <c>--tenant=ID</c>), taken out of the arguments before the subcommand reads them.</summary>
public static class TenantArgument
{
    public const string Option = "--tenant";

    /// <summary>
    /// Removes <c>--tenant ID</c> from <paramref name="args"/> and gives the tenant: that ID, else the environment's
    /// <see cref="LedgerTenant.EnvironmentVariable"/>, else <see cref="LedgerTenant.Default"/>. Whether a profile defines it is
    /// checked when the run opens the store (an unknown one exits 2 there, <see cref="Cli.LedgerCommandLine"/>).
    /// </summary>
    public static string Take(ref string[] args)
    {
        string? given = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == Option && i + 1 < args.Length) given = args[++i];
            else if (args[i].StartsWith(Option + "=", StringComparison.Ordinal)) given = args[i][(Option.Length + 1)..];
            else rest.Add(args[i]);
        }
        args = [.. rest];
        return given ?? (Environment.GetEnvironmentVariable(LedgerTenant.EnvironmentVariable) is { Length: > 0 } env ? env : LedgerTenant.Default);
    }

    /// <summary>
    /// Whether a jurisdiction profile defines <paramref name="tenant"/>. When none does, says so on standard error in
    /// Japanese and English (the caller exits 2, invalid input): every subcommand, those without a database too (rules,
    /// copy-fee, deadline). Whether this deployment serves the body is checked when a run opens the store.
    /// </summary>
    public static bool IsDefined(string tenant)
    {
        // The default body ships with its profile: --help, --version and a run without --tenant load no profile here.
        if (tenant == LedgerTenant.Default) return true;
        var configuration = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder().Configuration;
        if (Configuration.LedgerJurisdictions.Load(configuration).Catalog.FindTenant(tenant) is not null) return true;
        Console.Error.WriteLine($"実施機関（テナント）「{tenant}」を定める管轄プロファイルがありません。--tenant に nagareyama:mayor、urayasu:council などを指定してください。記録は追加されていません。");
        Console.Error.WriteLine($"No jurisdiction profile defines the body (tenant) '{tenant}': give --tenant as e.g. nagareyama:mayor or urayasu:council. Nothing was appended.");
        return false;
    }
}
