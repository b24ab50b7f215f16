using FluentAssertions;
using Npgsql;
using VapiAgents.Infrastructure.Persistence.Providers;
using Xunit;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

public sealed class PostgreSqlTuningTests
{
    [Fact]
    public void AnUntunedConnectionString_GetsServerPreparedStatements_AndKeepsTheSessionReset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionTuning.Apply("Host=db;Username=app;Password=pw"));

        tuned.MaxAutoPrepare.Should().Be(PostgreSqlConnectionTuning.MaxAutoPrepare);
        tuned.NoResetOnClose.Should().BeFalse();
        tuned.Host.Should().Be("db");
        tuned.Password.Should().Be("pw");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxAutoPrepare=0")]
    public void WhatTheOperatorSet_Wins(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionTuning.Apply(connectionString));

        tuned.MaxAutoPrepare.Should().Be(0);
    }
}
