namespace AuditLedger.Host.Access;

using AuditLedger.Host.Tenancy;
using System.CommandLine;
using System.Text.Json;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.IdentityModel.JsonWebTokens;
using Spectre.Console;

/// <summary>
/// The user directory on the command line (<c>users add|list|disable</c>), and who the command line acts as: a token in
/// <c>AUDITLEDGER_TOKEN</c> (checked like an HTTP caller's), or <c>--as USER</c> checked against the directory (the command line
/// runs on the server with the database, so <c>--as</c> is the operator's statement, recorded as such in the actor's
/// <c>via</c>). Never as nobody: a write, a read of personal data or the directory without either exits 2; and the user's role
/// must be one HTTP allows for the same thing (<see cref="LedgerRoles.Needed"/>), else exit 2 too.
/// </summary>
public static class UserAdministration
{
    public const string TokenVariable = "AUDITLEDGER_TOKEN";

    /// <summary>The global option naming the user the command line acts as.</summary>
    public static readonly Option<string> As = new("--as")
    {
        Description = "act as this user of the directory (職員番号): the operator's statement on the server, recorded as such; or set AUDITLEDGER_TOKEN",
        Recursive = true,
    };

    /// <summary>The first administrator of an empty directory, recorded as adding themselves, stated by the operator.</summary>
    public static Actor FirstAdministrator(AddUser user, string via) =>
        new(user.UserId.Trim(), AccessRoles.Administrator) { Name = user.DisplayName.Trim(), Title = user.Title.Trim(), Via = via };

    private static string OperatorStatement => $"scripts/auditledger --as, stated by the operator '{Environment.UserName}' on the server";

    /// <summary>
    /// Who the command line acts as: AUDITLEDGER_TOKEN, else --as; refuses (exit 2) when neither names an enabled user, or
    /// when the user's role may not do what is asked (the same roles HTTP requires: <see cref="LedgerRoles.Needed"/>).
    /// </summary>
    /// <exception cref="CommandLineInputException">Neither given, both given, or the token does not validate.</exception>
    /// <exception cref="PrincipalRefused">Not in the directory, disabled, or a role the access does not allow.</exception>
    public static async Task<Actor> Principal(IServiceProvider services, string? asUser, LedgerAccess access, CancellationToken ct)
    {
        var principal = await Named(services, asUser, access, ct);
        if (!LedgerRoles.Allows(access, [principal.Role])) throw LedgerRoles.Refusal(access, [principal.Role]);
        return principal;
    }

