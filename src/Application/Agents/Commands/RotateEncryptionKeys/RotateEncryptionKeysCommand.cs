using Mediator;
using VapiAgents.Application.Audit;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Audit;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;

/// <summary>
/// Operator command: re-seals every stored secret with the active encryption key. Works in small committed
/// batches and only touches secrets sealed with another key, so it is idempotent and safe to interrupt.
/// </summary>
public sealed record RotateEncryptionKeysCommand : ICommand<RotateEncryptionKeysResult>;

public sealed record RotateEncryptionKeysResult(string ActiveKeyId, int Resealed);

public sealed class RotateEncryptionKeysCommandHandler(
    IRepository<VapiAgent> agents,
    IRepository<Domain.Notifications.NotificationChannel> channels,
    ISecretProtector protector,
    ITokenKeyRing tokenKeys,
    ICurrentUser currentUser,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<RotateEncryptionKeysCommand, RotateEncryptionKeysResult>
{
    public const int BatchSize = 100;

    public async ValueTask<RotateEncryptionKeysResult> Handle(RotateEncryptionKeysCommand command, CancellationToken cancellationToken)
    {
        // Over HTTP only admins may rotate; the CLI runs with no user at all.
        if (currentUser.UserId is not null && !currentUser.IsAdmin)
        {
            throw new ForbiddenAccessException();
        }

        var resealed = await tokenKeys.ResealAsync(cancellationToken);
        while (true)
        {
            var batch = await agents.ListAsync(new AgentsSealedWithOtherKeySpec(protector.ActiveKeyId, BatchSize), cancellationToken);
            if (batch.Count == 0)
            {
                resealed += await ResealChannelsAsync(cancellationToken);
                await audit.SaveAsync(AuditEvent.Record(AuditActions.EncryptionKeysRotated, null, currentUser.UserId, null,
                    $"{resealed} secret(s) re-sealed with key '{protector.ActiveKeyId}'", currentUser.IpAddress, clock.GetUtcNow().UtcDateTime), cancellationToken);
                return new RotateEncryptionKeysResult(protector.ActiveKeyId, resealed);
            }

            foreach (var agent in batch)
            {
                if (agent.ApiKey is { } apiKey && apiKey.KeyId != protector.ActiveKeyId)
                {
                    agent.ResealApiKey(protector.Seal(protector.Unseal(apiKey, SecretPurpose.VapiApiKey, agent.Id), SecretPurpose.VapiApiKey, agent.Id));
                    resealed++;
                }

                if (agent.WebhookSecret is { } webhook && webhook.KeyId != protector.ActiveKeyId)
                {
                    agent.ResealWebhookSecret(protector.Seal(protector.Unseal(webhook, SecretPurpose.WebhookSecret, agent.Id), SecretPurpose.WebhookSecret, agent.Id));
                    resealed++;
                }
            }

            await agents.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Notification channels' URLs and signing secrets (owner: the channel), in committed batches like the agents'.</summary>
    private async Task<int> ResealChannelsAsync(CancellationToken cancellationToken)
    {
        var resealed = 0;
        while (true)
        {
            var batch = await channels.ListAsync(
                new Domain.Notifications.Specifications.NotificationChannelsSealedWithOtherKeySpec(protector.ActiveKeyId, BatchSize), cancellationToken);
            if (batch.Count == 0)
            {
                return resealed;
            }

            foreach (var channel in batch)
            {
                if (channel.Url is { } url && url.KeyId != protector.ActiveKeyId)
                {
                    channel.ResealUrl(protector.Seal(protector.Unseal(url, SecretPurpose.NotificationUrl, channel.Id), SecretPurpose.NotificationUrl, channel.Id));
                    resealed++;
                }

                if (channel.SigningSecret is { } secret && secret.KeyId != protector.ActiveKeyId)
                {
                    channel.ResealSigningSecret(protector.Seal(
                        protector.Unseal(secret, SecretPurpose.NotificationSigningSecret, channel.Id), SecretPurpose.NotificationSigningSecret, channel.Id));
                    resealed++;
                }
            }

            await channels.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>The sealed keys of the token key ring, re-sealed with the active encryption key like the agents' secrets.</summary>
public interface ITokenKeyRing
{
    /// <returns>How many keys were re-sealed.</returns>
    Task<int> ResealAsync(CancellationToken cancellationToken);
}
