using System.Globalization;

namespace VapiAgents.VapiSimulator.Api;

/// <summary>
/// Runs every request to a Vapi route: counts it against the fault rules, lets the firing
/// rule (if any) break the answer, writes what is left and records the request.
/// </summary>
internal sealed class VapiPipeline(VapiSimulation simulation, CancellationToken stopping)
{
    public RequestDelegate Serve(Func<HttpContext, VapiResponse> route) => context => ServeAsync(context, route);

    private async Task ServeAsync(HttpContext context, Func<HttpContext, VapiResponse> route)
    {
        var request = context.Request;
        var fault = simulation.Faults.Next(request.Path.Value ?? "/");
        var status = 0;
        try
        {
            status = await RespondAsync(context, route, fault).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up during a delay, or the simulator is stopping.
            context.Abort();
        }
        finally
        {
            simulation.Requests.Add(new RequestLogEntry(
                DateTimeOffset.UtcNow,
                request.Method,
                request.Path.Value ?? "/",
                request.QueryString.Value ?? "",
                VapiRoutes.BearerKey(request),
                status,
                fault?.Kind));
        }
    }

    /// <returns>The status code sent, or 0 when the connection was reset.</returns>
    private async Task<int> RespondAsync(HttpContext context, Func<HttpContext, VapiResponse> route, FaultRule? fault)
    {
        switch (fault)
        {
            case { Kind: FaultKind.Reset }:
                context.Abort();
                return 0;
            case { Kind: FaultKind.Status }:
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                return await WriteAsync(context, VapiResponse.Failure(fault.Status ?? StatusCodes.Status500InternalServerError), truncate: false)
                    .ConfigureAwait(false);
            case { Kind: FaultKind.Delay, DelayMs: { } delay }:
                using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    await Task.Delay(delay, cancel.Token).ConfigureAwait(false);
                }

                break;
        }

        return await WriteAsync(context, route(context), truncate: fault?.Kind == FaultKind.Truncate).ConfigureAwait(false);
    }

    /// <summary>
    /// A truncated answer goes out without Content-Length and ends cleanly after half the body,
    /// so the client reads a complete HTTP response that holds cut-off JSON.
    /// </summary>
    private static async Task<int> WriteAsync(HttpContext context, VapiResponse answer, bool truncate)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        var length = answer.Body.Length;
        if (!truncate)
        {
            response.ContentLength = length;
        }

        await answer.Body.WriteAsync(response.BodyWriter, truncate ? length / 2 : length, context.RequestAborted).ConfigureAwait(false);
        return answer.StatusCode;
    }
}
