namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>Fixed, test-only encryption keys (never used outside tests).</summary>
public static class TestSettings
{
    public const string KeyIdA = "testA";
    public const string KeyIdB = "testB";
    public static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static Dictionary<string, string?> Encryption(string activeKeyId = KeyIdA) => new()
    {
        [$"Encryption:Keys:{KeyIdA}"] = KeyA,
        [$"Encryption:Keys:{KeyIdB}"] = KeyB,
        ["Encryption:ActiveKeyId"] = activeKeyId,
    };
}
