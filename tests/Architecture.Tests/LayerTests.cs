using System.Reflection;
using NetArchTest.Rules;

namespace VapiAgents.Architecture.Tests;

/// <summary>
/// The layer rules of docs/architecture.md, written as data. Every rule first proves its type selection
/// is not empty, so a rule can never pass by testing nothing (e.g. a renamed namespace or the wrong assembly).
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(VapiAgents.Domain.Common.IAggregateRoot).Assembly;
    private static readonly Assembly Application = typeof(VapiAgents.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(VapiAgents.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(VapiAgents.WebApi.DependencyInjection).Assembly;

    private static readonly string[] Frameworks = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "System.Net.Http"];

    public sealed record Rule(string Name, Assembly Assembly, string? Namespace, string[] Forbidden)
    {
        public override string ToString() => Name;
    }

    private static readonly Rule[] AllRules =
    [
        new Rule("Domain depends on nothing of ours and on no framework", Domain, null,
            ["VapiAgents.Application", "VapiAgents.Infrastructure", "VapiAgents.WebApi", .. Frameworks, "FluentValidation", "AutoMapper"]),
        new Rule("Application does not depend on Infrastructure, WebApi or frameworks", Application, null,
            ["VapiAgents.Infrastructure", "VapiAgents.WebApi", .. Frameworks]),
        new Rule("Infrastructure does not depend on WebApi", Infrastructure, null, ["VapiAgents.WebApi"]),
        new Rule("Endpoints never touch the DbContext or EF Core", WebApi, "VapiAgents.WebApi.Endpoints",
            ["Microsoft.EntityFrameworkCore", "VapiAgents.Infrastructure.Persistence"]),
    ];

    public static TheoryData<Rule> Rules => new(AllRules);

    [Theory]
    [MemberData(nameof(Rules))]
    public void LayerRule_Holds(Rule rule)
    {
        var selection = rule.Namespace is null
            ? Types.InAssembly(rule.Assembly).That().HaveNameMatching(".*")
            : Types.InAssembly(rule.Assembly).That().ResideInNamespace(rule.Namespace);

        selection.GetTypes().Should().NotBeEmpty($"rule '{rule.Name}' must select some types to mean anything");

        var result = selection.ShouldNot().HaveDependencyOnAny(rule.Forbidden).GetResult();

        result.IsSuccessful.Should().BeTrue(
            $"'{rule.Name}' is broken by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void RuleEngine_SeesAKnownDependency()
    {
        // A positive control: if this stops failing-when-it-should, the rules above prove nothing.
        var result = Types.InAssembly(Infrastructure).That().ResideInNamespace("VapiAgents.Infrastructure.Persistence")
            .ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult();

        result.IsSuccessful.Should().BeFalse();
    }

    [Fact]
    public void Rules_CoverEveryProductionAssembly()
    {
        var covered = AllRules.Select(rule => rule.Assembly).Distinct();

        covered.Should().BeEquivalentTo(new[] { Domain, Application, Infrastructure, WebApi });
    }
}
