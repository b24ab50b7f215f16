namespace VapiAgents.Application.Common.Vapi;

/// <summary>One <c>GET /call</c>: a window, optionally narrowed by a second window on the other time field.</summary>
public sealed record CallListQuery(TimeWindow Primary, TimeWindow? Secondary, string? AssistantId, int Limit);
