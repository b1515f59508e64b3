namespace AuditLedger.Tests.Support;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A second instance of the real service on the same test database and clock, served by Kestrel on a free port of
/// 127.0.0.1, for clients outside the process (a browser). WebApplicationFactory's in-memory server is not reachable by them.
/// </summary>
public sealed class KestrelLedger : WebApplicationFactory<Program>
{
    private readonly TimeProvider _clock;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Host settings beyond the test ledger's (e.g. an OpenID Connect provider's address).</param>
    public KestrelLedger(TimeProvider clock, IReadOnlyDictionary<string, string>? settings = null)
    {
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        LedgerFixture.UseTestLedger(builder, _clock);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>Starts the server and answers its address, e.g. http://127.0.0.1:40123.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }
}
