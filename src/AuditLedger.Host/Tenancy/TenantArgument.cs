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
}
