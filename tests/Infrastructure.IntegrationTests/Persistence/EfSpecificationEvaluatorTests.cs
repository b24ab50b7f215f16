using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.Infrastructure.Persistence;
using VapiAgents.Infrastructure.Persistence.Repositories;
using VapiAgents.TestSupport;

namespace VapiAgents.Infrastructure.IntegrationTests.Persistence;

/// <summary>The evaluator against a real SQLite database (Identity users serve as rows).</summary>
public sealed class EfSpecificationEvaluatorTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("spec");
    private ApplicationDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = ProviderContexts.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder.Path, "s.db")};Pooling=false");
        await _db.Database.MigrateAsync();
        foreach (var name in new[] { "carol", "alice", "dave", "bob", "erin" })
        {
            _db.Users.Add(new ApplicationUser { UserName = name, Email = $"{name}@{(name.Length > 3 ? "long" : "short")}.test" });
        }

        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _folder.Dispose();
    }

    private sealed class LongNamesPageSpec : Specification<ApplicationUser>
    {
        public LongNamesPageSpec(int skip, int take) =>
            Query.Where(u => u.Email!.EndsWith("@long.test")).OrderByDescending(u => u.UserName).Skip(skip).Take(take).AsNoTracking();
    }

    private sealed class NamesSpec : Specification<ApplicationUser, string>
    {
        public NamesSpec()
        {
            Query.OrderBy(u => u.UserName);
            Query.Select(u => u.UserName!);
        }
    }

    private sealed class SearchSpec : Specification<ApplicationUser>
    {
        public SearchSpec() => Query.Search(u => u.UserName!, "%a%");
    }

    [Fact]
    public async Task Criteria_Order_Paging_AndTracking_AreApplied()
    {
        var page = await EfSpecificationEvaluator.Apply(_db.Users, new LongNamesPageSpec(skip: 2, take: 1)).ToListAsync();

        page.Select(u => u.UserName).Should().Equal("carol");
        _db.ChangeTracker.Entries().Should().BeEmpty("the specification asked for no tracking");
    }

    [Fact]
    public async Task Count_UsesCriteriaOnly_IgnoringPaging()
    {
        var count = await EfSpecificationEvaluator.Apply(_db.Users, new LongNamesPageSpec(skip: 1, take: 1), evaluateCriteriaOnly: true).CountAsync();

        count.Should().Be(4);
    }

    [Fact]
    public async Task Projection_SelectsInOrder()
    {
        var names = await EfSpecificationEvaluator.Apply(_db.Users, new NamesSpec()).ToListAsync();

        names.Should().Equal("alice", "bob", "carol", "dave", "erin");
    }

    [Fact]
    public void UnsupportedFeatures_AreRefused_NotIgnored()
    {
        var apply = () => EfSpecificationEvaluator.Apply(_db.Users, new SearchSpec());

        apply.Should().Throw<NotSupportedException>();
    }
}
