using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Application.Sync;
using VapiAgents.Application.Sync.Paging;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.UnitTests.Sync;

public sealed class VapiCallPagerTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly SecretValue Key = new("key-for-tests");

    private static CallFacts Call(string id, DateTime created, DateTime? updated = null, string? assistant = "a1") =>
        CallFacts.Create(id, "org", created, updated ?? created.AddMinutes(5), assistant);

    private static async Task<List<PagerEvent>> ReadAllAsync(IReadOnlyList<CallFacts> calls, TimeWindow range, int pageSize = 100, string? assistant = null)
    {
        var vapi = new InMemoryVapi(calls);
        var pager = new VapiCallPager(vapi, new SyncOptions { PageSize = pageSize });
        var events = new List<PagerEvent>();
        await foreach (var found in pager.ReadAsync(Key, range, assistant, CancellationToken.None))
        {
            events.Add(found);
        }
        return events;
    }

    private static List<string> Ids(IEnumerable<PagerEvent> events) =>
        events.OfType<PageRead>().SelectMany(p => p.Page.Calls).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();

    private static List<string> Sorted(IEnumerable<CallFacts> calls) => calls.Select(c => c.Id).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task ReadsEveryCallExactlyOnce_AcrossDaysOfDenseAndSparseTraffic()
    {
        var random = new Random(3);
        var calls = Enumerable.Range(0, 5000)
            .Select(i => Call($"c{i}", Start.AddMinutes(random.Next(0, 14 * 24 * 60)).AddMilliseconds(random.Next(1000))))
            .ToList();

        var events = await ReadAllAsync(calls, new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddDays(15)));

        Ids(events).Should().Equal(Sorted(calls));
        events.OfType<WindowSaturated>().Should().BeEmpty();
    }

    [Fact]
    public async Task MoreThanAPageInOneCreatedInstant_IsReadBySplittingOnUpdatedAt()
    {
        var instant = Start.AddDays(2);
        var batch = Enumerable.Range(0, 450).Select(i => Call($"batch{i}", instant, instant.AddSeconds(i))).ToList();
        var others = Enumerable.Range(0, 300).Select(i => Call($"c{i}", Start.AddMinutes(i * 7))).ToList();

        var events = await ReadAllAsync([.. batch, .. others], new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddDays(5)));

        Ids(events).Should().Equal(Sorted(batch.Concat(others)));
        events.OfType<WindowSaturated>().Should().BeEmpty();
    }

    [Fact]
    public async Task IncrementalWindows_SplitOnCreatedAtWhenOneUpdatedInstantIsFull()
    {
        var instant = Start.AddDays(1);
        var calls = Enumerable.Range(0, 250).Select(i => Call($"u{i}", Start.AddSeconds(i), instant)).ToList();

        var events = await ReadAllAsync(calls, new TimeWindow(CallTimeField.UpdatedAt, Start, Start.AddDays(2)));

        Ids(events).Should().Equal(Sorted(calls));
    }

    [Fact]
    public async Task AFullPageInOneInstantOnBothFields_IsReportedSaturated_NeverSilentlyLost()
    {
        var instant = Start.AddDays(1);
        var calls = Enumerable.Range(0, 130).Select(i => Call($"s{i}", instant, instant)).ToList();

        var events = await ReadAllAsync(calls, new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddDays(2)));

        events.OfType<WindowSaturated>().Should().ContainSingle();
        Ids(events).Should().HaveCount(100).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task TheAssistantFilter_IsSentWithEveryPage()
    {
        var calls = Enumerable.Range(0, 400).Select(i => Call($"c{i}", Start.AddMinutes(i), assistant: i % 2 == 0 ? "a1" : "a2")).ToList();
        var vapi = new InMemoryVapi(calls);
        var pager = new VapiCallPager(vapi, new SyncOptions { PageSize = 50 });
        var ids = new List<string>();

        await foreach (var found in pager.ReadAsync(Key, new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddDays(1)), "a2", CancellationToken.None))
        {
            ids.AddRange(found is PageRead read ? read.Page.Calls.Select(c => c.Id) : []);
        }

        ids.Should().HaveCount(200).And.OnlyContain(id => int.Parse(id.Substring(1)) % 2 == 1);
        vapi.Queries.Should().OnlyContain(q => q.AssistantId == "a2" && q.Limit == 50);
    }

    [Fact]
    public void Split_CutsThePrimaryWindow_ThenMovesToTheOtherField_ThenGivesUp()
    {
        var created = new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddMinutes(10));
        var instant = new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddMilliseconds(1));
        var updatedInstant = new TimeWindow(CallTimeField.UpdatedAt, Start, Start.AddMilliseconds(1));

        var halves = VapiCallPager.Split(created, null, [])!;
        var narrowed = VapiCallPager.Split(instant, null, [])!;

        halves.Select(h => h.Primary).Should().Equal(
            created with { From = Start.AddMinutes(5) }, created with { To = Start.AddMinutes(5) });
        narrowed.Should().HaveCount(2).And.OnlyContain(n => n.Primary == instant && n.Secondary!.Field == CallTimeField.UpdatedAt);
        narrowed.Min(n => n.Secondary!.From).Should().Be(Start, "a call is never updated before it is created");
        VapiCallPager.Split(instant, updatedInstant, []).Should().BeNull();
    }

    [Fact]
    public void Split_CutsAtThePagesMedianTime_WhenItLiesInsideTheWindow()
    {
        var window = new TimeWindow(CallTimeField.UpdatedAt, Start, Start.AddDays(365));
        var page = Enumerable.Range(1, 9).Select(i => Call($"c{i}", Start, Start.AddMinutes(i))).ToList();

        var parts = VapiCallPager.Split(new TimeWindow(CallTimeField.CreatedAt, Start, Start.AddMilliseconds(1)), window, page)!;

        parts.Select(p => p.Secondary!).Should().Equal(window with { From = Start.AddMinutes(5) }, window with { To = Start.AddMinutes(5) });
    }

    [Fact]
    public async Task ABatchCampaignInAYearLongWindow_TakesAFewRequests_NotABisectionOfTheYear()
    {
        var instant = Start.AddDays(2);
        var batch = Enumerable.Range(0, 450).Select(i => Call($"batch{i}", instant, instant.AddSeconds(i))).ToList();
        var vapi = new InMemoryVapi(batch);
        var pager = new VapiCallPager(vapi, new SyncOptions { PageSize = 300 });

        var events = new List<PagerEvent>();
        await foreach (var found in pager.ReadAsync(Key, new TimeWindow(CallTimeField.CreatedAt, instant, instant.AddMilliseconds(1)), null, CancellationToken.None))
        {
            events.Add(found);
        }

        Ids(events).Should().Equal(Sorted(batch));
        vapi.Queries.Count.Should().BeLessThan(8);
    }

    [Theory]
    [InlineData(60, 1000, 500, 30)]
    [InlineData(60, 0, 500, 240)]
    [InlineData(60, 250, 500, 120)]
    [InlineData(1, 100000, 500, 1)]
    public void NextSpan_AimsAtHalfAPage_WithinBounds(int spanMinutes, int calls, int target, int expectedMinutes) =>
        VapiCallPager.NextSpan(TimeSpan.FromMinutes(spanMinutes), calls, target).Should().Be(TimeSpan.FromMinutes(expectedMinutes));
}
