using AutoMapper;
using FluentValidation;
using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Usage.Specifications;

namespace VapiAgents.Application.Sync.Queries.ListSyncRuns;

/// <summary>An agent's sync runs, newest first.</summary>
public sealed record ListSyncRunsQuery(Guid AgentId, int Limit = ListSyncRunsQuery.DefaultLimit, int Offset = 0) : IQuery<SyncRunListResponse>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}

public sealed class ListSyncRunsQueryValidator : AbstractValidator<ListSyncRunsQuery>
{
    public ListSyncRunsQueryValidator()
    {
        RuleFor(q => q.AgentId).NotEmpty().WithMessage("agentId is required.");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListSyncRunsQuery.MaxLimit).WithMessage($"limit must be 1 to {ListSyncRunsQuery.MaxLimit}.");
        RuleFor(q => q.Offset).InclusiveBetween(0, 1_000_000).WithMessage("offset must be 0 or more.");
    }
}

public sealed class ListSyncRunsQueryHandler(
    IReadRepository<VapiAgent> agents,
    IReadRepository<SyncRun> runs,
    ICurrentUser currentUser,
    IMapper mapper) : IQueryHandler<ListSyncRunsQuery, SyncRunListResponse>
{
    public async ValueTask<SyncRunListResponse> Handle(ListSyncRunsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        await agents.GetOwnedAsync(query.AgentId, userId, cancellationToken);
        var list = await runs.ListAsync(new SyncRunsForAgentSpec(query.AgentId, userId, query.Offset, query.Limit), cancellationToken);
        return new SyncRunListResponse(mapper.Map<List<SyncRunDto>>(list));
    }
}
