using AutoMapper;
using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Common.Exceptions;
using Microsoft.Extensions.Options;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Limits;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Agents.Commands.CreateAgent;

/// <param name="AgentId">Optional Vapi assistant id to filter the agent's calls by.</param>
/// <param name="IsActive">False adds the agent inactive, to be verified and activated later (default true).</param>
/// <param name="ClientId">The caller's client to bill the agent to (404 naming clientId if not the caller's).</param>
public sealed record CreateAgentCommand(string? Name, SecretValue? ApiKey, string? AgentId, bool? IsActive = null, Guid? ClientId = null) : ICommand<AgentDto>;

public sealed class CreateAgentCommandHandler(
    IRepository<VapiAgent> agents,
    IReadRepository<Domain.Clients.Client> clients,
    ISecretProtector protector,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock,
    IMapper mapper,
    IOptions<LimitsOptions> limits) : ICommandHandler<CreateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(CreateAgentCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        await clients.EnsureOwnedAsync(command.ClientId, userId, cancellationToken);
        if (await agents.AnyAsync(new AgentNameTakenSpec(userId, command.Name!), cancellationToken))
        {
            throw AgentNameConflict.Exception();
        }

        // Each agent is a recurring sync; the cap bounds what one account can make the scheduler carry.
        var cap = limits.Value.MaxAgentsPerUser;
        if (await agents.CountAsync(new LiveAgentsOfUserSpec(userId), cancellationToken) >= cap)
        {
            throw new ConflictException(
                $"You already have {cap} agents, the most one account may have (Limits:MaxAgentsPerUser); delete one to add another.", "name");
        }

        var id = Guid.CreateVersion7();
        var apiKey = command.ApiKey!;
        var agent = VapiAgent.Create(
            id, userId, command.Name!, protector.Seal(apiKey, SecretPurpose.VapiApiKey, id), apiKey.Hint,
            command.AgentId, clock.GetUtcNow().UtcDateTime, command.IsActive ?? true, command.ClientId);

        audit.Record(currentUser, clock, AuditActions.AgentCreated, userId, id,
            $"name \"{agent.Name}\", key {agent.ApiKeyHint}, assistant {agent.AssistantId ?? "(none)"}{(agent.IsActive ? "" : ", inactive")}");
        try
        {
            await agents.AddAsync(agent, cancellationToken);
        }
        catch (UniqueConstraintException)
        {
            // Another request took the name between the check and the insert.
            throw AgentNameConflict.Exception();
        }

        return mapper.Map<AgentDto>(agent);
    }
}

internal static class AgentNameConflict
{
    public static ConflictException Exception() => new("You already have an agent with this name.", "name");
}
