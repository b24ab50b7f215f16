namespace VapiAgents.VapiSimulator.Tests.Support;

/// <summary>A simulator on <see cref="Scenarios.Standard"/> shared by the read-only tests of one class.</summary>
public sealed class StandardSimulator : IAsyncLifetime
{
    private SimulatorServer? _server;

    public SimulatorServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Scenario = Scenarios.Standard });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
