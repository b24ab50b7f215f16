using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using VapiAgents.VapiSimulator.Api;
using VapiAgents.VapiSimulator.Control;
using VapiAgents.VapiSimulator.Scenario;

namespace VapiAgents.VapiSimulator;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers like Vapi's REST API (https://api.vapi.ai)
/// from generated data, plus the /__sim control API. Each instance is independent, so
/// several can run in one process.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private SimulatorServer(WebApplication app, CancellationTokenSource stopping, VapiSimulation simulation, string baseUrl)
    {
        _app = app;
        _stopping = stopping;
        Simulation = simulation;
        BaseUrl = baseUrl;
    }

    /// <summary>Like "http://127.0.0.1:41234", without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The data, the truth, the fault rules and the request log, for use in process.</summary>
    public VapiSimulation Simulation { get; }

    /// <summary>The organisations, keys and assistants of the current scenario.</summary>
    public ScenarioDescription Scenario => Simulation.Scenario;

    /// <exception cref="ArgumentException">The scenario spec is not valid.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var simulation = new VapiSimulation(ScenarioGenerator.Generate(options.Scenario));
        var stopping = new CancellationTokenSource();

        // The empty builder reads no appsettings or environment, so the settings of whichever
        // process hosts the simulator (a product test project, say) cannot leak into it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        MapRoutes(app, simulation, stopping.Token);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorServer(app, stopping, simulation, address.TrimEnd('/'));
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C or SIGTERM for the command line).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Cancel delayed answers first so that stopping does not wait for them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static void MapRoutes(WebApplication app, VapiSimulation simulation, CancellationToken stopping)
    {
        new ControlRoutes(simulation).Map(app);
        app.MapFallback("/__sim/{**rest}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        var pipeline = new VapiPipeline(simulation, stopping);
        var vapi = new VapiRoutes(simulation);
        app.MapGet("/call", pipeline.Serve(vapi.ListCalls));
        app.MapGet("/call/{id}", pipeline.Serve(vapi.GetCall));
        app.MapGet("/assistant", pipeline.Serve(vapi.ListAssistants));
        app.MapGet("/assistant/{id}", pipeline.Serve(vapi.GetAssistant));
        app.MapFallback(pipeline.Serve(VapiRoutes.UnknownRoute));
    }
}
