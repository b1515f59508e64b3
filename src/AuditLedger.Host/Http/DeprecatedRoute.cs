namespace AuditLedger.Host.Http;

using JasperFx.CodeGeneration;
using Wolverine.Http;

/// <summary>
/// Marks an endpoint as the deprecated alias of another route that takes the same command (one name per concept; the old
/// name keeps working for the clients that use it). The OpenAPI document shows the alias <c>deprecated: true</c>; every answer
/// the endpoint gives, accepted or refused, carries <c>Deprecation: true</c> (RFC 9745) and a <c>Link</c> to the successor with
/// <c>rel="successor-version"</c> (RFC 8594, RFC 8288), the route's parameters filled in, so that a client can move on.
/// </summary>
/// <param name="successor">The route that replaces this one, as a template: e.g. <c>/api/records/{recordId}/outside-purpose-uses</c>.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DeprecatedRouteAttribute(string successor) : ModifyHttpChainAttribute
{
    public string Successor { get; } = successor;

    public override void Modify(HttpChain chain, GenerationRules rules)
    {
        var note = $"Deprecated: use {Successor}.";
        chain.Metadata.WithMetadata(this, new ObsoleteAttribute(note));
        chain.Metadata.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Deprecated = true;
            operation.Description = string.IsNullOrEmpty(operation.Description) ? note : $"{operation.Description} {note}";
            return Task.CompletedTask;
        });
        // The headers themselves are added by the first middleware of the pipeline (UseDeprecatedRouteHeaders), so that every
        // answer carries them: a 401/403, a body or route value refused as unreadable before the endpoint runs, a problem.
    }

    /// <summary>The successor's path for this request: the template's parameters taken from the request's route values.</summary>
    public string SuccessorOf(RouteValueDictionary values) =>
        System.Text.RegularExpressions.Regex.Replace(Successor, "\\{([^}:?]+)[^}]*\\}",
            m => Uri.EscapeDataString(values.TryGetValue(m.Groups[1].Value, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : ""));

    /// <summary>Adds the deprecation headers to the answer, whatever it turns out to be (they are written as the answer starts).</summary>
    public static void Announce(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DeprecatedRouteAttribute>() is not { } alias) return;
        var successor = alias.SuccessorOf(context.Request.RouteValues);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Deprecation"] = "true";
            context.Response.Headers.Append("Link", $"<{successor}>; rel=\"successor-version\"");
            return Task.CompletedTask;
        });
    }
}

/// <summary>Registers <see cref="DeprecatedRouteAttribute.Announce"/> as the first middleware of the service.</summary>
public static class DeprecatedRouteHeaders
{
    /// <summary>Every answer of an endpoint marked <see cref="DeprecatedRouteAttribute"/> carries the deprecation headers.</summary>
    public static IApplicationBuilder UseDeprecatedRouteHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            DeprecatedRouteAttribute.Announce(context);
            return next(context);
        });
}
