using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.UnitTests.Sync;

/// <summary>
/// Vapi's <c>GET /call</c> rules over a list in memory: half-open filters on both time fields, an assistant
/// filter, at most <c>limit</c> results, newest first with ties in a different random order on every call.
/// Used to test the pager's logic without HTTP (the functional tests run it against the HTTP simulator).
/// </summary>
internal sealed class InMemoryVapi(IReadOnlyList<CallFacts> calls, int seed = 1) : IVapiClient
{
    private readonly Random _random = new(seed);

    public List<CallListQuery> Queries { get; } = [];

    public Task<CallPage> ListCallsAsync(SecretValue apiKey, CallListQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        var page = calls
            .Where(c => Inside(c, query.Primary) && (query.Secondary is null || Inside(c, query.Secondary)))
            .Where(c => query.AssistantId is null || c.AssistantId == query.AssistantId)
            .OrderByDescending(c => c.CreatedAt).ThenBy(_ => _random.Next())
            .Take(query.Limit)
            .ToList();
        return Task.FromResult(new CallPage(page, page.Count, 0));
    }

    public Task<VapiAssistant?> GetAssistantAsync(SecretValue apiKey, string assistantId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<VapiAssistant>> ListAssistantsAsync(SecretValue apiKey, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private static bool Inside(CallFacts call, TimeWindow window)
    {
        var at = window.Field == CallTimeField.CreatedAt ? call.CreatedAt : call.UpdatedAt;
        return at >= window.From && at < window.To;
    }
}
