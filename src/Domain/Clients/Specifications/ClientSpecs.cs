using Ardalis.Specification;

namespace VapiAgents.Domain.Clients.Specifications;

/// <summary>One of the user's clients; unknown and other users' ids miss alike.</summary>
public sealed class ClientByIdForUserSpec : SingleResultSpecification<Client>
{
    public ClientByIdForUserSpec(Guid id, string userId) => Query.Where(c => c.Id == id && c.UserId == userId);
}

/// <summary>The user's clients by name.</summary>
public sealed class ClientsForUserSpec : Specification<Client>
{
    public ClientsForUserSpec(string userId) => Query.Where(c => c.UserId == userId).OrderBy(c => c.Name).ThenBy(c => c.Id).AsNoTracking();
}

/// <summary>Another client of the user with this name (case-insensitive).</summary>
public sealed class ClientNameTakenSpec : Specification<Client>
{
    public ClientNameTakenSpec(string userId, string name, Guid? exceptId = null)
    {
        var normalized = Client.NormalizeName(name);
        Query.Where(c => c.UserId == userId && c.NormalizedName == normalized);
        if (exceptId is { } id)
        {
            Query.Where(c => c.Id != id);
        }
    }
}
