namespace AuditLedger.Tests.Support;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>One method and route the service maps, with its endpoint's metadata.</summary>
public sealed record MappedRoute(string Method, string Route, EndpointMetadataCollection Metadata)
{
    /// <summary>Every route the service maps whose path starts with one of the prefixes, as its routing table has them.</summary>
    public static IReadOnlyList<MappedRoute> Of(IServiceProvider services, params string[] prefixes) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata))
            .Where(e => prefixes.Any(p => e.Route.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Select(method => new MappedRoute(method, e.Route, e.Metadata)))
            .DistinctBy(r => (r.Method, r.Route))];

    public bool Has<TMetadata>() where TMetadata : class => Metadata.GetMetadata<TMetadata>() is not null;

    /// <summary>The route with every parameter replaced by the value.</summary>
    public string With(string value) => System.Text.RegularExpressions.Regex.Replace(Route, "\\{[^}]+\\}", value);
}

/// <summary>What a command-line run wrote to standard output.</summary>
public static class ConsoleOutput
{
    /// <summary>Runs the command line with standard output captured. Tests of one collection run one at a time, so the swap is safe.</summary>
    public static async Task<(int Status, string Output)> Capture(Func<Task<int>> run)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            return (await run(), captured.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>Runs the command line with standard error captured (the refusals' messages).</summary>
    public static async Task<(int Status, string Error)> CaptureError(Func<Task<int>> run)
    {
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            return (await run(), captured.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