    private static async Task<Actor> Named(IServiceProvider services, string? asUser, LedgerAccess access, CancellationToken ct)
    {
        var principals = services.GetRequiredService<LedgerPrincipals>();
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrWhiteSpace(token) && !string.IsNullOrWhiteSpace(asUser))
            throw new CommandLineInputException($"Give either {TokenVariable} or --as, not both: the command line acts as one user.");
        if (!string.IsNullOrWhiteSpace(token))
        {
            var tokens = LedgerTokens.From(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<TimeProvider>());
            var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token.Trim(), tokens.ValidationParameters());
            if (!result.IsValid)
                throw new CommandLineInputException($"{TokenVariable} does not hold a valid token of this server ({result.Exception?.Message}). Issue one with scripts/auditledger issue-token.");
            return await principals.Resolve(new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity), ct);
        }
        if (!string.IsNullOrWhiteSpace(asUser)) return await principals.ResolveStated(asUser.Trim(), OperatorStatement, ct);
        throw access is LedgerAccess.Read or LedgerAccess.ReviewBoardRead
            ? new CommandLineInputException(
                $"誰として閲覧するかが指定されていません。個人情報の閲覧は利用者台帳の利用者として記録されます（第9条）。{TokenVariable} にトークンを設定するか、--as 職員番号 を指定してください。個人情報は表示されていません。\n" +
                $"No user to record as: a read of personal data is recorded as a user of the directory (Art. 9). Set {TokenVariable} to your token, or give --as USER (scripts/auditledger users list). Nothing was read or shown.")
            : new CommandLineInputException(
                $"誰として記録するかが指定されていません。{TokenVariable} にトークンを設定するか、--as 職員番号 を指定してください。記録は追加されていません。\n" +
                $"No user to record as: set {TokenVariable} to your token, or give --as USER (a user of the directory: scripts/auditledger users list). Nothing was appended.");
    }

    /// <summary>
    /// Who reads personal data on the command line: the user named by AUDITLEDGER_TOKEN or --as, with a role that may read it
    /// (<paramref name="access"/>, as over HTTP); never nobody, and never the operator's account.
    /// </summary>
    public static async Task<Reader> CommandLineReader(IServiceProvider services, string? asUser, string purpose, CancellationToken ct,
        LedgerAccess access = LedgerAccess.Read)
    {
        var stated = Reader.StatedPurpose(purpose, "--purpose");
        var principal = await Principal(services, asUser, access, ct);
        return new Reader(principal.StaffId, principal.Role, stated) { Principal = principal };
    }

    /// <summary>`users add|list|disable`.</summary>
    public static Command UsersCommand()
    {
        var users = new Command("users", "利用者台帳（管理者）/ the user directory, kept by administrators");

        var id = new Option<string>("--id") { Description = "the user's staff id (職員番号)", Required = true };
        var name = new Option<string>("--name") { Description = "the display name (氏名)", Required = true };
        var title = new Option<string>("--title") { Description = "the title (職名), e.g. 議会事務局 総務課 主査", Required = true };
        var role = new Option<string>("--role") { Description = $"one of: {string.Join(", ", AccessRoles.All)}", Required = true };
        var add = new Command("add", "利用者の登録 / add a user (the first user of an empty directory must be an administrator)") { id, name, title, role };
        add.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            var command = new AddUser { UserId = parse.GetValue(id)!, DisplayName = parse.GetValue(name)!, Title = parse.GetValue(title)!, Role = parse.GetValue(role)! };
            var principals = services.GetRequiredService<LedgerPrincipals>();
            // Bootstrap: the first administrator of an empty directory is added by the operator on the server, as themselves.
            var recorder = await principals.DirectoryIsEmpty(ct) && command.Role == AccessRoles.Administrator
                               && string.IsNullOrWhiteSpace(parse.GetValue(As)) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TokenVariable))
                ? FirstAdministrator(command, $"first administrator of an empty directory, added by the operator '{Environment.UserName}' on the server")
                : await Principal(services, parse.GetValue(As), LedgerAccess.Directory, ct);
            using var scope = services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<LedgerCommands>().Append(command, recorder, ct);
            Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            return 0;
        }));
        users.Subcommands.Add(add);

        var json = new Option<bool>("--json") { Description = "print JSON instead of a table" };
        var list = new Command("list", "利用者の一覧 / list the users") { json };
        list.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            // The directory names every user and their role: administrators alone read it, as over HTTP (GET /api/users).
            await Principal(services, parse.GetValue(As), LedgerAccess.Directory, ct);
            await using var session = services.GetRequiredService<IDocumentStore>().TenantQuerySession();
            var all = await session.Query<DirectoryUser>().OrderBy(u => u.UserId).ToListAsync(ct);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(all, LedgerJson.Indented));
            else
            {
                var table = new Table().AddColumns("職員番号 / id", "氏名 / name", "職名 / title", "権限 / role", "状態 / state");
                foreach (var u in all)
                    table.AddRow(Markup.Escape(u.UserId), Markup.Escape(u.DisplayName), Markup.Escape(u.Title), u.Role,
                        u.Enabled ? "有効 / enabled" : $"停止 / disabled {u.DisabledAt:yyyy-MM-dd}");
                AnsiConsole.Write(table);
            }
            return 0;
        }));
        users.Subcommands.Add(list);

        var user = new Argument<string>("user") { Description = "the staff id (職員番号) to disable" };
        var reason = new Option<string>("--reason") { Description = "why (e.g. 人事異動、退職)", Required = true };
        var disable = new Command("disable", "利用者の利用停止 / disable a user: their tokens are refused from then on") { user, reason };
        disable.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            var recorder = await Principal(services, parse.GetValue(As), LedgerAccess.Directory, ct);
            using var scope = services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<LedgerCommands>()
                .Append(new DisableUser { UserId = parse.GetValue(user)!, Reason = parse.GetValue(reason)! }, recorder, ct);
            Console.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            return 0;
        }));
        users.Subcommands.Add(disable);

        var passwordUser = new Argument<string>("user") { Description = "the staff id (職員番号) whose password is set" };
        var setPassword = new Command("set-password",
            $"パスワードの設定（管理者）/ set a user's password for the web sign-in, read from standard input (at least {PasswordSignIn.MinimumLength} characters); unlocks the account") { passwordUser };
        setPassword.SetAction((parse, ct) => LedgerCommandLine.WithHost(async services =>
        {
            await Principal(services, parse.GetValue(As), LedgerAccess.Directory, ct);
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            try
            {
                await services.GetRequiredService<PasswordSignIn>().Set(parse.GetValue(passwordUser)!, password, ct);
            }
            catch (ArgumentException refused)
            {
                throw new CommandLineInputException(refused.Message);
            }
            Console.WriteLine($"パスワードを設定しました / password set: {parse.GetValue(passwordUser)}");
            return 0;
        }));
        users.Subcommands.Add(setPassword);
        return users;
    }
}
