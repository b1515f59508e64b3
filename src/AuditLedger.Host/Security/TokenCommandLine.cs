namespace AuditLedger.Host.Security;

using System.CommandLine;
using AuditLedger.Host.Configuration;

/// <summary>
/// `issue-token --user ID --role R [--role R2] [--hours N]`: prints a bearer token for a user in the given roles,
/// signed with the server's key. It runs on the server (where the key is), so issuing a token needs access to it.
/// </summary>
public static class TokenCommandLine
{
    public static int Run(string[] args)
    {
        var user = new Option<string>("--user") { Description = "the user's staff id (職員番号), not a name", Required = true };
        var roles = new Option<string[]>("--role") { Description = $"one of: {string.Join(", ", LedgerRoles.All)} (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = true };
        var hours = new Option<int>("--hours") { Description = "how long the token is valid (default 8, at most 720)", DefaultValueFactory = _ => 8 };
        var command = new RootCommand("利用者トークンの発行 / issue a bearer token") { user, roles, hours };
        command.SetAction(parse =>
        {
            var lifetime = parse.GetValue(hours);
            if (lifetime is < 1 or > 720)
            {
                Console.Error.WriteLine("--hours must be between 1 and 720.");
                return 2;
            }
            try
            {
                var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
                var tokens = LedgerTokens.From(configuration, TimeProvider.System);
                Console.WriteLine(tokens.Issue(parse.GetValue(user)!, parse.GetValue(roles)!, TimeSpan.FromHours(lifetime)));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or ServiceRefusedToStart)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command.Parse(args).Invoke();
    }
}
