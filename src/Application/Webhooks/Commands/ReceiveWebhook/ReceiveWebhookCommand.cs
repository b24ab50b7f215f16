using System.Text.Json;
using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Sync;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Webhooks;

namespace VapiAgents.Application.Webhooks.Commands.ReceiveWebhook;

/// <summary>A server message Vapi posted to an agent's webhook URL.</summary>
public sealed record ReceiveWebhookCommand(Guid AgentId, WebhookProof Proof, byte[] Body) : ICommand<WebhookReceipt>;

public sealed record WebhookReceipt(bool Received, WebhookOutcome Outcome);

/// <summary>
/// Checks the proof, then stores an end-of-call report's call exactly as the sync would (idempotent, newest facts
/// win, so replays and later polls change nothing); other message types are acknowledged. Every delivery to a
/// known agent is recorded, whatever its outcome; an unknown or deleted agent answers 401 like a missing proof.
/// </summary>
public sealed class ReceiveWebhookCommandHandler(
    IReadRepository<VapiAgent> agents,
    IRepository<WebhookDelivery> deliveries,
    ISecretProtector protector,
    IServerMessageReader messages,
    IUsageStore store,
    Alerts.IAlertJobQueue alertJobs,
    TimeProvider clock,
    Common.Telemetry.VapiAgentsTelemetry telemetry) : ICommandHandler<ReceiveWebhookCommand, WebhookReceipt>
{
    public async ValueTask<WebhookReceipt> Handle(ReceiveWebhookCommand command, CancellationToken cancellationToken)
    {
        // An unknown agent answers like a known one without proof, so agent ids cannot be probed.
        var agent = await agents.SingleOrDefaultAsync(new LiveAgentByIdSpec(command.AgentId), cancellationToken)
            ?? throw new WebhookUnauthorizedException();
        var now = clock.GetUtcNow().UtcDateTime;

        var proof = agent.WebhookSecret is { } sealedSecret
            ? command.Proof.Verify(protector.Unseal(sealedSecret, SecretPurpose.WebhookSecret, agent.Id), command.Body, now)
            : null;
        if (proof is null)
        {
            await RecordAsync(agent, now, WebhookOutcome.Unauthorized, null, null, null, cancellationToken);
            throw new WebhookUnauthorizedException();
        }

        ServerMessage message;
        try
        {
            message = messages.Read(command.Body);
        }
        catch (JsonException)
        {
            await RecordAsync(agent, now, WebhookOutcome.Invalid, proof, null, null, cancellationToken);
            throw;
        }

        if (message.Type != ServerMessage.EndOfCallReport || message.Call is null)
        {
            await RecordAsync(agent, now, WebhookOutcome.Ignored, proof, message.Type, message.CallId, cancellationToken);
            return new WebhookReceipt(true, WebhookOutcome.Ignored);
        }

        var call = message.Call;
        var mismatch = agent.AssistantId is { } assistant && call.AssistantId != assistant
            ? "The call belongs to another assistant than this agent's."
            : agent.VapiOrgId is { } org && call.OrgId != org ? "The call belongs to another Vapi organisation than this agent's key." : null;
        if (mismatch is not null)
        {
            await RecordAsync(agent, now, WebhookOutcome.Rejected, proof, message.Type, call.Id, cancellationToken);
            throw new WebhookRejectedException(mismatch);
        }

        await store.UpsertAsync(agent.Id, agent.UserId, [call], now, cancellationToken);
        await RecordAsync(agent, now, WebhookOutcome.Accepted, proof, message.Type, call.Id, cancellationToken);
        alertJobs.EnqueueEvaluation(agent.UserId);
        return new WebhookReceipt(true, WebhookOutcome.Accepted);
    }

    private async Task RecordAsync(VapiAgent agent, DateTime now, WebhookOutcome outcome, string? proof, string? type, string? callId, CancellationToken cancellationToken)
    {
        telemetry.WebhooksReceived.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
        await deliveries.AddAsync(WebhookDelivery.Record(agent.Id, agent.UserId, now, outcome, proof, type, callId), cancellationToken);
    }
}
