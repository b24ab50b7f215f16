using AutoMapper;
using Mediator;
using VapiAgents.Application.Agents.Commands.CreateAgent;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Clients;
using VapiAgents.Application.Pricing;
using VapiAgents.Domain.Pricing.Specifications;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Models;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Agents.Commands.UpdateAgent;

/// <summary>
/// Changes any of the fields that were sent; fields left out stay as they are. Activating an inactive agent first
/// checks its key (and assistant id) with Vapi: refused → 422, Vapi unreachable → 502, and nothing is changed.
/// </summary>
public sealed record UpdateAgentCommand(
    Guid Id,
    Optional<string?> Name,
    Optional<SecretValue?> ApiKey,
    Optional<string?> AgentId,
    Optional<bool?> IsActive,
    Optional<Guid?> ClientId = default,
    Optional<int?> ConcurrencyLimit = default) : ICommand<AgentDto>
{
    public bool HasAnyField => Name.HasValue || ApiKey.HasValue || AgentId.HasValue || IsActive.HasValue || ClientId.HasValue || ConcurrencyLimit.HasValue;
}

public sealed class UpdateAgentCommandHandler(
    IRepository<VapiAgent> agents,
    IReadRepository<Domain.Clients.Client> clients,
    IReadRepository<Domain.Pricing.ResalePrice> prices,
    IRevenueRepricer repricer,
    AgentKeyVerifier verifier,
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

        var clientChanged = false;
        if (command.ClientId.HasValue && command.ClientId.Value != agent.ClientId)
        {
            await clients.EnsureOwnedAsync(command.ClientId.Value, userId, cancellationToken);
            var before = agent.ClientId;
            clientChanged = agent.AssignClient(command.ClientId.Value, now)
                            && await ClientPricesAsync([before, command.ClientId.Value], cancellationToken);
            Audit(AuditActions.AgentClientChanged, $"{before?.ToString() ?? "(none)"} → {agent.ClientId?.ToString() ?? "(none)"}");
        }

        if (command.ConcurrencyLimit.HasValue)
        {
            // Vapi's call slots belong to the org, not the assistant: every live agent of the user on the same org
            // carries the same value. An agent whose org is not known yet (never synced or verified) holds it alone.
            var sameOrg = agent.VapiOrgId is { } orgId ? await agents.ListAsync(new AgentsOfOrgSpec(userId, orgId), cancellationToken) : [];
            foreach (var member in sameOrg.Where(a => a.Id != agent.Id).Append(agent))
            {
                member.SetConcurrencyLimit(command.ConcurrencyLimit.Value, now);
            }
        }

        if (command.IsActive.HasValue)
        {
            if (command.IsActive.Value!.Value && !agent.IsActive)
            {
                await VerifyBeforeActivatingAsync(agent, command.ApiKey.HasValue ? command.ApiKey.Value! : null, cancellationToken);
            }

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

        if (clientChanged)
        {
            // Calls priced by the old or new client's price take the agent's new client now (by-client figures follow it).
            await repricer.RepriceAsync(userId, [agent.Id], DateOnly.MinValue, cancellationToken);
        }

        return mapper.Map<AgentDto>(agent);

        void Audit(string action, string? details) => audit.Record(currentUser, clock, action, userId, agent.Id, details);
    }

    /// <summary>Checks the key that will be stored (a new one sent with the change, else the stored one) and the assistant id.</summary>
    private async Task VerifyBeforeActivatingAsync(VapiAgent agent, SecretValue? newKey, CancellationToken cancellationToken)
    {
        var apiKey = newKey ?? protector.Unseal(agent.ApiKey!, SecretPurpose.VapiApiKey, agent.Id);
        var check = await verifier.CheckAsync(apiKey, agent.AssistantId, cancellationToken);
        if (!check.Valid)
        {
            throw new AgentNotVerifiedException(check.Error ?? AgentKeyVerifier.KeyRejected);
        }

        agent.RecordVerification(clock.GetUtcNow().UtcDateTime, check.OrgId);
    }

    private async Task<bool> ClientPricesAsync(Guid?[] clientIds, CancellationToken cancellationToken)
    {
        foreach (var id in clientIds.OfType<Guid>())
        {
            if (await prices.AnyAsync(new PricesOfClientSpec(id), cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
