using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.Audit.Queries.ListAuditEvents;

/// <summary>The caller's audit trail, newest first; admins see everyone's unless they ask for their own.</summary>
public sealed record ListAuditEventsQuery(int Limit = 50, int Offset = 0, bool Mine = false) : IQuery<AuditEventListResponse>;

public sealed record AuditEventDto(Guid Id, DateTime At, string Action, Guid? AgentId, string? Details, string? IpAddress, string? ActorId, string? UserId);

public sealed record AuditEventListResponse(IReadOnlyList<AuditEventDto> Events);

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 200).WithMessage("limit must be 1 to 200.");
        RuleFor(q => q.Offset).InclusiveBetween(0, 1_000_000).WithMessage("offset must be 0 or more.");
    }
}

public sealed class ListAuditEventsQueryHandler(IReadRepository<AuditEvent> events, ICurrentUser currentUser)
    : IQueryHandler<ListAuditEventsQuery, AuditEventListResponse>
{
    public async ValueTask<AuditEventListResponse> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var scope = currentUser.IsAdmin && !query.Mine ? null : userId;
        var list = await events.ListAsync(new AuditEventsSpec(scope, query.Offset, query.Limit), cancellationToken);
        return new AuditEventListResponse(list.Select(e => new AuditEventDto(e.Id, e.At, e.Action, e.AgentId, e.Details, e.IpAddress, e.ActorId, e.UserId)).ToList());
    }
}
