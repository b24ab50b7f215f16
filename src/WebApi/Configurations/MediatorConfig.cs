using VapiAgents.Application.Common.Behaviours;

namespace VapiAgents.WebApi.Configurations;

public static class MediatorConfig
{
    /// <summary>
    /// Source-generated mediator. Scoped, because handlers use the scoped DbContext.
    /// Behaviours run in this order: logging → validation → performance → handler.
    /// </summary>
    public static IServiceCollection AddMediatorPipeline(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(VapiAgents.Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(PerformanceBehaviour<,>),
            ];
        });
        return services;
    }
}
