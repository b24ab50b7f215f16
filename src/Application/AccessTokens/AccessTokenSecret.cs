using System.Security.Cryptography;
using System.Text;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.AccessTokens;

namespace VapiAgents.Application.AccessTokens;

/// <summary>
/// The shape of a token's secret: <c>va_pat_</c> and 32 random bytes in base64url. The prefix lets the
/// authentication pick the right scheme and lets secret scanners recognise a leaked token.
/// </summary>
public static class AccessTokenSecret
{
    public const string Prefix = "va_pat_";

    public static SecretValue Generate() =>
        new(Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>SHA-256 is enough: the secret has 256 random bits, so there is nothing to stretch.</summary>
    public static byte[] Hash(SecretValue secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret.Reveal()));

    public static string DisplayPrefix(SecretValue secret) => secret.Reveal()[..PersonalAccessToken.PrefixLength];

    public static bool LooksLikeToken(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);
}
