using Mediator;

namespace VapiAgents.Application.Sync.Commands.ExecuteSyncRun;

/// <summary>Runs a queued sync (sent by the background job that a <c>wait: false</c> sync enqueued).</summary>
public sealed record ExecuteSyncRunCommand(Guid RunId) : ICommand<SyncRunDto>;

public sealed class ExecuteSyncRunCommandHandler(SyncRunner runner, AutoMapper.IMapper mapper)
    : ICommandHandler<ExecuteSyncRunCommand, SyncRunDto>
{
    public async ValueTask<SyncRunDto> Handle(ExecuteSyncRunCommand command, CancellationToken cancellationToken) =>
        mapper.Map<SyncRunDto>((await runner.RunAsync(command.RunId, cancellationToken)).Run);
}
