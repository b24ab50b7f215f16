using FluentValidation;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents.Commands.UpdateAgent;

public sealed class UpdateAgentCommandValidator : AbstractValidator<UpdateAgentCommand>
{
    public UpdateAgentCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.HasAnyField).Equal(true).OverridePropertyName("body")
            .WithMessage("Send at least one of name, apiKey, agentId, isActive, clientId or concurrencyLimit.");
        When(c => c.Name.HasValue, () => RuleFor(c => c.Name.Value).ValidAgentName().OverridePropertyName("name"));
        When(c => c.ApiKey.HasValue, () => RuleFor(c => c.ApiKey.Value).ValidApiKey().OverridePropertyName("apiKey"));
        When(c => c.AgentId.HasValue, () => RuleFor(c => c.AgentId.Value).ValidAssistantId().OverridePropertyName("agentId"));
        When(c => c.IsActive.HasValue, () => RuleFor(c => c.IsActive.Value).NotNull()
            .WithMessage("isActive must be true or false.").OverridePropertyName("isActive"));
        When(c => c.ConcurrencyLimit.HasValue, () => RuleFor(c => c.ConcurrencyLimit.Value)
            .Must(limit => limit is null or (>= VapiAgent.MinConcurrencyLimit and <= VapiAgent.MaxConcurrencyLimit))
            .WithMessage($"concurrencyLimit must be a whole number of calls from {VapiAgent.MinConcurrencyLimit} to {VapiAgent.MaxConcurrencyLimit}, or null.")
            .OverridePropertyName("concurrencyLimit"));
    }
}
