using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.Agents.Commands.VerifyAgentKey;

/// <summary>Checks the stored key (and assistant id) against Vapi.</summary>
public sealed record VerifyAgentKeyCommand(Guid Id) : ICommand<VerifyAgentKeyResult>;

/// <param name="OrgId">The Vapi organisation the key belongs to, when Vapi told us.</param>
/// <param name="Error">Why the key or assistant is not valid, in plain words.</param>
public sealed record VerifyAgentKeyResult(bool Valid, string? OrgId, string? AssistantName, string? Error);

public sealed class VerifyAgentKeyCommandHandler(
    IRepository<VapiAgent> agents,
    ISecretProtector protector,
    AgentKeyVerifier verifier,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<VerifyAgentKeyCommand, VerifyAgentKeyResult>
{
    public async ValueTask<VerifyAgentKeyResult> Handle(VerifyAgentKeyCommand command, CancellationToken cancellationToken)
    {
        var agent = await agents.GetOwnedAsync(command.Id, currentUser.RequireUserId(), cancellationToken);
        var apiKey = protector.Unseal(agent.ApiKey!, SecretPurpose.VapiApiKey, agent.Id);
        var check = await verifier.CheckAsync(apiKey, agent.AssistantId, cancellationToken);
        var result = new VerifyAgentKeyResult(check.Valid, check.OrgId, check.AssistantName, check.Error);

        if (result.Valid)
        {
            agent.RecordVerification(clock.GetUtcNow().UtcDateTime, result.OrgId);
        }
        else
        {
            agent.RecordFailedVerification();
        }

        audit.Record(currentUser, clock, AuditActions.AgentVerified, agent.UserId, agent.Id,
            result.Valid ? $"valid (organisation {result.OrgId ?? "unknown"})" : $"not valid: {result.Error}");
        await agents.SaveChangesAsync(cancellationToken);
        return result;
    }
}
