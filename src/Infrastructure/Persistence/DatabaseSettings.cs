using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using VapiAgents.Infrastructure.Common;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>Reads <c>Database:*</c> and <c>ConnectionStrings:Default</c> once, with the embedded SQLite default.</summary>
public static class DatabaseSettings
{
    public static DatabaseOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new DatabaseOptions();
        var section = configuration.GetSection(DatabaseOptions.Section);
        var provider = section["Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new StartupConfigurationException(
                    $"Database:Provider '{provider}' is not supported; use Sqlite, SqlServer or PostgreSql.");
            }

            options.Provider = parsed;
        }

        if (bool.TryParse(section["MigrateOnStartup"], out var migrate))
        {
            options.MigrateOnStartup = migrate;
        }

        if (bool.TryParse(section["PoolContexts"], out var pool))
        {
            options.PoolContexts = pool;
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (environment.IsProduction())
            {
                throw new StartupConfigurationException(
                    "ConnectionStrings:Default is not set. In Production the database must be configured explicitly " +
                    "(environment variable ConnectionStrings__Default).");
            }

            if (options.Provider != DatabaseProvider.Sqlite)
            {
                throw new StartupConfigurationException(
                    $"ConnectionStrings:Default is required for Database:Provider {options.Provider}.");
            }

            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(DataFolder.Resolve(configuration), "vapiagents.db"),
            }.ToString();
        }

        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            EnsureValidPostgreSql(connectionString);
        }

        options.ConnectionString = connectionString;
        return options;
    }

    // Read here so a typo stops start-up with one message instead of failing every request and job later.
    private static void EnsureValidPostgreSql(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The parser's message names the keyword or position, never a value.
            throw new StartupConfigurationException($"ConnectionStrings:Default is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}
