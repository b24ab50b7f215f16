using System.Text.Json;
using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Api;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Control;

/// <summary>
/// The /__sim control API that tests and demos use to shape data, plan faults and read the
/// ground truth. No authentication: it only ever listens on 127.0.0.1.
/// </summary>
internal sealed class ControlRoutes(VapiSimulation simulation)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/__sim/scenario", context => Reply(context, simulation.Scenario));
        routes.MapPost("/__sim/scenario", context => Handle(context, LoadScenarioAsync));
        routes.MapPost("/__sim/calls", context => Handle(context, AddCallsAsync));
        routes.MapGet("/__sim/calls", context => Handle(context, AllCalls));
        routes.MapPost("/__sim/advance", context => Handle(context, AdvanceAsync));
        routes.MapGet("/__sim/truth", context => Handle(context, Truth));
        routes.MapGet("/__sim/faults", context => Reply(context, simulation.Faults.Installed()));
        routes.MapPost("/__sim/faults", context => Handle(context, InstallFaultsAsync));
        routes.MapDelete("/__sim/faults", context => NoContent(context, simulation.Faults.Clear));
        routes.MapGet("/__sim/requests", context => Reply(context, simulation.Requests.Entries()));
        routes.MapDelete("/__sim/requests", context => NoContent(context, simulation.Requests.Clear));
    }

    private async Task<object> LoadScenarioAsync(HttpContext context) =>
        simulation.LoadScenario(await Read<ScenarioSpec>(context).ConfigureAwait(false));

    private async Task<object> AddCallsAsync(HttpContext context)
    {
        var body = await Read<AddCallsBody>(context).ConfigureAwait(false);
        return simulation.AddCalls(body.Key, body.Calls);
    }

    private async Task<object> AdvanceAsync(HttpContext context) =>
        await simulation.AdvanceAsync(await Read<AdvanceRequest>(context).ConfigureAwait(false), context.RequestAborted).ConfigureAwait(false);

    private async Task<object> InstallFaultsAsync(HttpContext context)
    {
        var rules = await ReadRules(context).ConfigureAwait(false);
        simulation.Faults.Install(rules);
        return new { installed = rules.Count };
    }

    private Task<object> Truth(HttpContext context)
    {
        var query = context.Request.Query;
        return Task.FromResult<object>(
            simulation.Truth(RequiredKey(context), Optional(query, "assistantId"), OptionalInstant(query, "from"), OptionalInstant(query, "to")));
    }

    /// <summary>The oracle's view: every call of the key, newest first, as the stored bytes.</summary>
    private Task<object> AllCalls(HttpContext context) => Task.FromResult<object>(JsonBody.Array(
        [.. simulation.VisibleCalls(RequiredKey(context), Optional(context.Request.Query, "assistantId")).Select(call => call.Json)]));

    /// <summary>Runs a control action; bad input answers 400, an unknown key or assistant 404.</summary>
    private static async Task Handle(HttpContext context, Func<HttpContext, Task<object>> action)
    {
        object result;
        try
        {
            result = await action(context).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or JsonException)
        {
            await Reply(context, new { error = error.Message }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }
        catch (KeyNotFoundException error)
        {
            await Reply(context, new { error = error.Message }, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        if (result is JsonBody body)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await body.WriteAsync(context.Response.BodyWriter, body.Length, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await Reply(context, result).ConfigureAwait(false);
    }

    private static Task Reply(HttpContext context, object value, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(value, value.GetType(), ControlJson.Options, context.RequestAborted);
    }

    private static Task NoContent(HttpContext context, Action action)
    {
        action();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static async Task<T> Read<T>(HttpContext context) =>
        await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ControlJson.Options, context.RequestAborted).ConfigureAwait(false)
        ?? throw new ArgumentException("A JSON body is required.");

    /// <summary>One rule object or an array of them.</summary>
    private static async Task<IReadOnlyList<FaultRule>> ReadRules(HttpContext context)
    {
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return node switch
        {
            JsonArray array => array.Deserialize<List<FaultRule>>(ControlJson.Options)!,
            JsonObject rule => [rule.Deserialize<FaultRule>(ControlJson.Options)!],
            _ => throw new ArgumentException("Expected a fault rule or an array of fault rules."),
        };
    }

    private static string RequiredKey(HttpContext context) =>
        Optional(context.Request.Query, "key") ?? throw new ArgumentException("The key query parameter is required.");

    private static string? Optional(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? OptionalInstant(IQueryCollection query, string name) =>
        Optional(query, name) is not { } text ? null
        : IsoTime.TryParse(text, out var instant) ? IsoTime.FromUnixMs(instant)
        : throw new FormatException($"{name} must be an ISO 8601 instant.");

    private sealed record AddCallsBody(string Key, IReadOnlyList<JsonObject> Calls);
}
