using FluentValidation;

namespace VapiAgents.Application.Agents.Commands.CreateAgent;

public sealed class CreateAgentCommandValidator : AbstractValidator<CreateAgentCommand>
{
    public CreateAgentCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Name).ValidAgentName();
        RuleFor(c => c.ApiKey).ValidApiKey();
        RuleFor(c => c.AgentId).ValidAssistantId();
    }
}
