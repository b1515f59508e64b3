namespace AuditLedger.Tests.Web;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using AuditLedger.Host.Access;
using AuditLedger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;

/// <summary>
/// Sign-in through a municipality's own OpenID Connect provider (authorization code with PKCE), against a small provider
/// of the test's own on a real port: the provider says who signed in, the directory says whether they may act and as what.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class OpenIdConnectSignInTests(LedgerFixture fixture)
{
    [Fact]
    public async Task a_directory_user_signed_in_by_the_provider_lands_in_the_ui_and_an_unknown_one_is_refused_in_japanese()
    {
        await using var provider = await TestProvider.Start();
        await fixture.User("S-OIDC-01", LedgerRoles.Staff);
        await using var service = new KestrelLedger(fixture.Clock, new Dictionary<string, string>
        {
            ["AuditLedger:OpenIdConnect:Authority"] = provider.Issuer,
            ["AuditLedger:OpenIdConnect:ClientId"] = TestProvider.ClientId,
            ["AuditLedger:OpenIdConnect:ClientSecret"] = TestProvider.ClientSecret,
            ["AuditLedger:OpenIdConnect:RequireHttpsMetadata"] = "false",
        });
        var address = service.Start();
        var web = await BrowserSession.Of(fixture);
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString().TrimEnd('/'), Locale = "ja-JP" });
        var page = await context.NewPageAsync();

        provider.NextUser = "S-OIDC-01";
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "認証基盤でサインイン" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"not signed in: at {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        }
        (await page.Locator("header").InnerTextAsync()).ShouldContain("S-OIDC-01");
        provider.CodesRedeemedWithVerifier.ShouldBe(1, "the code should be redeemed once, with its PKCE verifier");

        var stranger = await (await web.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString().TrimEnd('/') })).NewPageAsync();
        provider.NextUser = "NOT-IN-DIRECTORY";
        await stranger.GotoAsync("/sign-in");
        await stranger.GetByRole(AriaRole.Link, new() { Name = "認証基盤でサインイン" }).ClickAsync();
        await stranger.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in" && new Uri(url).Query.Contains("oidc=refused"));
        (await stranger.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("利用者台帳に登録されていない");
        await stranger.GotoAsync("/");
        new Uri(stranger.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    /// <summary>
    /// The smallest OpenID Connect provider the handler accepts: discovery, keys, an authorization endpoint that signs in
    /// <see cref="NextUser"/> at once, and a token endpoint that checks the client, the code and its PKCE verifier (S256).
    /// </summary>
    private sealed class TestProvider : IAsyncDisposable
    {
        public const string ClientId = "auditledger";
        public const string ClientSecret = "test-secret";

        private readonly WebApplication _app;
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
        private readonly ConcurrentDictionary<string, (string User, string Nonce, string Challenge)> _codes = new();
        private int _redeemed;

        private TestProvider(WebApplication app) => _app = app;

        public string Issuer { get; private set; } = "";
        public string NextUser { get; set; } = "";
        public int CodesRedeemedWithVerifier => Volatile.Read(ref _redeemed);

        public static async Task<TestProvider> Start()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            var app = builder.Build();
            var provider = new TestProvider(app);
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = provider.Issuer,
                ["authorization_endpoint"] = $"{provider.Issuer}/authorize",
                ["token_endpoint"] = $"{provider.Issuer}/token",
                ["jwks_uri"] = $"{provider.Issuer}/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            }));
            app.MapGet("/jwks", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(provider.PublicKey()) } }));
            app.MapGet("/authorize", (HttpRequest request) =>
            {
                var q = request.Query;
                if (q["client_id"] != ClientId || q["response_type"] != "code") return Results.BadRequest();
                var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                provider._codes[code] = (provider.NextUser, q["nonce"].ToString(), q["code_challenge"].ToString());
                return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
            });
            app.MapPost("/token", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret) return Results.Unauthorized();
                if (!provider._codes.TryRemove(form["code"].ToString(), out var grant)) return Results.BadRequest(new { error = "invalid_grant" });
                var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
                if (challenge != grant.Challenge) return Results.BadRequest(new { error = "invalid_grant" });
                Interlocked.Increment(ref provider._redeemed);
                var now = DateTime.UtcNow;
                var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = provider.Issuer,
                    Audience = ClientId,
                    IssuedAt = now,
                    NotBefore = now,
                    Expires = now.AddMinutes(5),
                    Claims = new Dictionary<string, object> { ["sub"] = grant.User, ["nonce"] = grant.Nonce },
                    SigningCredentials = new SigningCredentials(provider._key, SecurityAlgorithms.RsaSha256),
                });
                return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = idToken });
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            provider.Issuer = address.TrimEnd('/');
            return provider;
        }

        private RsaSecurityKey PublicKey() => new(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId };

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
