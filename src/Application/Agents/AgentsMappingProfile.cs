using AutoMapper;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents;

public sealed class AgentsMappingProfile : Profile
{
    public AgentsMappingProfile()
    {
        CreateMap<VapiAgent, AgentDto>().ConvertUsing(AgentDto.FromAgent);
    }
}
