using VapiAgents.Application.Common.Telemetry;

namespace VapiAgents.Infrastructure.Telemetry;

/// <summary>Counts every attempt sent to Vapi (retries included) by status class, so 429s and 5xx show on a dashboard.</summary>
public sealed class VapiRequestMetricsHandler(VapiAgentsTelemetry telemetry) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            telemetry.VapiRequests.Add(1, new KeyValuePair<string, object?>("status_class", StatusClass((int)response.StatusCode)));
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            telemetry.VapiRequests.Add(1, new KeyValuePair<string, object?>("status_class", "error"));
            throw;
        }
    }

    /// <summary>429 apart from the other 4xx: it is Vapi's rate limit, the one an operator alerts on.</summary>
    public static string StatusClass(int status) => status == 429 ? "429" : $"{status / 100}xx";
}
