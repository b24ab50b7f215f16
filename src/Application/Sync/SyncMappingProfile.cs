using AutoMapper;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Sync;

public sealed class SyncMappingProfile : Profile
{
    public SyncMappingProfile()
    {
        CreateMap<SyncRun, SyncRunDto>()
            .ForCtorParam(nameof(SyncRunDto.SaturatedWindows), options => options.MapFrom(run => run.SaturatedWindows));
    }
}
