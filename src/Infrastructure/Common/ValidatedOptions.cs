using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VapiAgents.Infrastructure.Common;

/// <summary>
/// The one way configuration is read into options: a section bound to its class and checked by its rules
/// (<see cref="OptionsRules"/>), every problem a sentence naming its key (e.g. <c>Sync:Schedule …</c>). Sections
/// used through DI are checked before the host starts (<see cref="ThrowIfInvalid"/>, and <c>ValidateOnStart</c> for
/// hosts started another way); sections needed while services are registered are read and checked at once
/// (<see cref="Read{T}"/>). Either way a bad value stops start-up with one clear message instead of failing at first use.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(
        this IServiceCollection services, string section, Func<T, string, IEnumerable<string>> rules) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section, rules));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>A section needed before the container exists, bound and checked now.</summary>
    public static T Read<T>(this IConfiguration configuration, string section, Func<T, string, IEnumerable<string>> rules) where T : class, new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException binding) when (BindingMessage(binding) is { } message)
        {
            throw new StartupConfigurationException(message);
        }

        var problems = rules(options, section).ToList();
        return problems.Count == 0 ? options : throw new StartupConfigurationException(string.Join(" ", problems));
    }

    /// <summary>
    /// Runs every <c>ValidateOnStart</c> check now, before the host starts (which would log the failure with a stack
    /// trace first), and turns a configuration problem into the one message start-up stops with.
    /// </summary>
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (StartupMessage(exception) is { } message)
        {
            throw new StartupConfigurationException(message);
        }
    }

    private static string? StartupMessage(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException many when many.InnerExceptions.Select(StartupMessage).ToList() is var messages && messages.All(m => m is not null)
            => string.Join(" ", messages),
        InvalidOperationException binding => BindingMessage(binding),
        _ => null,
    };

    /// <summary>The binder's own message names the key: "Failed to convert configuration value 'soon' at 'Sync:LeaseSeconds' to type …".</summary>
    private static string? BindingMessage(InvalidOperationException exception) =>
        exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) ? exception.Message : null;

    private sealed class SectionValidator<T>(string section, Func<T, string, IEnumerable<string>> rules) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = rules(options, section).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
