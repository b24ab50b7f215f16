using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Infrastructure.Persistence.Repositories;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

/// <summary>The agent table's rules as the database enforces them, on each provider.</summary>
public abstract class AgentPersistenceTests(DatabaseFixture fixture)
{
    private static readonly DateTime Now = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    private static VapiAgent NewAgent(string userId, string name, int minutesLater = 0) =>
        VapiAgent.Create(Guid.CreateVersion7(), userId, name, new SealedSecret("k", [1, 2, 3, 4]), "…1234", null, Now.AddMinutes(minutesLater));

    [SkippableFact]
    public async Task SameNameTwice_ForOneUser_IsRefusedByTheUniqueIndex()
    {
        var user = Guid.NewGuid().ToString();
        await using var db = fixture.NewContext();
        db.Agents.Add(NewAgent(user, "Scheduling"));
        await db.SaveChangesAsync();

        db.Agents.Add(NewAgent(user, " SCHEDULING"));
        var save = () => db.SaveChangesAsync();

        await save.Should().ThrowAsync<UniqueConstraintException>();
    }

    [SkippableFact]
    public async Task DeletedAgents_DoNotHoldTheirName()
    {
        var user = Guid.NewGuid().ToString();
        await using var db = fixture.NewContext();
        var first = NewAgent(user, "Refills");
        db.Agents.Add(first);
        await db.SaveChangesAsync();
        first.Delete(Now.AddHours(1));
        await db.SaveChangesAsync();

        var second = NewAgent(user, "Refills");
        second.Delete(Now.AddHours(2));
        db.Agents.AddRange(second, NewAgent(user, "Refills"));
        await db.SaveChangesAsync();

        (await db.Agents.CountAsync(a => a.UserId == user)).Should().Be(3);
    }

    [SkippableFact]
    public async Task ConcurrentUpdates_TheSecondWriterGetsAConflict()
    {
        var agent = NewAgent(Guid.NewGuid().ToString(), "Triage");
        await using (var db = fixture.NewContext())
        {
            db.Agents.Add(agent);
            await db.SaveChangesAsync();
        }

        await using var first = fixture.NewContext();
        await using var second = fixture.NewContext();
        var a = await first.Agents.SingleAsync(x => x.Id == agent.Id);
        var b = await second.Agents.SingleAsync(x => x.Id == agent.Id);
        a.Rename("Triage A", Now.AddMinutes(1));
        b.Rename("Triage B", Now.AddMinutes(1));
        await first.SaveChangesAsync();

        var save = () => second.SaveChangesAsync();

        await save.Should().ThrowAsync<ConcurrencyConflictException>();
    }

    [SkippableFact]
    public async Task Repository_ListsAndFindsThroughSpecifications_WithUtcTimes()
    {
        var user = Guid.NewGuid().ToString();
        await using (var db = fixture.NewContext())
        {
            db.Agents.AddRange(NewAgent(user, "Two", 1), NewAgent(user, "One"), NewAgent(Guid.NewGuid().ToString(), "Other"));
            await db.SaveChangesAsync();
        }

        await using var context = fixture.NewContext();
        var repository = new EfRepository<VapiAgent>(context);
        var list = await repository.ListAsync(new AgentsForUserSpec(user, includeDeleted: false));
        var one = await repository.SingleOrDefaultAsync(new AgentByIdForUserSpec(list[0].Id, user));
        var notTheirs = await repository.SingleOrDefaultAsync(new AgentByIdForUserSpec(list[0].Id, "someone-else"));

        list.Select(a => a.Name).Should().Equal("One", "Two");
        one!.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
        one.CreatedAt.Should().Be(Now);
        one.ApiKey!.Ciphertext.Should().Equal(1, 2, 3, 4);
        notTheirs.Should().BeNull();
    }
}

public sealed class SqliteAgentPersistenceTests(SqliteDatabaseFixture fixture)
    : AgentPersistenceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlAgentPersistenceTests(PostgreSqlDatabaseFixture fixture)
    : AgentPersistenceTests(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
