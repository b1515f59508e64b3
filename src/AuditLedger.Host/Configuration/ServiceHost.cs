namespace AuditLedger.Host.Configuration;

using AuditLedger.Host.Demo;
using AuditLedger.Host.Http;
using AuditLedger.Host.Access;
using AuditLedger.Host.Web;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine;
using Wolverine.Http;

/// <summary>The HTTP service: the ledger's API with its OpenAPI document.</summary>
public static class ServiceHost
{
    /// <summary>Set to true (scripts/run does) to load the demo year into an empty ledger at start.</summary>
    public const string LoadDemoSetting = "AuditLedger:LoadDemoWhenEmpty";

    /// <summary>
    /// "HotCold" (the default: of all instances on one database, one runs the async projections and the sealer, another takes
    /// over when it stops) or "Disabled" (an instance that only serves, e.g. a second front end beside one that runs them).
    /// </summary>
    public const string DaemonSetting = "AuditLedger:Daemon";

    private static DaemonMode DaemonModeOf(IConfiguration configuration) =>
        configuration[DaemonSetting]?.Trim() switch
        {
            null or "" or "HotCold" => DaemonMode.HotCold,
            "Disabled" => DaemonMode.Disabled,
            var other => throw new ServiceRefusedToStart($"{DaemonSetting} is '{other}': give HotCold (the default) or Disabled."),
        };

    public static WebApplication Build(string[] args)
    {
        // The pages' static files are beside the built service (the build copies wwwroot there), wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
        // No line per request: a request's URL may carry a token (the calendar feed's access_token), and a busy office's log
        // would hold little else. Warnings and errors are logged.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddAuditLedger(builder.Configuration, DaemonModeOf(builder.Configuration));
        builder.Services.AddWolverine(LedgerConfiguration.Wolverine(builder.Configuration));
        builder.Services.AddWolverineHttp();
        builder.Services.ConfigureHttpJsonOptions(o => LedgerJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddOpenApi();
        builder.Services.AddLedgerSecurity(builder.Configuration);
        builder.Services.AddLedgerWeb(builder.Configuration);

        var app = builder.Build();
        app.UseLedgerWebHeaders();
        app.UseDeprecatedRouteHeaders();
        app.UseExceptionHandler();
        app.UseLedgerSecurity();
        app.UseMalformedValueRefusal();
        app.UseReadableBodies();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapWolverineEndpoints(http => http.TenantId.DetectWith(new Tenancy.AmbientTenantDetection()));
        app.MapLedgerWeb();
        return app;
    }

    /// <summary>
    /// Applies the schema, starts the service, loads the demo year into an empty ledger when asked,
    /// says where to look, and runs until stopped.
    /// </summary>
    public static async Task Run(WebApplication app)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        _ = app.Services.GetRequiredService<LedgerTokens>();   // no signing key, no service: say so before listening
        _ = app.Services.GetRequiredService<Erasure.MasterKey>();   // no master key, no personal data could be sealed: say so now
        await SchemaMigration.Apply(app.Configuration);
        await app.StartAsync();
        // The demo is Urayasu council's year (the body the ledger was first written for).
        using var demoTenant = Tenancy.LedgerTenant.Enter(Tenancy.LedgerTenant.Default);
        if (app.Configuration.GetValue<bool>(LoadDemoSetting))
        {
            Console.WriteLine("Checking whether the ledger is empty, to load the demo year (令和7年度) ...");
            var loaded = await DemoYear.LoadWhenEmpty(store, app.Services.GetRequiredService<IMessageBus>(), app.Services.GetRequiredService<TimeProvider>());
            Console.WriteLine(loaded is null
                ? "The ledger already holds events; the demo year was not loaded."
                : $"Loaded the demo year into the empty ledger: {loaded}.");
            // A ledger from before the user directory: its demo users, so that the hint below works.
            var principals = app.Services.GetRequiredService<LedgerPrincipals>();
            if (loaded is null && await principals.DirectoryIsEmpty(default))
            {
                await DemoDirectory.Seed(app.Services.GetRequiredService<IMessageBus>(), principals);
                Console.WriteLine($"Added the demo users to the empty user directory: {string.Join(", ", DemoDirectory.Users.Select(u => $"{u.UserId} ({u.Role})"))}.");
            }
            // The demo's passwords, only for a demo loaded now (a ledger of real data keeps its users' own passwords).
            if (loaded is not null) await DemoDirectory.SetDemoPasswords(store, app.Services.GetRequiredService<PasswordSignIn>());
        }
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"AuditLedger is listening on {url}");
            Console.WriteLine($"  Sign in (staff web UI):    {url}/sign-in");
            Console.WriteLine($"  API description (OpenAPI): {url}/openapi/v1.json");
            Console.WriteLine($"  Rules enforced on append:  {url}/api/rules");
            Console.WriteLine($"  A stream's history:        {url}/api/streams/{{id}}/events");
        }
        Console.WriteLine("Every API call but the rules, the published register, the annual status and the list of 届出 (/notifications.html, "
            + "/api/city/{municipality}/...) needs a token of a user of the directory: scripts/auditledger issue-token --user S-0001 --role staff");
        Console.WriteLine("Bodies (tenants) other than the demo's urayasu:council start with no users: scripts/auditledger --tenant nagareyama:mayor users add ... (README, Working with tenants).");
        Console.WriteLine("Users: scripts/auditledger users list (administrators add and disable them: users add|disable --as ADMIN-ID).");
        Console.WriteLine("Command line: scripts/auditledger --help. Stop with Ctrl+C.");
        if (app.Configuration.GetValue<bool>(LoadDemoSetting))
        {
            // Last, so that it is what a newcomer sees: whom to sign in as (demo data only: these passwords are set by the demo alone).
            Console.WriteLine($"Demo users (password {DemoDirectory.DemoPassword}, demo data only):");
            foreach (var role in LedgerRoles.All)
                if (DemoDirectory.Users.FirstOrDefault(u => u.Role == role) is { } user)
                    Console.WriteLine($"  {Web.Display.Role(role),-6} {user.UserId}  {user.DisplayName}（{user.Title}）");
            foreach (var url in app.Urls) Console.WriteLine($"Open {url}/sign-in in a browser.");
        }
        await app.WaitForShutdownAsync();
    }
}
