using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <param name="Type">webhook, slack or email.</param>
/// <param name="UrlHint">Webhook and Slack: scheme, host and the URL's last four characters (the URL itself is never shown again).</param>
/// <param name="Email">E-mail channels: the address.</param>
/// <param name="Kinds">The alert kinds sent to this channel.</param>
/// <param name="Enabled">False after a 410 Gone answer or 10 failed attempts in a row (see disabledReason); PATCH enabled: true re-enables.</param>
public sealed record NotificationChannelDto(
    Guid Id,
    string Name,
    string Type,
    string? UrlHint,
    string? Email,
    IReadOnlyList<string> Kinds,
    bool Enabled,
    string? DisabledReason,
    DateTime? DisabledAt,
    DateTime CreatedAt,
    DateTime UpdatedAt);
