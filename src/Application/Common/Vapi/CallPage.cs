using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Common.Vapi;

/// <summary>One page as Vapi answered it. <see cref="Items"/> counts every array element, valid or not, to tell a full page.</summary>
public sealed record CallPage(IReadOnlyList<CallFacts> Calls, int Items, int Malformed)
{
    public bool IsFull(int limit) => Items >= limit;
}
