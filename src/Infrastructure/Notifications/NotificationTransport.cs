using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using VapiAgents.Application.Notifications;
using VapiAgents.Domain.Notifications;

namespace VapiAgents.Infrastructure.Notifications;

/// <summary>
/// One attempt over HTTP (Standard Webhooks, Slack) or SMTP. Never throws for the receiver's faults: every outcome is
/// a <see cref="NotificationAttemptResult"/> with a short error that holds neither the URL nor the answer's body.
/// </summary>
public sealed class NotificationTransport(IHttpClientFactory httpClients, IOptions<SmtpOptions> smtp, TimeProvider clock) : INotificationTransport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<NotificationAttemptResult> SendAsync(NotificationEnvelope envelope, CancellationToken cancellationToken) => envelope.ChannelType switch
    {
        NotificationChannelType.Webhook => await PostAsync(envelope, WebhookBody(envelope), sign: true, cancellationToken),
        NotificationChannelType.Slack => await PostAsync(envelope, SlackBody(envelope), sign: false, cancellationToken),
        NotificationChannelType.Email => await MailAsync(envelope, cancellationToken),
        _ => new NotificationAttemptResult(false, null, "Unknown channel type.", Permanent: true),
    };

    /// <summary>{ type, timestamp, data: { alert } }: the alert exactly as GET /api/vapi/alerts shows it (null for a test).</summary>
    public static string WebhookBody(NotificationEnvelope envelope)
    {
        var data = new JsonObject { ["alert"] = envelope.Alert is null ? null : JsonSerializer.SerializeToNode(envelope.Alert, Json) };
        if (envelope.Alert is null)
        {
            data["message"] = envelope.Text;
        }

        return new JsonObject
        {
            ["type"] = envelope.Kind,
            ["timestamp"] = envelope.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["data"] = data,
        }.ToJsonString();
    }

    public static string SlackBody(NotificationEnvelope envelope) =>
        new JsonObject { ["text"] = $"*{envelope.Title}*\n{envelope.Text}" }.ToJsonString();

    /// <summary>Standard Webhooks: <c>v1,</c> and the base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", keyed with the secret's decoded bytes.</summary>
    public static string Signature(string secret, string eventId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(NotificationSecrets.Prefix, StringComparison.Ordinal) ? secret[NotificationSecrets.Prefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{eventId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    private async Task<NotificationAttemptResult> PostAsync(NotificationEnvelope envelope, string body, bool sign, CancellationToken cancellationToken)
    {
        if (envelope.Url is null)
        {
            return new NotificationAttemptResult(false, null, "The channel has no URL.", Permanent: true);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, envelope.Url.Reveal())
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Options.Set(NotificationHttp.Untraced, true);
        if (sign && envelope.SigningSecret is not null)
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add("webhook-id", envelope.EventId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", Signature(envelope.SigningSecret.Reveal(), envelope.EventId, timestamp, body));
        }

        var client = httpClients.CreateClient(NotificationHttp.ClientName);
        try
        {
            // Headers only: the answer's body is neither read nor stored.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new NotificationAttemptResult(true, code, null)
                : new NotificationAttemptResult(false, code, code is >= 300 and < 400
                    ? $"The receiver answered {code} (redirects are not followed)."
                    : $"The receiver answered {code}.");
        }
        catch (HttpRequestException exception) when (Refusal(exception) is { } refused)
        {
            return new NotificationAttemptResult(false, null, refused.Message, Permanent: true);
        }
        catch (HttpRequestException exception)
        {
            return new NotificationAttemptResult(false, null, $"Could not reach the receiver ({exception.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NotificationAttemptResult(false, null, $"No answer within {NotificationHttp.Timeout.TotalSeconds:0} s.");
        }
    }

    private static DestinationRefusedException? Refusal(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async Task<NotificationAttemptResult> MailAsync(NotificationEnvelope envelope, CancellationToken cancellationToken)
    {
        var settings = smtp.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return new NotificationAttemptResult(false, null, "E-mail is not configured on this server (Notifications:Smtp:Host).", Permanent: true);
        }

        if (envelope.Email is null || !MailboxAddress.TryParse(envelope.Email, out var to) || !MailboxAddress.TryParse(settings.From, out var from))
        {
            return new NotificationAttemptResult(false, null, "The recipient or sender address is not valid.", Permanent: true);
        }

        var message = new MimeMessage { Subject = envelope.Title };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("X-VapiAgents-Event-Id", envelope.EventId);
        message.Body = new BodyBuilder
        {
            TextBody = $"{envelope.Title}\n\n{envelope.Text}\n",
            HtmlBody = $"<h2>{WebUtility.HtmlEncode(envelope.Title)}</h2><p>{WebUtility.HtmlEncode(envelope.Text)}</p>",
        }.ToMessageBody();

        using var client = new SmtpClient { Timeout = (int)NotificationHttp.Timeout.TotalMilliseconds };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new NotificationAttemptResult(true, null, null);
        }
        catch (SmtpCommandException exception)
        {
            return new NotificationAttemptResult(false, (int)exception.StatusCode, $"The mail server refused the message ({(int)exception.StatusCode}).");
        }
        catch (Exception exception) when (exception is SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException or TimeoutException or SslHandshakeException)
        {
            return new NotificationAttemptResult(false, null, $"Could not send through the mail server ({exception.GetType().Name}).");
        }
    }
}
