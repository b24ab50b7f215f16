namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer, no framing, and a strict Content-Security-Policy
/// (scripts, styles and connections from this origin only; no inline script). Swagger UI and the Hangfire
/// dashboard are third-party pages with inline script, so they keep their own defaults.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/swagger") && !path.StartsWithSegments("/hangfire"))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        await next(context);
    });
}
