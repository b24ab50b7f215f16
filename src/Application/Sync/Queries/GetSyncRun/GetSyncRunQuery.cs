using AutoMapper;
using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Usage;
using VapiAgents.Domain.Usage.Specifications;

namespace VapiAgents.Application.Sync.Queries.GetSyncRun;

/// <summary>One run, with its progress while it runs.</summary>
public sealed record GetSyncRunQuery(Guid Id) : IQuery<SyncRunDto>;

public sealed class GetSyncRunQueryHandler(IReadRepository<SyncRun> runs, ICurrentUser currentUser, IMapper mapper)
    : IQueryHandler<GetSyncRunQuery, SyncRunDto>
{
    public async ValueTask<SyncRunDto> Handle(GetSyncRunQuery query, CancellationToken cancellationToken) =>
        mapper.Map<SyncRunDto>(
            await runs.SingleOrDefaultAsync(new SyncRunByIdForUserSpec(query.Id, currentUser.RequireUserId()), cancellationToken)
            ?? throw new NotFoundException("Sync"));
}
