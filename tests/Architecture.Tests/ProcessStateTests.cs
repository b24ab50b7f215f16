using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace VapiAgents.Architecture.Tests;

/// <summary>
/// "No process-wide mutable state": Hangfire's statics hold one storage and one activator per process, so two
/// hosts in one process run each other's jobs. The IL of our assemblies must not read or write them, nor call the
/// Hangfire APIs that do it for us (the <c>IGlobalConfiguration</c> storage/activator extensions and
/// <c>AddHangfire</c>, which fills the container from <c>JobStorage.Current</c> and sets <c>JobActivator.Current</c>).
/// The log provider stays a process-wide setting on purpose (issue 13: set once per process).
/// </summary>
public sealed class ProcessStateTests
{
    private static readonly Assembly[] Ours =
    [
        typeof(VapiAgents.Domain.Common.IAggregateRoot).Assembly,
        typeof(VapiAgents.Application.DependencyInjection).Assembly,
        typeof(VapiAgents.Infrastructure.DependencyInjection).Assembly,
        typeof(VapiAgents.WebApi.DependencyInjection).Assembly,
    ];

    [Fact]
    public void OurAssemblies_NeverUseHangfireStatics()
    {
        var uses = Ours.SelectMany(assembly => HangfireStaticUses(assembly.Location)).ToArray();

        uses.Should().BeEmpty(
            $"Hangfire's statics are process-wide; every host takes its storage and activator from its own container. Uses:{Environment.NewLine}{string.Join(Environment.NewLine, uses)}");
    }

    [Fact]
    public void Scanner_SeesAUseOfAHangfireStatic()
    {
        // A positive control on this test assembly, which holds one deliberate use below.
        var uses = HangfireStaticUses(typeof(ProcessStateTests).Assembly.Location);

        uses.Should().ContainSingle(use => use.Contains("JobStorage::get_Current", StringComparison.Ordinal));
    }

    internal static IEnumerable<string> HangfireStaticUses(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var method in module.GetTypes().SelectMany(type => type.Methods).Where(method => method.HasBody))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.OperandType == OperandType.InlineMethod && instruction.Operand is MethodReference called && IsHangfireStatic(called))
                {
                    yield return $"{method.DeclaringType.FullName}.{method.Name} → {called.DeclaringType.FullName}::{called.Name}";
                }
            }
        }
    }

    private static bool IsHangfireStatic(MethodReference called)
    {
        var owner = called.DeclaringType.FullName;
        if (owner is "Hangfire.JobStorage" or "Hangfire.JobActivator")
        {
            return called.Name is "get_Current" or "set_Current";
        }

        if (owner == "Hangfire.GlobalConfiguration")
        {
            return called.Name == "get_Configuration";
        }

        // AddHangfire itself is allowed: it only adds the services a host has not registered, and every host
        // registers its own storage and activator first (PerHostJobWiringTests shows the effect).
        // UseStorage, UseActivator, UseDefaultActivator, UseSqlServerStorage, UsePostgreSqlStorage, UseInMemoryStorage…
        var configuresGlobals = called.Parameters.Count > 0 && called.Parameters[0].ParameterType.FullName.StartsWith("Hangfire.IGlobalConfiguration", StringComparison.Ordinal);
        return configuresGlobals && (called.Name.EndsWith("Storage", StringComparison.Ordinal) || called.Name.Contains("Activator", StringComparison.Ordinal));
    }
}

/// <summary>The deliberate use <see cref="ProcessStateTests.Scanner_SeesAUseOfAHangfireStatic"/> must find.</summary>
internal static class HangfireStaticUseForTheControl
{
    internal static object? Current() => Hangfire.JobStorage.Current;
}
