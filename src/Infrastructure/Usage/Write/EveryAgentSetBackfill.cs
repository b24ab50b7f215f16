using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VapiAgents.Application.Metrics.Commands.RebuildRollups;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>
/// Rebuilds the rollups of each user whose rollups predate the every-agent set (ADR 031), once: until then the
/// readers add up the user's sets one by one, which gives the same answers more slowly.
/// </summary>
internal static class EveryAgentSetBackfill
{
    public static async Task RunAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        List<string> users;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            users = await db.AgentSets.GroupBy(s => s.UserId)
                .Where(g => !g.Any(s => s.Members == AgentSet.EveryAgent))
                .Select(g => g.Key)
                .ToListAsync(cancellationToken);
        }

        foreach (var user in users)
        {
            await using var scope = services.CreateAsyncScope();
            var (calls, rollups) = await scope.ServiceProvider.GetRequiredService<IRollupRebuilder>().RebuildAsync(user, cancellationToken);
            logger.LogInformation("Rebuilt the rollups of a user for the every-agent set: {Calls} calls, {Rollups} rollups", calls, rollups);
        }
    }
}
