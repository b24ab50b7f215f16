using Mediator;
using VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.WebApi;

/// <summary>Operator commands run from the shell with the same configuration as the server.</summary>
public static class CommandLine
{
    public const string RotateKeys = "rotate-keys";
    public const string RebuildRollups = "rebuild-rollups";

    public static bool IsCommand(string argument) => argument is RotateKeys or RebuildRollups;

    public static async Task<int> RunAsync(WebApplication app, string command)
    {
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        switch (command)
        {
            case RotateKeys:
                var result = await sender.Send(new RotateEncryptionKeysCommand());
                Console.WriteLine($"Re-sealed {result.Resealed} secret(s) with encryption key '{result.ActiveKeyId}'.");
                return 0;
            case RebuildRollups:
                var rebuilt = await sender.Send(new RebuildRollupsCommand());
                Console.WriteLine($"Rebuilt {rebuilt.Rollups} rollup(s) from {rebuilt.Calls} call(s) of {rebuilt.Users} user(s).");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.");
                return 2;
        }
    }
}
