using VapiAgents.VapiSimulator;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Metrics;

/// <summary>Two empty Vapi orgs: each test adds crafted, overlapping calls to them.</summary>
public abstract class TwoOrgsAppFixture(Provider provider) : AppFixture(provider)
{
    protected override ScenarioSpec Scenario() => new()
    {
        Seed = 19,
        Orgs = [new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 0 }, new OrgSpec { KeyCount = 1, Assistants = 1, Calls = 0 }],
    };

    public string Key(int org) => Vapi.Scenario.Orgs[org].Keys[0];
}

public sealed class SqliteTwoOrgsAppFixture() : TwoOrgsAppFixture(Provider.Sqlite);

public sealed class PostgreSqlTwoOrgsAppFixture() : TwoOrgsAppFixture(Provider.PostgreSql);
