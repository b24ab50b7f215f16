using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Notifications;

/// <summary>
/// Where a user's alerts go: a webhook (signed), a Slack incoming webhook or an e-mail address. URLs carry tokens,
/// so they are stored sealed with a hint beside them; the webhook signing secret too. A channel that keeps failing is
/// disabled (<see cref="StreakIsFailing"/>; the count is kept by one atomic statement per attempt, since several
/// deliveries to one channel finish at once) and the user re-enables it.
/// </summary>
public sealed class NotificationChannel : IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int UrlMaxLength = 2000;
    public const int ReasonMaxLength = 200;

    /// <summary>Failed attempts in a row after which a channel is disabled and a channel.failing alert raised.</summary>
    public const int FailingStreak = 10;

    private NotificationChannel()
    {
        UserId = "";
        Name = "";
        UrlHint = "";
        KindList = "";
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    public NotificationChannelType Type { get; private set; }

    /// <summary>Webhook and Slack: the receiver's URL, sealed (it often carries a token).</summary>
    public SealedSecret? Url { get; private set; }

    /// <summary>"https://host/…last4": enough to recognise the URL, too little to use it. Empty for e-mail.</summary>
    public string UrlHint { get; private set; }

    /// <summary>E-mail channels: the address (not a secret; shown in answers).</summary>
    public string? Email { get; private set; }

    /// <summary>Webhook channels: the Standard Webhooks secret ("whsec_…"), sealed.</summary>
    public SealedSecret? SigningSecret { get; private set; }

    /// <summary>The alert kinds sent, as "budget.threshold,sync.failing": a handful of names read with the channel.</summary>
    public string KindList { get; private set; }

    public bool Enabled { get; private set; }

    public string? DisabledReason { get; private set; }

    public DateTime? DisabledAt { get; private set; }

    /// <summary>Failed attempts since the last success (or since the channel was enabled).</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>When the current failure streak began: names the streak's one channel.failing alert.</summary>
    public DateTime? FailureStreakStartedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<AlertKind> Kinds =>
        [.. KindList.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => AlertKinds.TryParse(name, out var kind) ? kind : (AlertKind?)null)
            .OfType<AlertKind>()];

    public static NotificationChannel CreateWebhook(Guid id, string userId, string name, NotificationChannelType type, SealedSecret url, string urlHint, SealedSecret? signingSecret, IEnumerable<AlertKind>? kinds, DateTime now)
    {
        if (type == NotificationChannelType.Email)
        {
            throw new DomainRuleException("An e-mail channel has an address, not a URL.");
        }

        if ((type == NotificationChannelType.Webhook) != (signingSecret is not null))
        {
            throw new DomainRuleException("Webhook channels, and only they, have a signing secret.");
        }

        var channel = New(id, userId, name, type, kinds, now);
        channel.Url = url;
        channel.UrlHint = urlHint;
        channel.SigningSecret = signingSecret;
        return channel;
    }

    public static NotificationChannel CreateEmail(Guid id, string userId, string name, string email, IEnumerable<AlertKind>? kinds, DateTime now)
    {
        var channel = New(id, userId, name, NotificationChannelType.Email, kinds, now);
        channel.Email = email.Trim();
        return channel;
    }

    private static NotificationChannel New(Guid id, string userId, string name, NotificationChannelType type, IEnumerable<AlertKind>? kinds, DateTime now)
    {
        var channel = new NotificationChannel { Id = id, UserId = userId, Type = type, Enabled = true, CreatedAt = now };
        channel.Rename(name, now);
        channel.ChangeKinds(kinds ?? AlertKinds.All, now);
        return channel;
    }

    public void Rename(string name, DateTime now)
    {
        Name = name.Trim();
        Touch(now);
    }

    public void ChangeKinds(IEnumerable<AlertKind> kinds, DateTime now)
    {
        var distinct = kinds.Distinct().Order().ToList();
        if (distinct.Count == 0)
        {
            throw new DomainRuleException("A channel sends at least one kind of alert.");
        }

        KindList = string.Join(',', distinct.Select(AlertKinds.Name));
        Touch(now);
    }

    public void ReplaceUrl(SealedSecret url, string urlHint, DateTime now)
    {
        if (Type == NotificationChannelType.Email)
        {
            throw new DomainRuleException("An e-mail channel has an address, not a URL.");
        }

        Url = url;
        UrlHint = urlHint;
        Touch(now);
    }

    public void ChangeEmail(string email, DateTime now)
    {
        if (Type != NotificationChannelType.Email)
        {
            throw new DomainRuleException("Only e-mail channels have an address.");
        }

        Email = email.Trim();
        Touch(now);
    }

    public void RotateSecret(SealedSecret signingSecret, DateTime now)
    {
        if (Type != NotificationChannelType.Webhook)
        {
            throw new DomainRuleException("Only webhook channels have a signing secret.");
        }

        SigningSecret = signingSecret;
        Touch(now);
    }

    /// <summary>The same URL sealed with another encryption key (key rotation); nothing else changes.</summary>
    public void ResealUrl(SealedSecret url) => Url = Url is null ? throw new DomainRuleException("This channel has no URL.") : url;

    /// <summary>The same signing secret sealed with another encryption key (key rotation); nothing else changes.</summary>
    public void ResealSigningSecret(SealedSecret secret) =>
        SigningSecret = SigningSecret is null ? throw new DomainRuleException("This channel has no signing secret.") : secret;

    /// <summary>Whether alerts of this kind go to this channel (enabled or not).</summary>
    public bool Wants(AlertKind kind) => Kinds.Contains(kind);

    public void Disable(string reason, DateTime now)
    {
        if (!Enabled)
        {
            return;
        }

        Enabled = false;
        DisabledReason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason;
        DisabledAt = now;
        Touch(now);
    }

    /// <summary>Re-enabling starts with a clean slate: the old streak no longer counts.</summary>
    public void Enable(DateTime now)
    {
        if (Enabled)
        {
            return;
        }

        Enabled = true;
        DisabledReason = null;
        DisabledAt = null;
        ConsecutiveFailures = 0;
        FailureStreakStartedAt = null;
        Touch(now);
    }

    /// <summary>Whether <paramref name="failuresInARow"/> failed attempts end the channel's streak (it is then disabled, once).</summary>
    public static bool StreakIsFailing(int failuresInARow) => failuresInARow >= FailingStreak;

    /// <summary>The reason a failing streak disables a channel with.</summary>
    public static string FailingStreakReason => $"{FailingStreak} delivery attempts in a row failed.";

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
    }
}
