using VapiAgents.TestSupport;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>
/// One running app per test class and provider. Without a PostgreSQL server the PostgreSQL fixture stays
/// empty and its tests skip (by hand) — under CI the fixture fails instead (see PostgresTestServer).
/// </summary>
public abstract class AppFixture(Provider provider) : IAsyncLifetime
{
    private TestApp? _app;
    private bool _unavailable;

    public Provider Provider { get; } = provider;

    public TestApp App
    {
        get
        {
            Skip.If(_unavailable, PostgresTestServer.HowToStart);
            return _app ?? throw new InvalidOperationException("The fixture has not started.");
        }
    }

    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        if (Provider == Provider.PostgreSql)
        {
            try
            {
                await PostgresTestServer.RequireAsync();
            }
            catch (SkipException)
            {
                _unavailable = true;
                return;
            }
        }

        _app = await TestApp.StartAsync(Provider, Settings());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed class SqliteAppFixture() : AppFixture(Provider.Sqlite);

public sealed class PostgreSqlAppFixture() : AppFixture(Provider.PostgreSql);
