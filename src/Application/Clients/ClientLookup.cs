using Ardalis.Specification;
using FluentValidation;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Clients.Specifications;

namespace VapiAgents.Application.Clients;

/// <summary>Finding the caller's clients, and the rules of a client's fields.</summary>
public static class ClientLookup
{
    public const string Resource = "Client";

    /// <summary>The user's client, or 404 — the same for unknown and other users' ids.</summary>
    /// <param name="field">The field that carried the id when it came in a body (the 404 names it).</param>
    public static async Task<Client> GetOwnedAsync(
        this IReadRepositoryBase<Client> clients, Guid id, string userId, CancellationToken cancellationToken, string? field = null) =>
        await clients.SingleOrDefaultAsync(new ClientByIdForUserSpec(id, userId), cancellationToken)
        ?? throw new NotFoundException(Resource, field);

    /// <summary>Checks that a client id sent with an agent is the caller's (404 naming <c>clientId</c> otherwise).</summary>
    public static async Task EnsureOwnedAsync(this IReadRepositoryBase<Client> clients, Guid? id, string userId, CancellationToken cancellationToken)
    {
        if (id is { } clientId && !await clients.AnyAsync(new ClientByIdForUserSpec(clientId, userId), cancellationToken))
        {
            throw new NotFoundException(Resource, "clientId");
        }
    }

    public static async Task<int> AgentCountAsync(this IReadRepositoryBase<VapiAgent> agents, Guid clientId, CancellationToken cancellationToken) =>
        await agents.CountAsync(new Domain.Agents.Specifications.AgentsOfClientSpec(clientId), cancellationToken);

    public static IRuleBuilderOptions<T, string?> ValidClientName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotNull().WithMessage("Name is required.")
            .Must(name => name is not null && name.Trim().Length is >= 1 and <= Client.NameMaxLength)
            .WithMessage($"Name must be 1 to {Client.NameMaxLength} characters (spaces at either end are trimmed).");

    public static IRuleBuilderOptions<T, string?> ValidClientNotes<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(notes => notes is null || notes.Length <= Client.NotesMaxLength)
            .WithMessage($"Notes are at most {Client.NotesMaxLength} characters.");
}

internal static class ClientNameConflict
{
    public static ConflictException Exception() => new("You already have a client with this name.", "name");
}
