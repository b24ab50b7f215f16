using VapiAgents.Application.Webhooks;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// The address Vapi must post to: <c>App:PublicBaseUrl</c> when set (behind a proxy or load balancer the request's
/// own host is an internal one), else the scheme and host of the current request.
/// </summary>
public sealed class WebhookUrls(IConfiguration configuration, IHttpContextAccessor accessor) : IWebhookUrls
{
    public string For(Guid agentId)
    {
        var configured = configuration["App:PublicBaseUrl"];
        var request = accessor.HttpContext?.Request;
        var root = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{root}/api/vapi/webhooks/{agentId}";
    }
}
