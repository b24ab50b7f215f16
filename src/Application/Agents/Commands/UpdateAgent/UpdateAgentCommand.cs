using AutoMapper;
using Mediator;
using VapiAgents.Application.Agents.Commands.CreateAgent;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Models;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Agents.Commands.UpdateAgent;

/// <summary>Changes any of the fields that were sent; fields left out stay as they are.</summary>
public sealed record UpdateAgentCommand(
    Guid Id,
    Optional<string?> Name,
    Optional<SecretValue?> ApiKey,
    Optional<string?> AgentId,
    Optional<bool?> IsActive) : ICommand<AgentDto>
{
    public bool HasAnyField => Name.HasValue || ApiKey.HasValue || AgentId.HasValue || IsActive.HasValue;
}

public sealed class UpdateAgentCommandHandler(
    IRepository<VapiAgent> agents,
    ISecretProtector protector,
    ICurrentUser currentUser,
    TimeProvider clock,
    IMapper mapper) : ICommandHandler<UpdateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(UpdateAgentCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var agent = await agents.GetOwnedAsync(command.Id, userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        if (command.Name.HasValue && agent.Name != command.Name.Value!.Trim())
        {
            if (await agents.AnyAsync(new AgentNameTakenSpec(userId, command.Name.Value!, exceptId: agent.Id), cancellationToken))
            {
                throw AgentNameConflict.Exception();
            }

            agent.Rename(command.Name.Value!, now);
        }

        if (command.ApiKey.HasValue)
        {
            var apiKey = command.ApiKey.Value!;
            agent.ReplaceApiKey(protector.Seal(apiKey, SecretPurpose.VapiApiKey, agent.Id), apiKey.Hint, now);
        }

        if (command.AgentId.HasValue)
        {
            agent.SetAssistant(command.AgentId.Value, now);
        }

        if (command.IsActive.HasValue)
        {
            _ = command.IsActive.Value!.Value ? agent.Activate(now) : agent.Deactivate(now);
        }

        try
        {
            await agents.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintException)
        {
            throw AgentNameConflict.Exception();
        }

        return mapper.Map<AgentDto>(agent);
    }
}
