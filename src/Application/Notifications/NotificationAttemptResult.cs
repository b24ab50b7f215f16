using VapiAgents.Application.Alerts;

namespace VapiAgents.Application.Notifications;

/// <param name="StatusCode">The receiver's HTTP status (null: no answer, or e-mail).</param>
/// <param name="Error">A short reason for a failure, without the answer's body.</param>
/// <param name="Permanent">Retrying cannot help (a refused address): fail at once.</param>
public sealed record NotificationAttemptResult(bool Delivered, int? StatusCode, string? Error, bool Permanent = false);
