using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Agents;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Sync;

public sealed class AgentBookkeeping(IServiceScopeFactory scopes) : IAgentBookkeeping
{
    private const int Attempts = 5;

    public async Task UpdateAsync(Guid agentId, Action<VapiAgent> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId, cancellationToken);
            if (agent is null)
            {
                return;
            }

            change(agent);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // A user edited the agent meanwhile: read their version and apply the change again.
            }
        }
    }
}
