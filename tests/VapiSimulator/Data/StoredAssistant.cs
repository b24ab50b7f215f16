namespace VapiAgents.VapiSimulator.Data;

/// <summary>An assistant with its JSON serialised once, like calls.</summary>
internal sealed record StoredAssistant(string Id, string Name, long CreatedAt, long UpdatedAt, byte[] Json);
