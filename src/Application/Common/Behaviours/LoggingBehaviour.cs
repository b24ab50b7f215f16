using Mediator;
using Microsoft.Extensions.Logging;
using VapiAgents.Application.Common.Interfaces;

namespace VapiAgents.Application.Common.Behaviours;

/// <summary>
/// Logs which use case runs for whom. Only the message's type is logged, never its contents:
/// commands carry Vapi keys and webhook secrets.
/// </summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(
    ILogger<LoggingBehaviour<TMessage, TResponse>> logger,
    ICurrentUser currentUser) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        logger.LogDebug("Handling {MessageName} for user {UserId}", name, currentUser.UserId ?? "(system)");
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception) when (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("{MessageName} ended with {ExceptionType}", name, exception.GetType().Name);
            throw;
        }
    }
}
