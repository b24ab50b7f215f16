using Microsoft.Extensions.Configuration;

namespace VapiAgents.Infrastructure.Common;

/// <summary>
/// The folder holding the embedded database and generated development keys:
/// configuration <c>DataFolder</c>, default <c>data</c> under the working directory, created if missing.
/// </summary>
public static class DataFolder
{
    public const string ConfigurationKey = "DataFolder";

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, Directory.GetCurrentDirectory());
        Directory.CreateDirectory(path);
        return path;
    }
}
