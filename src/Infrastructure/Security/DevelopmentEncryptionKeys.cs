using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.Infrastructure.Security;

/// <summary>
/// In Development only, a missing encryption key is generated once into the data folder so that
/// <c>dotnet run</c> on an empty folder just works. Production never gets this fallback.
/// </summary>
public static class DevelopmentEncryptionKeys
{
    public const string FileName = "encryption-keys.json";

    /// <returns>The generated or reused file's path, or null when keys are configured or the environment is not Development.</returns>
    public static string? AddDevelopmentEncryptionKeys(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() || configuration.GetSection($"{EncryptionOptions.Section}:Keys").GetChildren().Any())
        {
            return null;
        }

        var path = Path.Combine(DataFolder.Resolve(configuration), FileName);
        if (!File.Exists(path))
        {
            var keyId = $"dev{DateTime.UtcNow:yyyyMMdd}";
            var document = new Dictionary<string, object>
            {
                [EncryptionOptions.Section] = new Dictionary<string, object>
                {
                    ["ActiveKeyId"] = keyId,
                    ["Keys"] = new Dictionary<string, string> { [keyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(EncryptionKeyRing.KeySizeBytes)) },
                },
            };
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(file, document, new JsonSerializerOptions { WriteIndented = true });
        }

        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        return path;
    }
}
