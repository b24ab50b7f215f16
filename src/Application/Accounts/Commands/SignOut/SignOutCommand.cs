using Mediator;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.Accounts.Commands.SignOut;

/// <summary>Signs the caller out everywhere: every refresh token of the account stops working, access tokens within a minute.</summary>
public sealed record SignOutCommand : ICommand;

public sealed class SignOutCommandHandler(ICurrentUser currentUser, IAccountSessions sessions) : ICommandHandler<SignOutCommand>
{
    public async ValueTask<Unit> Handle(SignOutCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new ForbiddenAccessException();
        await sessions.RevokeAsync(userId, cancellationToken);
        return Unit.Value;
    }
}
