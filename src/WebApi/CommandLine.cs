using Mediator;
using VapiAgents.Application.Admin.Commands.ChangeAdminGrant;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.WebApi;

/// <summary>Operator commands run from the shell with the same configuration as the server.</summary>
public static class CommandLine
{
    public const string RotateKeys = "rotate-keys";
    public const string RebuildRollups = "rebuild-rollups";
    public const string GrantAdmin = "--grant-admin";
    public const string RevokeAdmin = "--revoke-admin";

    public static bool IsCommand(string argument) => argument is RotateKeys or RebuildRollups or GrantAdmin or RevokeAdmin;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var command = args[0];
        if (command is GrantAdmin or RevokeAdmin && args.Length != 2)
        {
            await Console.Error.WriteLineAsync($"Usage: {command} <email>");
            return 2;
        }

        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        switch (command)
        {
            case RotateKeys:
                var result = await sender.Send(new RotateEncryptionKeysCommand());
                Console.WriteLine($"Re-sealed {result.Resealed} secret(s) with encryption key '{result.ActiveKeyId}'.");
                if (result.Skipped > 0)
                {
                    Console.WriteLine($"Skipped {result.Skipped} secret(s) no configured key could open, of agents {string.Join(", ", result.SkippedAgentIds)} and notification channels {string.Join(", ", result.SkippedChannelIds)}.");
                }

                return 0;
            case RebuildRollups:
                var rebuilt = await sender.Send(new RebuildRollupsCommand());
                Console.WriteLine($"Rebuilt {rebuilt.Rollups} rollup(s) from {rebuilt.Calls} call(s) of {rebuilt.Users} user(s).");
                return 0;
            case GrantAdmin or RevokeAdmin:
                return await ChangeAdminGrantAsync(sender, args[1], command == GrantAdmin);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.");
                return 2;
        }
    }

    private static async Task<int> ChangeAdminGrantAsync(ISender sender, string email, bool admin)
    {
        try
        {
            var result = await sender.Send(new ChangeAdminGrantCommand(email, admin));
            Console.WriteLine(result.Changed
                ? $"{(admin ? "Granted" : "Revoked")} the Admin role {(admin ? "to" : "of")} account {result.UserId}; its sessions must sign in again."
                : $"Account {result.UserId} {(admin ? "already is" : "is not")} an Admin; nothing changed.");
            return 0;
        }
        catch (Exception exception) when (exception is NotFoundException or RequestValidationException)
        {
            await Console.Error.WriteLineAsync($"No account has the e-mail '{email}'. Register it first, then run the command again.");
            return 3;
        }
    }
}
