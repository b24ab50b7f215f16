namespace VapiAgents.Application.Sync;

/// <param name="Created">Calls the agent did not hold before.</param>
/// <param name="Updated">Calls the agent held whose facts changed.</param>
public sealed record UpsertResult(int Created, int Updated);
