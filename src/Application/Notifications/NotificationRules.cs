using FluentValidation;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Notifications;

namespace VapiAgents.Application.Notifications;

/// <summary>The field rules of channels, shared by create and update.</summary>
public static class NotificationRules
{
    public static IRuleBuilderOptions<T, string?> ValidChannelName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= NotificationChannel.NameMaxLength)
            .WithMessage($"name is required and at most {NotificationChannel.NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidChannelType<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(type => NotificationMapping.TryParseType(type, out _)).WithMessage("type must be webhook, slack or email.");

    /// <summary>Shape only (http or https, absolute, no user info); where it points is the destination guard's question.</summary>
    public static IRuleBuilderOptions<T, string?> ValidReceiverUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => TryParseUrl(url, out _))
            .WithMessage($"url must be an absolute http or https URL without user name or password, at most {NotificationChannel.UrlMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(email => email is not null && email.Trim().Length <= NotificationChannel.EmailMaxLength
                && System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim())
            .WithMessage("email must be one e-mail address.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidKinds<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(kinds => kinds is null || (kinds.Count > 0 && kinds.All(k => AlertKinds.TryParse(k, out _))))
            .WithMessage($"kinds must hold one or more of {string.Join(", ", AlertKinds.All.Select(AlertKinds.Name))}.");

    public static bool TryParseUrl(string? text, out Uri url)
    {
        url = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > NotificationChannel.UrlMaxLength
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(parsed.UserInfo) || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        url = parsed;
        return true;
    }

    public static IReadOnlyList<AlertKind>? ParseKinds(IReadOnlyList<string>? kinds) =>
        kinds is null ? null : [.. kinds.Select(k => AlertKinds.TryParse(k, out var kind) ? kind : throw new ArgumentException("Unknown kind.", nameof(kinds)))];
}
