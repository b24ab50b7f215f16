using System.Reflection;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>One feature's routes. Every implementation in this assembly is mapped at start-up.</summary>
public interface IEndpointGroup
{
    static abstract void Map(IEndpointRouteBuilder app);
}

public static class EndpointGroupExtensions
{
    public static IEnumerable<Type> EndpointGroupTypes() =>
        typeof(IEndpointGroup).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IEndpointGroup).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static WebApplication MapEndpointGroups(this WebApplication app)
    {
        foreach (var type in EndpointGroupTypes())
        {
            var map = type.GetMethod(nameof(IEndpointGroup.Map), BindingFlags.Public | BindingFlags.Static, [typeof(IEndpointRouteBuilder)])
                ?? throw new InvalidOperationException($"{type.Name} has no public static Map(IEndpointRouteBuilder).");
            map.Invoke(null, [app]);
        }

        return app;
    }
}
