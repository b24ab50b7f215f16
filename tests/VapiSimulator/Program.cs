using System.Diagnostics;
using System.Globalization;

namespace VapiAgents.VapiSimulator;

/// <summary>Runs the simulator by hand: <c>dotnet run --project tests/VapiSimulator -- --port 5199 --calls 100000 --seed 1</c>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!CommandLine.TryParse(args, out var commandLine, out var problem))
        {
            await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 2;
        }

        var watch = Stopwatch.StartNew();
        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(commandLine.ToOptions()).ConfigureAwait(false);
        }
        catch (ArgumentException invalid)
        {
            await Console.Error.WriteLineAsync(invalid.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 2;
        }

        await using var running = server;
        var scenario = server.Scenario;
        Console.WriteLine($"Vapi simulator listening on {server.BaseUrl}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"seed {scenario.Seed}, anchor {scenario.Anchor:yyyy-MM-ddTHH:mm:ss.fffZ}, {scenario.Orgs.Sum(org => org.Calls)} calls over {commandLine.Days} days, generated in {watch.Elapsed.TotalSeconds:F1} s"));
        for (var index = 0; index < scenario.Orgs.Count; index++)
        {
            var org = scenario.Orgs[index];
            Console.WriteLine($"org {index + 1} {org.OrgId} ({org.Calls} calls)");
            foreach (var key in org.Keys)
            {
                Console.WriteLine($"  key {key}");
            }

            foreach (var assistant in org.Assistants)
            {
                Console.WriteLine($"  assistant {assistant.Id} {assistant.Name}");
            }
        }

        Console.WriteLine("Control API under /__sim/ (scenario, calls, advance, truth, faults, requests). Ctrl+C stops.");
        await server.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
