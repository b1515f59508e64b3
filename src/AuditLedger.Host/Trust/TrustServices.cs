namespace AuditLedger.Host.Trust;

using AuditLedger.Host.Tenancy;
using AuditLedger.Trust;
using JasperFx.Events;
using Marten;
using Npgsql;

/// <summary>Configuration of the tamper evidence (section <c>AuditLedger:Trust</c>, or environment variables <c>AuditLedger__Trust__...</c>).</summary>
public static class TrustSettings
{
    /// <summary>PEM file of the checkpoint signing key (ECDSA P-256, PKCS#8). Create one with <c>scripts/auditledger keygen --out FILE</c>.</summary>
    public const string SigningKeyFile = "AuditLedger:Trust:SigningKeyFile";

    /// <summary>PEM file of the public key alone, for an instance that verifies but does not seal.</summary>
    public const string PublicKeyFile = "AuditLedger:Trust:PublicKeyFile";

    /// <summary>Seconds between sealing rounds of the background sealer (default 2).</summary>
    public const string SealIntervalSeconds = "AuditLedger:Trust:SealIntervalSeconds";
}

/// <summary>
/// The ledger's own connection pools for the tamper evidence (plain SQL over the Marten tables): one per database that
/// holds tenants. Every connection it opens is bound to one tenant (<see cref="TrustSchema.BindAsync"/>): the chain, the
/// tree, the watermark and the checkpoints read are that tenant's alone.
/// </summary>
public sealed class TrustDatabase : IAsyncDisposable
{
    private readonly Dictionary<string, NpgsqlDataSource> _databases = new(StringComparer.Ordinal);
    private readonly TenantPlacement? _placement;

    /// <summary>One database holding every tenant (the benchmarks).</summary>
    public TrustDatabase(NpgsqlDataSource dataSource) => DataSource = dataSource;

    public TrustDatabase(TenantPlacement placement)
    {
        _placement = placement;
        foreach (var database in placement.Databases)
            _databases[database.Name] = new NpgsqlDataSourceBuilder(database.ConnectionString) { Name = "auditledger-trust-" + database.Name }.Build();
        DataSource = _databases[TenantPlacement.MainDatabase];
    }

    /// <summary>The main database's pool.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>A connection for the current tenant (<see cref="LedgerTenant.Require"/>), in its database.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => OpenAsync(LedgerTenant.Require(), ct);

    /// <summary>A connection bound to <paramref name="tenant"/>, in its database.</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(string tenant, CancellationToken ct)
    {
        var source = _placement is null ? DataSource : _databases[_placement.DatabaseOf(tenant).Name];
        var connection = await source.OpenConnectionAsync(ct);
        try
        {
            await TrustSchema.BindAsync(connection, null, tenant, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_placement is null) await DataSource.DisposeAsync();
        foreach (var source in _databases.Values) await source.DisposeAsync();
    }
}

/// <summary>The checkpoint keys as configured: the private key signs (the sealer), the public key verifies.</summary>
public sealed class TrustKeys : IDisposable
{
    public TrustKeys(IConfiguration configuration)
    {
        var signingPath = configuration[TrustSettings.SigningKeyFile];
        var publicPath = configuration[TrustSettings.PublicKeyFile];
        if (!string.IsNullOrWhiteSpace(signingPath))
        {
            Signing = CheckpointKey.Load(signingPath);
            if (!Signing.HasPrivateKey) throw new TrustInputException($"{TrustSettings.SigningKeyFile} ({signingPath}) holds no private key; checkpoints cannot be signed with it.");
        }
        Verifying = !string.IsNullOrWhiteSpace(publicPath) ? CheckpointKey.Load(publicPath) : Signing?.PublicOnly();
        if (Signing is not null && Verifying is not null && Signing.KeyId != Verifying.KeyId)
            throw new TrustInputException($"{TrustSettings.PublicKeyFile} is not the public half of {TrustSettings.SigningKeyFile}.");
    }

    public CheckpointKey? Signing { get; }

    public CheckpointKey? Verifying { get; }

    public CheckpointKey RequireVerifying() => Verifying ?? throw new TrustInputException(
        $"No checkpoint key is configured: set {TrustSettings.SigningKeyFile} (or {TrustSettings.PublicKeyFile}) to a PEM file; scripts/run creates one in .trust/.");

    public void Dispose()
    {
        Signing?.Dispose();
        Verifying?.Dispose();
    }
}

/// <summary>Installs the trigger and tables at start, before anything can append (registered ahead of Marten's and Wolverine's services).</summary>
public sealed class TrustSchemaInstaller(IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        // Every database that holds tenants: its event tables, then the chain's trigger on them, before anything appends.
        foreach (var db in await store.Storage.AllDatabases())
        {
            await db.EnsureStorageExistsAsync(typeof(IEvent), ct);
            await TrustSchema.EnsureAsync(((Weasel.Postgresql.PostgresqlDatabase)db).DataSource, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

public static class TrustRegistration
{
    /// <summary>The tamper evidence: schema installer, keys, verifier and prover; with <paramref name="runSealer"/>, the background sealer.</summary>
    public static IServiceCollection AddLedgerTrust(this IServiceCollection services, string connectionString, bool runSealer)
    {
        services.AddSingleton(sp => new TrustDatabase(sp.GetRequiredService<TenantPlacement>()));
        services.AddSingleton<TrustKeys>();
        services.AddHostedService<TrustSchemaInstaller>();
        services.AddSingleton<LedgerSealer>();
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<LedgerProofs>();
        if (runSealer) services.AddHostedService<BackgroundSealer>();
        return services;
    }
}
