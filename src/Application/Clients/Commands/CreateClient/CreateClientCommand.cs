using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Clients.Specifications;

namespace VapiAgents.Application.Clients.Commands.CreateClient;

public sealed record CreateClientCommand(string? Name, string? Notes) : ICommand<ClientDto>;

public sealed class CreateClientCommandValidator : AbstractValidator<CreateClientCommand>
{
    public CreateClientCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Name).ValidClientName();
        RuleFor(c => c.Notes).ValidClientNotes();
    }
}

public sealed class CreateClientCommandHandler(IRepository<Client> clients, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CreateClientCommand, ClientDto>
{
    public async ValueTask<ClientDto> Handle(CreateClientCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        if (await clients.AnyAsync(new ClientNameTakenSpec(userId, command.Name!), cancellationToken))
        {
            throw ClientNameConflict.Exception();
        }

        var client = Client.Create(Guid.CreateVersion7(), userId, command.Name!, command.Notes, clock.GetUtcNow().UtcDateTime);
        try
        {
            await clients.AddAsync(client, cancellationToken);
        }
        catch (UniqueConstraintException)
        {
            throw ClientNameConflict.Exception();
        }

        return ClientDto.From(client, 0);
    }
}
