using System.Collections.Concurrent;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>
/// Every real secret (Vapi key, webhook secret) the tests hand to the product. Each <see cref="TestApp"/>,
/// when it is disposed, proves none of them reached a response body, a log line or its database in plaintext.
/// </summary>
public static class SecretLedger
{
    private static readonly ConcurrentDictionary<string, byte> Secrets = new();

    public static string Register(string secret)
    {
        Secrets.TryAdd(secret, 0);
        return secret;
    }

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)Secrets.Keys;

    /// <summary>Names the secrets found in the text and where, or returns nothing.</summary>
    public static IEnumerable<string> FindIn(string where, IEnumerable<string> texts)
    {
        var secrets = Secrets.Keys.ToArray();
        foreach (var text in texts)
        {
            foreach (var secret in secrets.Where(s => text.Contains(s, StringComparison.Ordinal)))
            {
                yield return $"{where}: …{secret[^6..]} in \"{Excerpt(text, secret)}\"";
            }
        }
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 60);
        return text.Substring(start, Math.Min(text.Length - start, secret.Length + 120)).Replace(secret, "<SECRET>");
    }
}
