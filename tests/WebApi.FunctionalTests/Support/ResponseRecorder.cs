using System.Collections.Concurrent;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>Keeps a copy of every response body a test client receives, for the secrets scan.</summary>
public sealed class ResponseRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _bodies;

    public ResponseRecorder(ConcurrentQueue<string> bodies) => _bodies = bodies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // The answers that carry a secret by design: a new webhook secret or access token, shown to its owner once.
        var path = request.RequestUri?.AbsolutePath ?? "";
        var showsNewSecret = request.Method == HttpMethod.Post
            && (path.EndsWith("/webhook-secret") || path == "/api/auth/tokens" || path == "/api/vapi/notification-channels"
                || (path.StartsWith("/api/vapi/notification-channels/") && path.EndsWith("/rotate-secret")));
        if (!showsNewSecret && response.Content.Headers.ContentType?.MediaType is { } type && (type.Contains("json") || type.StartsWith("text")))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            _bodies.Enqueue($"{(int)response.StatusCode} {request.Method} {request.RequestUri?.PathAndQuery}\n{response.Headers}\n{body}");
        }

        return response;
    }
}
