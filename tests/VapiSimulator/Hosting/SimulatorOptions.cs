namespace VapiAgents.VapiSimulator;

public sealed record SimulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    public ScenarioSpec Scenario { get; init; } = new();
}
