namespace AuditLedger.Host.Access;

using System.CommandLine;
using AuditLedger.Host.Configuration;

/// <summary>
/// `issue-token --user ID [--role R] [--hours N] [--calendar]`: prints a bearer token for a user of the directory, signed with the server's
/// key. It runs on the server (where the key and the database are). A user not in the directory, or disabled, is refused
/// (exit 2), and the role is the one the directory gives them (a different --role is refused).
/// </summary>
public static class TokenCommandLine
{
    public static async Task<int> Run(string[] args)
    {
        var user = new Option<string>("--user") { Description = "the user's staff id (職員番号), not a name", Required = true };
        var roles = new Option<string[]>("--role") { Description = $"one of: {string.Join(", ", LedgerRoles.All)}; must be the user's role in the directory (default: that role)", AllowMultipleArgumentsPerToken = true };
        var hours = new Option<int>("--hours") { Description = "how long the token is valid (default 8, at most 720)", DefaultValueFactory = _ => 8 };
        var calendar = new Option<bool>("--calendar") { Description = "a token that reads the deadline calendar feed (/api/calendar/deadlines.ics) and nothing else, for an office calendar's subscription URL" };
        var command = new RootCommand("利用者トークンの発行 / issue a bearer token") { user, roles, hours, calendar };
        command.SetAction(async (parse, _) =>
        {
            var lifetime = parse.GetValue(hours);
            if (lifetime is < 1 or > 720)
            {
                Console.Error.WriteLine("--hours must be between 1 and 720.");
                return 2;
            }
            return await Cli.LedgerCommandLine.WithHost(async services =>
            {
                var id = parse.GetValue(user)!.Trim();
                var entry = await services.GetRequiredService<LedgerPrincipals>().Find(id, default);
                if (entry is null || !entry.Enabled)
                {
                    Console.Error.WriteLine(entry is null
                        ? $"利用者「{id}」は利用者台帳にありません。先に scripts/auditledger users add で登録してください。\nThe user '{id}' is not in the user directory; add them first (scripts/auditledger users add). No token was issued."
                        : $"利用者「{id}」は利用停止されています（{entry.DisabledAt:yyyy-MM-dd}）。\nThe user '{id}' is disabled; no token was issued.");
                    return 2;
                }
                var asked = parse.GetValue(roles) ?? [];
                if (asked.Any(r => r != entry.Role))
                {
                    Console.Error.WriteLine($"利用者「{id}」の権限は {entry.Role} です。\nThe directory gives '{id}' the role {entry.Role}, not {string.Join(", ", asked.Where(r => r != entry.Role))}; no token was issued.");
                    return 2;
                }
                try
                {
                    var tokens = LedgerTokens.From(services.GetRequiredService<IConfiguration>(), TimeProvider.System);
                    Console.WriteLine(tokens.Issue(entry.UserId, [entry.Role], TimeSpan.FromHours(lifetime),
                        parse.GetValue(calendar) ? LedgerTokens.CalendarScope : null, tenant: Tenancy.LedgerTenant.Require()));
                    return 0;
                }
                catch (Exception e) when (e is ArgumentException or ServiceRefusedToStart)
                {
                    Console.Error.WriteLine(e.Message);
                    return 2;
                }
            });
        });
        return await command.Parse(args).InvokeAsync();
    }
}
