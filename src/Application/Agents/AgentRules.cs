using System.Text.RegularExpressions;
using FluentValidation;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Application.Agents;

/// <summary>
/// The rules for an agent's fields, shared by the create and update validators (which stop at a field's first
/// failure). Messages never echo a key.
/// </summary>
public static partial class AgentRules
{
    public static IRuleBuilderOptions<T, string?> ValidAgentName<T>(this IRuleBuilder<T, string?> rule) =>
        rule
            .NotNull().WithMessage("Name is required.")
            .Must(name => name is not null && name.Trim().Length is >= 1 and <= VapiAgent.NameMaxLength)
            .WithMessage($"Name must be 1 to {VapiAgent.NameMaxLength} characters (spaces at either end are trimmed).");

    public static IRuleBuilderOptions<T, SecretValue?> ValidApiKey<T>(this IRuleBuilder<T, SecretValue?> rule) =>
        rule
            .NotNull().WithMessage("API key is required.")
            .Must(key => key is not null && key.Length is >= VapiAgent.ApiKeyMinLength and <= VapiAgent.ApiKeyMaxLength)
            .WithMessage($"API key must be {VapiAgent.ApiKeyMinLength} to {VapiAgent.ApiKeyMaxLength} characters.")
            .Must(key => key is not null && !key.Reveal().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            .WithMessage("API key must not contain spaces or control characters.");

    public static IRuleBuilderOptions<T, string?> ValidAssistantId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => string.IsNullOrEmpty(id) || AssistantIdPattern().IsMatch(id))
            .WithMessage($"Agent id must be up to {VapiAgent.AssistantIdMaxLength} letters, digits, '-' or '_' (or empty to clear it).");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AssistantIdPattern();
}
