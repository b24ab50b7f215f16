using System.Security.Cryptography;
using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Webhooks;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;

namespace VapiAgents.Application.Agents.Commands.RotateWebhookSecret;

/// <summary>Creates or replaces an agent's webhook secret. The secret is answered this once and never again.</summary>
public sealed record RotateWebhookSecretCommand(Guid AgentId) : ICommand<WebhookSecretResult>;

/// <param name="Secret">Configure it in Vapi (a Bearer credential with header <c>X-Vapi-Secret</c>, or an HMAC credential). Shown once.</param>
/// <param name="Url">The server URL to set on the assistant.</param>
public sealed record WebhookSecretResult(string Url, SecretValue Secret, DateTime CreatedAt)
{
    public string SecretHeader => "X-Vapi-Secret";

    public string SignatureHeader => "x-signature";

    public string TimestampHeader => "x-timestamp";
}

public sealed class RotateWebhookSecretCommandHandler(
    IRepository<VapiAgent> agents,
    ISecretProtector protector,
    IWebhookUrls urls,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretResult>
{
    public async ValueTask<WebhookSecretResult> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var agent = await agents.GetOwnedAsync(command.AgentId, currentUser.RequireUserId(), cancellationToken);
        var secret = new SecretValue("whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32)));
        var now = clock.GetUtcNow().UtcDateTime;
        var replaced = agent.WebhookSecret is not null;
        agent.ReplaceWebhookSecret(protector.Seal(secret, SecretPurpose.WebhookSecret, agent.Id), now);
        audit.Record(currentUser, clock, AuditActions.WebhookSecretRotated, agent.UserId, agent.Id, replaced ? "replaced; the old secret no longer works" : "created");
        await agents.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResult(urls.For(agent.Id), secret, now);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
