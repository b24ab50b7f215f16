using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Models;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Clients.Specifications;

namespace VapiAgents.Application.Clients.Commands.UpdateClient;

/// <summary>Changes the fields sent; <c>notes</c> null clears them.</summary>
public sealed record UpdateClientCommand(Guid Id, Optional<string?> Name, Optional<string?> Notes) : ICommand<ClientDto>
{
    public bool HasAnyField => Name.HasValue || Notes.HasValue;
}

public sealed class UpdateClientCommandValidator : AbstractValidator<UpdateClientCommand>
{
    public UpdateClientCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.HasAnyField).Equal(true).OverridePropertyName("body").WithMessage("Send at least one of name or notes.");
        When(c => c.Name.HasValue, () => RuleFor(c => c.Name.Value).ValidClientName().OverridePropertyName("name"));
        When(c => c.Notes.HasValue, () => RuleFor(c => c.Notes.Value).ValidClientNotes().OverridePropertyName("notes"));
    }
}

public sealed class UpdateClientCommandHandler(
    IRepository<Client> clients, IReadRepository<VapiAgent> agents, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<UpdateClientCommand, ClientDto>
{
    public async ValueTask<ClientDto> Handle(UpdateClientCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var client = await clients.GetOwnedAsync(command.Id, userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (command.Name.HasValue && client.Name != command.Name.Value!.Trim())
        {
            if (await clients.AnyAsync(new ClientNameTakenSpec(userId, command.Name.Value!, client.Id), cancellationToken))
            {
                throw ClientNameConflict.Exception();
            }

            client.Rename(command.Name.Value!, now);
        }

        if (command.Notes.HasValue)
        {
            client.ChangeNotes(command.Notes.Value, now);
        }

        try
        {
            await clients.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintException)
        {
            throw ClientNameConflict.Exception();
        }

        return ClientDto.From(client, await agents.AgentCountAsync(client.Id, cancellationToken));
    }
}
