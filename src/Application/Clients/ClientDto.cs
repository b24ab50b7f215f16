using VapiAgents.Domain.Clients;

namespace VapiAgents.Application.Clients;

/// <summary>A client as the API shows it, with how many of the user's live agents it has.</summary>
public sealed record ClientDto(Guid Id, string Name, string? Notes, int AgentCount, DateTime CreatedAt)
{
    public static ClientDto From(Client client, int agentCount) => new(client.Id, client.Name, client.Notes, agentCount, client.CreatedAt);
}

public sealed record ClientResponse(ClientDto Client);

public sealed record ClientListResponse(IReadOnlyList<ClientDto> Clients);
