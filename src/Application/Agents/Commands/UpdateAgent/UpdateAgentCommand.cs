using AutoMapper;
using Mediator;
using VapiAgents.Application.Agents.Commands.CreateAgent;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Models;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;
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
    IAuditTrail audit,
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

            var before = agent.Name;
            agent.Rename(command.Name.Value!, now);
            Audit(AuditActions.AgentRenamed, $"\"{before}\" → \"{agent.Name}\"");
        }

        if (command.ApiKey.HasValue)
        {
            var apiKey = command.ApiKey.Value!;
            var before = agent.ApiKeyHint;
            agent.ReplaceApiKey(protector.Seal(apiKey, SecretPurpose.VapiApiKey, agent.Id), apiKey.Hint, now);
            Audit(AuditActions.AgentKeyReplaced, $"{before} → {agent.ApiKeyHint}");
        }

        if (command.AgentId.HasValue)
        {
            var before = agent.AssistantId;
            if (agent.SetAssistant(command.AgentId.Value, now))
            {
                Audit(AuditActions.AgentAssistantChanged, $"{before ?? "(none)"} → {agent.AssistantId ?? "(none)"}");
            }
        }

        if (command.IsActive.HasValue)
        {
            if (command.IsActive.Value!.Value ? agent.Activate(now) : agent.Deactivate(now))
            {
                Audit(agent.IsActive ? AuditActions.AgentActivated : AuditActions.AgentDeactivated, null);
            }
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

        void Audit(string action, string? details) => audit.Record(currentUser, clock, action, userId, agent.Id, details);
    }
}
