namespace VapiAgents.Infrastructure.Notifications;

/// <summary>Configuration section <c>Notifications:Smtp</c>: the mail server e-mail channels are sent through.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    /// <summary>Empty: e-mail channels fail with "not configured".</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "VapiAgents <notifications@localhost>";

    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
}
