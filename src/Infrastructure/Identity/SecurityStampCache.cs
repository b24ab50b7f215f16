using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>Each account's current security stamp as this instance last read it, for at most the validation interval.</summary>
public sealed class SecurityStampCache(IMemoryCache cache, IOptions<SecurityStampOptions> options)
{
    public async Task<string?> GetAsync(string userId, Func<Task<string?>> read)
    {
        var key = Key(userId);
        if (cache.TryGetValue(key, out string? stamp))
        {
            return stamp;
        }

        stamp = await read();
        cache.Set(key, stamp, TimeSpan.FromSeconds(Math.Max(0.001, options.Value.SecurityStampValidationSeconds)));
        return stamp;
    }

    public void Forget(string userId) => cache.Remove(Key(userId));

    private static string Key(string userId) => $"security-stamp:{userId}";
}
