using Mediator;

namespace VapiAgents.Application.Retention.Commands.PurgeExpiredRows;

/// <summary>The daily retention tick: delete every registered table's rows older than its retention.</summary>
public sealed record PurgeExpiredRowsCommand : ICommand<IReadOnlyList<PurgedTable>>;

public sealed class PurgeExpiredRowsCommandHandler(IExpiredRowPurger purger, TimeProvider clock)
    : ICommandHandler<PurgeExpiredRowsCommand, IReadOnlyList<PurgedTable>>
{
    public async ValueTask<IReadOnlyList<PurgedTable>> Handle(PurgeExpiredRowsCommand command, CancellationToken cancellationToken) =>
        await purger.PurgeAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
}
