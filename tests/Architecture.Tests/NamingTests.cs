using System.Reflection;

namespace VapiAgents.Architecture.Tests;

/// <summary>Naming and shape rules of the use cases: handlers and validators sealed, exactly one handler per request.</summary>
public sealed class NamingTests
{
    private static readonly Assembly Application = typeof(VapiAgents.Application.DependencyInjection).Assembly;

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(Mediator.ICommandHandler<>), typeof(Mediator.ICommandHandler<,>), typeof(Mediator.IQueryHandler<,>),
        typeof(Mediator.IRequestHandler<>), typeof(Mediator.IRequestHandler<,>), typeof(Mediator.IStreamCommandHandler<,>),
        typeof(Mediator.IStreamQueryHandler<,>), typeof(Mediator.IStreamRequestHandler<,>),
    ];

    private static readonly Type[] ConcreteTypes = Application.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false }).ToArray();

    private static IEnumerable<Type> HandledRequests(Type handler) => handler.GetInterfaces()
        .Where(contract => contract.IsGenericType && HandlerInterfaces.Contains(contract.GetGenericTypeDefinition()))
        .Select(contract => contract.GetGenericArguments()[0])
        // ICommandHandler<T> is also ICommandHandler<T, Unit>: one request, one handler.
        .Distinct();

    private static Type[] Handlers => ConcreteTypes.Where(type => HandledRequests(type).Any()).ToArray();

    private static Type[] Validators => ConcreteTypes.Where(type => Inherits(type, typeof(FluentValidation.AbstractValidator<>))).ToArray();

    private static Type[] Requests => Application.GetTypes()
        .Where(type => !type.IsInterface && typeof(Mediator.IMessage).IsAssignableFrom(type) && !typeof(Mediator.INotification).IsAssignableFrom(type))
        .ToArray();

    [Fact]
    public void Handlers_AreSealedAndNamedAfterTheirRequest()
    {
        Handlers.Should().NotBeEmpty();

        Handlers.Where(handler => !handler.IsSealed).Should().BeEmpty("handlers are sealed");
        Handlers.Where(handler => HandledRequests(handler).Any(request => handler.Name != request.Name + "Handler"))
            .Should().BeEmpty("a handler is named <Request>Handler");
    }

    [Fact]
    public void Validators_AreSealedAndNamedAfterTheirRequest()
    {
        Validators.Should().NotBeEmpty();

        Validators.Where(validator => !validator.IsSealed).Should().BeEmpty("validators are sealed");
        Validators.Where(validator => !validator.Name.EndsWith("Validator", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public void EveryRequest_HasExactlyOneHandler()
    {
        Requests.Should().NotBeEmpty();
        var handled = Handlers.SelectMany(HandledRequests).ToArray();

        Requests.Select(request => (request.Name, Handlers: handled.Count(type => type == request)))
            .Where(count => count.Handlers != 1)
            .Should().BeEmpty("every command and query has exactly one handler");
    }

    private static bool Inherits(Type type, Type openGeneric)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openGeneric)
            {
                return true;
            }
        }

        return false;
    }
}
