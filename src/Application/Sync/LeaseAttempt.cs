namespace VapiAgents.Application.Sync;

/// <param name="HeldBy">The run holding the lease when it could not be taken.</param>
/// <param name="Expired">The run whose lease had expired and was taken over (its process died).</param>
public sealed record LeaseAttempt(bool Held, Guid? HeldBy, Guid? Expired);
