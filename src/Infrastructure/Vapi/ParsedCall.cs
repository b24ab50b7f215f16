using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Vapi;

/// <summary>One array element of <c>GET /call</c>: the call's facts, or null when the element was not a valid call.</summary>
internal readonly record struct ParsedCall(CallFacts? Facts);
