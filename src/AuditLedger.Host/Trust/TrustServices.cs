namespace AuditLedger.Host.Trust;

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

/// <summary>The ledger's own connection pool for the tamper evidence (plain SQL over the Marten tables).</summary>
public sealed class TrustDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => DataSource.OpenConnectionAsync(ct);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
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
        services.AddSingleton(_ => new TrustDatabase(new NpgsqlDataSourceBuilder(connectionString) { Name = "auditledger-trust" }.Build()));
        services.AddSingleton<TrustKeys>();
        services.AddHostedService<TrustSchemaInstaller>();
        services.AddSingleton<LedgerSealer>();
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<LedgerProofs>();
        if (runSealer) services.AddHostedService<BackgroundSealer>();
        return services;
    }
}
