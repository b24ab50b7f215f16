namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer, no framing, and a strict Content-Security-Policy
/// (scripts, styles and connections from this origin only; no inline script). Swagger UI and the Hangfire
/// dashboard are third-party pages with inline script and style, so they get a policy of their own that allows
/// those and nothing else from elsewhere (docs/adr/015).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Swagger UI and Hangfire: their own inline script and style, everything else as strict as the dashboard's.</summary>
    public const string ThirdPartyPagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        var path = context.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/swagger") || path.StartsWithSegments("/hangfire")
            ? ThirdPartyPagePolicy
            : ContentSecurityPolicy;

        await next(context);
    });
}
