using AutoMapper;
using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Usage.Specifications;

namespace VapiAgents.Application.Sync.Queries.GetSyncRun;

/// <summary>One run of one of the caller's (non-deleted) agents, with its progress while it runs.</summary>
public sealed record GetSyncRunQuery(Guid Id) : IQuery<SyncRunDto>;

public sealed class GetSyncRunQueryHandler(
    IReadRepository<SyncRun> runs,
    IReadRepository<VapiAgent> agents,
    ICurrentUser currentUser,
    IMapper mapper) : IQueryHandler<GetSyncRunQuery, SyncRunDto>
{
    public async ValueTask<SyncRunDto> Handle(GetSyncRunQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var run = await runs.SingleOrDefaultAsync(new SyncRunByIdForUserSpec(query.Id, userId), cancellationToken)
            ?? throw new NotFoundException("Sync");
        if (!await agents.AnyAsync(new Domain.Agents.Specifications.AgentByIdForUserSpec(run.AgentId, userId), cancellationToken))
        {
            throw new NotFoundException("Sync");
        }

        return mapper.Map<SyncRunDto>(run);
    }
}
