namespace VapiAgents.Application.Notifications;

/// <summary>Decides whether a user-supplied URL may be sent to (SSRF): the scheme and every address its host resolves to.</summary>
public interface IDestinationGuard
{
    /// <summary>Null when allowed; otherwise why not, in words fit for a field error (no secret in it).</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
