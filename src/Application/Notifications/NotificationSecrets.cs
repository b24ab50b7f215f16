using System.Security.Cryptography;
using VapiAgents.Application.Common.Security;

namespace VapiAgents.Application.Notifications;

/// <summary>Standard Webhooks signing secrets: "whsec_" and the base64 of 32 random bytes (the spec asks for 24 to 64).</summary>
public static class NotificationSecrets
{
    public const string Prefix = "whsec_";

    public static SecretValue NewSigningSecret() => new(Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
