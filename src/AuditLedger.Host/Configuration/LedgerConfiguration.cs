namespace AuditLedger.Host.Configuration;

using System.Text.Json.Serialization;
using AuditLedger.Host.Trust;
using AuditLedger.Projections;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Storage;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Marten;

/// <summary>The one place where Marten and Wolverine are configured, for the service, the command line and the tests.</summary>
public static class LedgerConfiguration
{
    public const string SchemaName = "auditledger";

    /// <summary>Registers the event store, its projections and the command handlers.</summary>
    /// <param name="daemonMode">How the async daemon runs: HotCold shares the work between instances; ExternallyManaged for one-off
    /// command-line runs and the owner's migration (the service runs the async projections: no daemon, and no warning that none runs).</param>
    public static IServiceCollection AddAuditLedger(this IServiceCollection services, IConfiguration configuration, DaemonMode daemonMode)
    {
        // Wolverine logs each failed handler under the message type's name. A refused command is an answer
        // (400/404/409/422 with its rule), not a fault, so those entries are silenced; real faults still
        // surface as HTTP 500 through the exception handler, and on the command line as an error.
        services.AddLogging(logging => logging.AddFilter("AuditLedger.Domain", LogLevel.None));
        services.AddSingleton(TimeProvider.System);
        var connectionString = LedgerDatabase.ConnectionString(configuration);
        var applicationRole = LedgerDatabase.RunsAsApplicationRole(configuration);
        // Loaded now, so that an invalid profile stops the start-up with its file and field named.
        var jurisdictions = LedgerJurisdictions.Load(configuration);
        services.AddSingleton(jurisdictions);
        // Every 実施機関 of every profile is a tenant; where each lives (the main database unless configured elsewhere).
        var placement = AuditLedger.Host.Tenancy.TenantPlacement.From(configuration, connectionString, jurisdictions.Catalog);
        services.AddSingleton(placement);
        services.AddScoped<Requests.DeadlineQueries>();
        services.AddSingleton<Access.PersonalDataAccessLog>();
        // Every command enters through this: Wolverine's handlers, made safe to retry by the command's idempotency key.
        services.AddScoped<Ledger.LedgerCommands>();
        // Commands that wait at the same time are appended together, one transaction with a savepoint each (Ledger/GroupCommit).
        services.AddSingleton<Ledger.GroupCommit>();
        // Who acts: the authenticated principal, found in the user directory (Access/LedgerPrincipals).
        services.AddSingleton<Access.LedgerPrincipals>();
        services.AddSingleton<Access.PasswordSignIn>();
        services.AddHttpContextAccessor();
        // Crypto-shredding: the master key (outside the database) wraps one data key per person and stream (Erasure/SubjectKeyStore).
        services.AddSingleton(_ => Erasure.MasterKey.From(configuration));
        services.AddSingleton(sp => new Erasure.SubjectKeyStore(
            sp.GetRequiredService<Erasure.MasterKey>, Npgsql.NpgsqlDataSource.Create(connectionString), sp.GetRequiredService<TimeProvider>()));
        // 氏名検索: a keyed blind index of names (HMAC under a key derived from the master key), kept with the keys (Erasure/NameSearchIndex).
        services.AddSingleton(sp => new Erasure.NameSearchIndex(sp.GetRequiredService<Erasure.MasterKey>(), Npgsql.NpgsqlDataSource.Create(connectionString)));
        // One set of folds for the projections and the auditors' replay.
        var folds = new LedgerFolds(jurisdictions.Catalog);
        services.AddSingleton(folds);
        services.AddScoped<Replay.LedgerReplay>();
        // Tamper evidence (the hash chain and its signed checkpoints): registered before Marten's and Wolverine's services, so that its trigger is installed
        // before anything can append; the service (daemon on) also runs the background sealer, the command line does not.
        services.AddLedgerTrust(connectionString, runSealer: daemonMode is DaemonMode.HotCold or DaemonMode.Solo);
        // Stored clocks counted with another holiday calendar are rebuilt before anything reads them (and before the daemon starts).
        services.AddHostedService<Operations.CalendarRefreshService>();

        services.AddMarten(sp =>
            {
                var opts = new StoreOptions();
                // Tenancy (issue 12): each 実施機関 is a tenant. Conjoined within a database (a tenant_id column on every table,
                // Marten's filter on every query, the events partitioned by it), and databases listed in the placement: Marten's
                // static multi-tenancy with multi-tenant databases, so a deployment grows past one server by configuration.
                // Chosen over a database per tenant (measured in the benchmark's tenancy section, README "Deployment"): one
                // schema, one daemon and one connection pool per server instead of per body; a city's ten bodies cost one database.
                opts.MultiTenantedDatabases(tenancy =>
                {
                    foreach (var database in placement.Databases.Where(d => d.TenantIds.Count > 0 || d.Name == AuditLedger.Host.Tenancy.TenantPlacement.MainDatabase))
                        tenancy.AddMultipleTenantDatabase(database.ConnectionString, database.Name).ForTenants([.. database.TenantIds]);
                });
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
                opts.DatabaseSchemaName = SchemaName;
                // Personal data is sealed per person as it is serialized, and opened (or shown erased) as it is read.
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, configure: json =>
                {
                    json.Converters.Add(new Erasure.SealedPersonalDataConverter(() => sp.GetRequiredService<Erasure.SubjectKeyStore>()));
                    json.Converters.Add(new Erasure.SealedPersonalTextConverter(() => sp.GetRequiredService<Erasure.SubjectKeyStore>()));
                });
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                // Every event under the name its module gives it: a type renamed keeps the name its events were stored
                // under (mt_events.type, covered by the hash chain), so old events still read and the chain still verifies.
                foreach (var e in Domain.LedgerModules.Events) opts.Events.MapEventType(e.Type, e.StoredName);
                // One statement per append (mt_quick_append_events: the version checked in it, no read of the stream's row before
                // it), pinned so that a change of Marten's default cannot change the append path or the stored timestamps. Of the
                // quick modes, the one whose timestamps are the client's (JasperFx.Events.EventAppendMode's docs: "Event
                // timestamps are taken from TimeProvider in .NET. Use this option if you need to override event timestamps"),
                // despite its name: each stored timestamp is the event's RecordedAt (RecordedAtTimestamps), which the hash chain
                // covers. EventAppendMode.Quick would store the server's now() instead.
                opts.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
                // Business time lives in each event's body; Marten's own timestamps come from the injected clock.
                opts.Events.TimeProvider = sp.GetRequiredService<TimeProvider>();
                // One instant, stored once: each event's stored timestamp is its context's RecordedAt (Ledger/RecordedAtTimestamps).
                opts.Listeners.Add(new Ledger.RecordedAtTimestamps());
                // Each name an event carries is indexed (its HMAC) in the event's own transaction (Erasure/NameSearchIndex).
                opts.Listeners.Add(new Erasure.NameSearchIndex.Listener(() => sp.GetRequiredService<Erasure.NameSearchIndex>()));
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                // The HotCold daemon takes its leadership lock through DistributedLock.Postgres 1.3.1 (in place of the patched package
                // Weasel asks for, which is not served; see Directory.Build.props), which needs advisory-lock transactions.
                opts.Events.UseAdvisoryLockTransaction = true;
                // The application role may not change the schema: the owner's migration (SchemaMigration) has built it.
                opts.AutoCreateSchemaObjects = applicationRole ? AutoCreate.None : AutoCreate.CreateOrUpdate;
                opts.AddLedgerProjections(folds);
                // Passwords of the web UI's sign-in: hashes and failure counts, mutable (Access/PasswordSignIn).
                opts.Schema.For<Access.UserCredential>().Identity(c => c.Id);
                return opts;
            })
            // Pages and services get sessions of the current tenant (Tenancy/LedgerSessionFactory); Wolverine's handlers of the envelope's.
            .BuildSessionsWith<AuditLedger.Host.Tenancy.LedgerSessionFactory>()
            // Wolverine's own tables (nodes, envelopes) in the main database.
            .IntegrateWithWolverine(wolverine => wolverine.MainDatabaseConnectionString = connectionString)
            .AddAsyncDaemon(daemonMode);

