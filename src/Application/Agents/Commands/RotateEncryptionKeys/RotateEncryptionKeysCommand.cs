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

/// <param name="Skipped">Secrets no configured key could unseal (corrupted, or sealed with a key no longer configured): left as they are.</param>
/// <param name="SkippedAgentIds">The agents holding them, so an operator can have their owners enter the key again.</param>
/// <param name="SkippedChannelIds">The notification channels holding them (their owners re-create them).</param>
/// <param name="SkippedTokenKeyIds">
/// Keys of the token key ring (Data Protection key ids) no key could open: tokens they signed no longer validate, and
/// sign-in uses the ring's other keys (or a new one), so users sign in again at worst.
/// </param>
public sealed record RotateEncryptionKeysResult(
    string ActiveKeyId, int Resealed, int Skipped, IReadOnlyList<Guid> SkippedAgentIds, IReadOnlyList<Guid> SkippedChannelIds,
    IReadOnlyList<Guid> SkippedTokenKeyIds);

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

        var tokenRing = await tokenKeys.ResealAsync(cancellationToken);
        var resealed = tokenRing.Resealed;
        var skipped = tokenRing.SkippedKeyIds.Count;
        var skippedAgents = new List<Guid>();
        while (true)
        {
            var batch = await agents.ListAsync(new AgentsSealedWithOtherKeySpec(protector.ActiveKeyId, BatchSize, skippedAgents), cancellationToken);
            if (batch.Count == 0)
            {
                var (channelsResealed, skippedChannels) = await ResealChannelsAsync(cancellationToken);
                resealed += channelsResealed;
                skipped += skippedChannels.Count;
                await audit.SaveAsync(AuditEvent.Record(AuditActions.EncryptionKeysRotated, null, currentUser.UserId, null,
                    $"{resealed} secret(s) re-sealed with key '{protector.ActiveKeyId}'" +
                    (skipped == 0 ? "" : $"; {skipped} secret(s) no key could open left as they were (agents {string.Join(", ", skippedAgents)}; " +
                        $"notification channels {string.Join(", ", skippedChannels)}; token keys {string.Join(", ", tokenRing.SkippedKeyIds)})"),
                    currentUser.IpAddress, clock.GetUtcNow().UtcDateTime), cancellationToken);
                return new RotateEncryptionKeysResult(protector.ActiveKeyId, resealed, skipped, skippedAgents, skippedChannels, tokenRing.SkippedKeyIds);
            }

            foreach (var agent in batch)
            {
                var unopened = 0;
                if (agent.ApiKey is { } apiKey && apiKey.KeyId != protector.ActiveKeyId)
                {
                    if (TryReseal(apiKey, SecretPurpose.VapiApiKey, agent.Id) is { } sealedKey)
                    {
                        agent.ResealApiKey(sealedKey);
                        resealed++;
                    }
                    else
                    {
                        unopened++;
                    }
                }

                if (agent.WebhookSecret is { } webhook && webhook.KeyId != protector.ActiveKeyId)
                {
                    if (TryReseal(webhook, SecretPurpose.WebhookSecret, agent.Id) is { } sealedSecret)
                    {
                        agent.ResealWebhookSecret(sealedSecret);
                        resealed++;
                    }
                    else
                    {
                        unopened++;
                    }
                }

                if (unopened > 0)
                {
                    skipped += unopened;
                    skippedAgents.Add(agent.Id);
                }
            }

            await agents.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>One secret that no key opens must not stop the rotation of everyone else's; it is counted instead.</summary>
    private SealedSecret? TryReseal(SealedSecret secret, SecretPurpose purpose, Guid ownerId)
    {
        try
        {
            return protector.Seal(protector.Unseal(secret, purpose, ownerId), purpose, ownerId);
        }
        catch (SecretUnsealException)
        {
            return null;
        }
    }

    /// <summary>Notification channels' URLs and signing secrets (owner: the channel), in committed batches like the agents'.</summary>
    private async Task<(int Resealed, List<Guid> Skipped)> ResealChannelsAsync(CancellationToken cancellationToken)
    {
        var resealed = 0;
        var skipped = new List<Guid>();
        while (true)
        {
            var batch = await channels.ListAsync(
                new Domain.Notifications.Specifications.NotificationChannelsSealedWithOtherKeySpec(protector.ActiveKeyId, BatchSize, skipped), cancellationToken);
            if (batch.Count == 0)
            {
                return (resealed, skipped);
            }

            foreach (var channel in batch)
            {
                var opened = true;
                if (channel.Url is { } url && url.KeyId != protector.ActiveKeyId)
                {
                    if (TryReseal(url, SecretPurpose.NotificationUrl, channel.Id) is { } sealedUrl)
                    {
                        channel.ResealUrl(sealedUrl);
                        resealed++;
                    }
                    else
                    {
                        opened = false;
                    }
                }

                if (channel.SigningSecret is { } secret && secret.KeyId != protector.ActiveKeyId)
                {
                    if (TryReseal(secret, SecretPurpose.NotificationSigningSecret, channel.Id) is { } sealedSecret)
                    {
                        channel.ResealSigningSecret(sealedSecret);
                        resealed++;
                    }
                    else
                    {
                        opened = false;
                    }
                }

                if (!opened)
                {
                    skipped.Add(channel.Id);
                }
            }

            await channels.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>The sealed keys of the token key ring, re-sealed with the active encryption key like the agents' secrets.</summary>
public interface ITokenKeyRing
{
    /// <summary>Re-seals every key sealed with another encryption key; one that no key opens is left as it is and reported.</summary>
    Task<TokenKeyResealResult> ResealAsync(CancellationToken cancellationToken);
}

/// <param name="Resealed">Keys re-sealed with the active encryption key.</param>
/// <param name="SkippedKeyIds">The ring's keys (their Data Protection ids) that no configured encryption key could open.</param>
public sealed record TokenKeyResealResult(int Resealed, IReadOnlyList<Guid> SkippedKeyIds);
