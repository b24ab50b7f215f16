namespace VapiAgents.Application.Alerts;

/// <param name="Kind">budget.threshold, anomaly.cost, anomaly.calls, sync.failing or channel.failing (a notification channel disabled after 10 failed attempts in a row; channelId names it).</param>
/// <param name="PeriodStart">The budget period's first local day, or the anomaly's day (YYYY-MM-DD); null for sync.failing and channel.failing.</param>
/// <param name="Value">What was observed: USD spent, a day's cost or calls, failed syncs in a row.</param>
/// <param name="Reference">The amount at the threshold, or the anomaly's bound.</param>
public sealed record AlertDto(
    Guid Id,
    string Kind,
    Guid? AgentId,
    Guid? BudgetId,
    Guid? ChannelId,
    int? Threshold,
    string? PeriodStart,
    decimal Value,
    decimal? Reference,
    string Message,
    DateTime CreatedAt,
    DateTime? AcknowledgedAt);

public sealed record AlertListDto(IReadOnlyList<AlertDto> Alerts, int Total);

public sealed record AlertResponse(AlertDto Alert);