        return services;
    }

    /// <summary>
    /// The setting that makes Wolverine generate and compile the handlers' code at run time (value <c>Dynamic</c>) instead of
    /// loading the code generated ahead of time (the default, <c>Static</c>). Only for writing that code anew
    /// (<c>AuditLedger__CodeGeneration=Dynamic</c> with the test GeneratedCodeTests, which then writes the files): a
    /// host in Static mode refuses to start while a handler's generated type is missing.
    /// </summary>
    public const string CodeGenerationSetting = "AuditLedger:CodeGeneration";

    /// <summary>Wolverine for this configuration: as the application role, its message tables come from the owner's migration.</summary>
    public static Action<WolverineOptions> Wolverine(IConfiguration configuration) => opts =>
    {
        ConfigureWolverine(opts, GeneratesCodeAtRunTime(configuration));
        if (LedgerDatabase.RunsAsApplicationRole(configuration)) opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
    };

    /// <summary>Whether the configuration asks for the handlers' code to be generated at run time (<see cref="CodeGenerationSetting"/>).</summary>
    public static bool GeneratesCodeAtRunTime(IConfiguration configuration) =>
        string.Equals(configuration[CodeGenerationSetting], "Dynamic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Wolverine: handlers in this assembly, Marten transactions applied to every handler that touches a session.</summary>
    /// <param name="generateAtRunTime">Generate and compile the handlers' code at run time (Roslyn) rather than load it from this assembly.</param>
    public static void ConfigureWolverine(WolverineOptions opts, bool generateAtRunTime = false)
    {
        // The handlers' and endpoints' code is generated ahead of time into Internal/Generated and compiled with this assembly
        // (TypeLoadMode.Static): no request, and no one-shot command-line call, pays for Roslyn at its first use of a command.
        // The test GeneratedCodeTests fails when those files differ from what this configuration generates.
        // The assembly is named, not inferred: the tests' and the benchmark's entry assemblies are not this one.
        opts.ApplicationAssembly = typeof(LedgerConfiguration).Assembly;
        if (generateAtRunTime)
        {
            opts.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Dynamic;
            opts.UseRuntimeCompilation();
        }
        else opts.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
        opts.Policies.AutoApplyTransactions();
        opts.Discovery.IncludeAssembly(typeof(LedgerConfiguration).Assembly);
        // One pipeline for every command: its fields are validated before its handler loads anything or decides (a refused
        // command appends nothing), stream starts included.
        // Message handlers only: an HTTP endpoint completes the command from its route first (the stream's id), and its null
        // body is refused as unreadable input before any handler runs.
        opts.Policies.AddMiddleware(typeof(Ledger.CommandValidation), chain => chain.MessageType.IsAssignableTo(typeof(Domain.Common.LedgerCommand)));
        opts.UseSystemTextJsonForSerialization(json => json.Converters.Add(new JsonStringEnumConverter()));
    }
}
