using System.Reflection;
using NetArchTest.Rules;

namespace VapiAgents.Architecture.Tests;

/// <summary>
/// The nevers of the design whiteboard (shared design §9, docs/architecture.md), written as data. Every rule
/// first proves its type selection is not empty, so a rule can never pass by testing nothing (a renamed
/// namespace, the wrong assembly, a suffix nobody uses any more).
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(VapiAgents.Domain.Common.IAggregateRoot).Assembly;
    private static readonly Assembly Application = typeof(VapiAgents.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(VapiAgents.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(VapiAgents.WebApi.DependencyInjection).Assembly;

    private const string EfCore = "Microsoft.EntityFrameworkCore";
    private const string DbContext = "VapiAgents.Infrastructure.Persistence";
    private const string Http = "System.Net.Http";
    private const string VapiHttpClient = "VapiAgents.Infrastructure.Vapi";
    private const string VapiClientPort = "VapiAgents.Application.Common.Vapi.IVapiClient";
    private static readonly string[] Repositories =
        ["VapiAgents.Application.Common.Interfaces.IRepository", "VapiAgents.Application.Common.Interfaces.IReadRepository", "Ardalis.Specification.IRepositoryBase", "Ardalis.Specification.IReadRepositoryBase"];
    private static readonly string[] Databases = [EfCore, "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient", "Hangfire"];

    /// <summary>One never. <see cref="Allowed"/> names our own types inside a forbidden namespace that are exempt (each with a why).</summary>
    public sealed record Rule(string Never, Assembly Assembly, string Namespace, string[] Forbidden)
    {
        /// <summary>Selects only types whose name ends so (e.g. the jobs among the background-work types).</summary>
        public string? NameSuffix { get; init; }

        /// <summary>Types of the selection this rule leaves to a narrower rule of their own.</summary>
        public string[] ExemptTypes { get; init; } = [];

        public string[] Allowed { get; init; } = [];

        public override string ToString() => Never;
    }

    internal static readonly Rule[] AllRules =
    [
        new("1. Domain → Application: the domain knows no use case", Domain, "VapiAgents.Domain", ["VapiAgents.Application", "VapiAgents.WebApi"]),
        new("2. Domain → Infrastructure (EF Core, Hangfire, HTTP): the domain knows no database", Domain, "VapiAgents.Domain",
            ["VapiAgents.Infrastructure", .. Databases, Http, "Microsoft.AspNetCore", "FluentValidation", "AutoMapper"]),
        new("3. Application → EF Core or any Infrastructure namespace", Application, "VapiAgents.Application",
            ["VapiAgents.Infrastructure", .. Databases]),
        new("4. Application → the Vapi HTTP client or System.Net.Http", Application, "VapiAgents.Application", [VapiHttpClient, Http]),
        new("5. Application → WebApi: no upward arrow", Application, "VapiAgents.Application", ["VapiAgents.WebApi", "Microsoft.AspNetCore"]),
        new("6. Endpoints → DbContext, repositories or any Infrastructure type", WebApi, "VapiAgents.WebApi.Endpoints",
            ["VapiAgents.Infrastructure", EfCore, .. Repositories]) { ExemptTypes = ["Auth"] },
        new("6. (Auth) Endpoints → any Infrastructure type but the Identity user they map ASP.NET Identity's own endpoints over",
            WebApi, "VapiAgents.WebApi.Endpoints", ["VapiAgents.Infrastructure", EfCore, .. Repositories])
        {
            NameSuffix = "Auth",
            Allowed = ["VapiAgents.Infrastructure.Identity.ApplicationUser"],
        },
        new("7. Endpoints → the Vapi client", WebApi, "VapiAgents.WebApi.Endpoints", [VapiClientPort, VapiHttpClient, Http]),
        new("8. Jobs → EF Core: jobs only send one command", Infrastructure, "VapiAgents.Infrastructure.BackgroundJobs",
            [EfCore, DbContext, .. Repositories]) { NameSuffix = "Job" },
        new("9. Vapi client → EF Core: the client fetches, the handler stores", Infrastructure, VapiHttpClient,
            [EfCore, DbContext, .. Repositories]),
        new("Infrastructure → WebApi: no upward arrow", Infrastructure, "VapiAgents.Infrastructure", ["VapiAgents.WebApi"]),
    ];

    public static TheoryData<Rule> Rules => new(AllRules);

    [Theory]
    [MemberData(nameof(Rules))]
    public void LayerRule_Holds(Rule rule)
    {
        var selection = Select(rule);

        selection.GetTypes().Should().NotBeEmpty($"rule '{rule.Never}' must select some types to mean anything");

        var result = selection.ShouldNot().HaveDependencyOnAny(Forbidden(rule)).GetResult();

        result.IsSuccessful.Should().BeTrue(
            $"'{rule.Never}' is broken by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void RuleEngine_SeesAKnownDependency()
    {
        // A positive control: if this stops failing-when-it-should, the rules above prove nothing.
        var result = Types.InAssembly(Infrastructure).That().ResideInNamespace("VapiAgents.Infrastructure.Persistence")
            .ShouldNot().HaveDependencyOn(EfCore).GetResult();

        result.IsSuccessful.Should().BeFalse();
    }

    [Fact]
    public void AllowedTypes_AreTheOnlyOnesLetThrough()
    {
        // The Auth exemption must stay narrow: everything of Infrastructure but the Identity user stays forbidden.
        var auth = AllRules.Single(rule => rule.NameSuffix == "Auth");
        var forbidden = Forbidden(auth);

        forbidden.Should().NotContain("VapiAgents.Infrastructure.Identity.ApplicationUser")
            .And.Contain("VapiAgents.Infrastructure.Persistence.ApplicationDbContext")
            .And.Contain("VapiAgents.Infrastructure.Identity.TokenKeyRing")
            .And.Contain(EfCore);
    }

    [Fact]
    public void Rules_CoverEveryProductionAssembly()
    {
        var covered = AllRules.Select(rule => rule.Assembly).Distinct();

        covered.Should().BeEquivalentTo(new[] { Domain, Application, Infrastructure, WebApi });
    }

    [Fact]
    public void Rules_CoverEveryNeverOfTheWhiteboard()
    {
        var numbered = AllRules.Select(rule => rule.Never.Split('.')[0]).Where(prefix => int.TryParse(prefix, out _)).Distinct();

        numbered.Should().BeEquivalentTo(Enumerable.Range(1, 9).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static PredicateList Select(Rule rule)
    {
        var predicates = Types.InAssembly(rule.Assembly).That().ResideInNamespace(rule.Namespace);
        if (rule.NameSuffix is not null)
        {
            predicates = predicates.And().HaveNameEndingWith(rule.NameSuffix);
        }

        foreach (var exempt in rule.ExemptTypes)
        {
            predicates = predicates.And().DoNotHaveName(exempt);
        }

        return predicates;
    }

    /// <summary>
    /// The forbidden names; with <see cref="Rule.Allowed"/>, a forbidden namespace of ours is spelled out as its
    /// types minus the allowed ones, so a type added later to that namespace is forbidden without touching the rule.
    /// </summary>
    internal static string[] Forbidden(Rule rule)
    {
        if (rule.Allowed.Length == 0)
        {
            return rule.Forbidden;
        }

        var ours = new[] { Domain, Application, Infrastructure, WebApi }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.DeclaringType is null && type.FullName is not null)
            .Select(type => type.FullName!)
            .ToArray();

        return rule.Forbidden
            .SelectMany(prefix => prefix.StartsWith("VapiAgents.", StringComparison.Ordinal)
                ? ours.Where(name => name.StartsWith(prefix + ".", StringComparison.Ordinal) && !rule.Allowed.Contains(name))
                : [prefix])
            .ToArray();
    }
}
