using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Alerts;

/// <summary>
/// Something the user should hear about. <see cref="OccurrenceKey"/> names the occurrence (budget, threshold
/// and period; agent, kind and day; agent and failure streak) and is unique in the database, so however many
/// evaluations race, one occurrence makes one alert.
/// </summary>
public sealed class Alert : IAggregateRoot
{
    public const int MessageMaxLength = 500;
    public const int OccurrenceKeyMaxLength = 200;

    private Alert()
    {
        UserId = "";
        Message = "";
        OccurrenceKey = "";
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public AlertKind Kind { get; private set; }

    public Guid? AgentId { get; private set; }

    public Guid? BudgetId { get; private set; }

    /// <summary>The notification channel a <c>channel.failing</c> alert is about; null for every other kind.</summary>
    public Guid? ChannelId { get; private set; }

    public int? Threshold { get; private set; }

    /// <summary>The budget period's first local day, or the anomaly's local day.</summary>
    public DateOnly? PeriodStart { get; private set; }

    /// <summary>What was observed: spend in USD, a day's cost or calls, failed syncs in a row.</summary>
    public decimal Value { get; private set; }

    /// <summary>The amount at the threshold, or the anomaly's bound.</summary>
    public decimal? Reference { get; private set; }

    public string Message { get; private set; }

    public string OccurrenceKey { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? AcknowledgedAt { get; private set; }

    public static Alert BudgetThreshold(string userId, Guid budgetId, Guid? agentId, int threshold, DateOnly periodStart, decimal spent, decimal reference, string message, DateTime now) =>
        New(userId, AlertKind.BudgetThreshold, agentId, budgetId, threshold, periodStart, spent, reference, message,
            $"budget:{budgetId:N}:{threshold}:{periodStart:yyyy-MM-dd}", now);

    public static Alert Anomaly(string userId, AlertKind kind, Guid agentId, DateOnly day, decimal value, decimal bound, string message, DateTime now) =>
        kind is AlertKind.AnomalyCost or AlertKind.AnomalyCalls
            ? New(userId, kind, agentId, null, null, day, value, bound, message, $"{AlertKinds.Name(kind)}:{agentId:N}:{day:yyyy-MM-dd}", now)
            : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <param name="streak">What names the streak: the last successful run before it (or "never").</param>
    public static Alert SyncFailing(string userId, Guid agentId, string streak, int failures, string message, DateTime now) =>
        New(userId, AlertKind.SyncFailing, agentId, null, null, null, failures, null, message, $"sync.failing:{agentId:N}:{streak}", now);

    /// <param name="streak">Names the failure streak (when it began), so a channel failing again after a success alerts again.</param>
    public static Alert ChannelFailing(string userId, Guid channelId, string streak, int failures, string message, DateTime now)
    {
        var alert = New(userId, AlertKind.ChannelFailing, null, null, null, null, failures, null, message, $"channel.failing:{channelId:N}:{streak}", now);
        alert.ChannelId = channelId;
        return alert;
    }

    private static Alert New(string userId, AlertKind kind, Guid? agentId, Guid? budgetId, int? threshold, DateOnly? periodStart, decimal value, decimal? reference, string message, string key, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Kind = kind,
        AgentId = agentId,
        BudgetId = budgetId,
        Threshold = threshold,
        PeriodStart = periodStart,
        Value = value,
        Reference = reference,
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message,
        OccurrenceKey = key,
        CreatedAt = now,
    };

    /// <summary>Marks it seen; acknowledging twice keeps the first time.</summary>
    public void Acknowledge(DateTime now) => AcknowledgedAt ??= now;
}
