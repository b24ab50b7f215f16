namespace VapiAgents.Application.Notifications;

/// <param name="Failures">Failed attempts in a row.</param>
/// <param name="StartedAt">When the streak's first failure happened: names the streak.</param>
public sealed record FailedStreak(int Failures, DateTime StartedAt);
