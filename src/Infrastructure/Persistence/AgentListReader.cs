using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VapiAgents.Application.Agents;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>
/// <see cref="IAgentListReader"/> as an EF compiled query: the expression is translated once instead of being
/// built, funcletized and looked up in the query cache on every request, and only the listed columns are read
/// (never the sealed secrets).
/// </summary>
internal sealed class AgentListReader(ApplicationDbContext db) : IAgentListReader
{
    // A compiled query is bound to the model it first ran against. A process normally has one, but hosts started
    // side by side (tests, a restart inside one process) each build their own, so each model gets its own query.
    private static readonly ConditionalWeakTable<IModel, Func<ApplicationDbContext, string, bool, IAsyncEnumerable<AgentDto>>> QueryByModel = [];

    public async Task<List<AgentDto>> ListAsync(string userId, bool includeDeleted, CancellationToken cancellationToken)
    {
        var query = QueryByModel.GetValue(db.Model, static _ => Compile());
        var list = new List<AgentDto>();
        await foreach (var agent in query(db, userId, includeDeleted).WithCancellation(cancellationToken))
        {
            list.Add(agent);
        }

        return list;
    }

    private static Func<ApplicationDbContext, string, bool, IAsyncEnumerable<AgentDto>> Compile() => EF.CompileAsyncQuery(
        (ApplicationDbContext context, string userId, bool includeDeleted) => context.Agents.AsNoTracking()
            .Where(a => a.UserId == userId && (includeDeleted || a.DeletedAt == null))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(AgentDto.FromAgent));
}
