// VapiAgents build: dotnet tool restore && dotnet cake [--target=<Target>] [--configuration=Release]
// Targets: Clean → Restore → Build → Test (unit, architecture, integration, functional) → SqlScripts → Default.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var solution = "./VapiAgents.sln";
var artifacts = Directory("./artifacts");

void RunTests(params string[] projects)
{
    foreach (var project in projects)
    {
        DotNetTest(project, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            Loggers = new[] { "trx" },
            ResultsDirectory = artifacts + Directory("test-results"),
        });
    }
}

Task("Clean").Does(() =>
{
    CleanDirectory(artifacts);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration });
});

Task("Restore").IsDependentOn("Clean").Does(() => DotNetRestore(solution));

Task("Build").IsDependentOn("Restore").Does(() =>
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

Task("UnitTests").IsDependentOn("Build").Does(() =>
    RunTests("./tests/Domain.UnitTests", "./tests/Application.UnitTests"));

Task("ArchitectureTests").IsDependentOn("Build").Does(() => RunTests("./tests/Architecture.Tests"));

Task("IntegrationTests").IsDependentOn("Build").Does(() => RunTests("./tests/Infrastructure.IntegrationTests"));

Task("FunctionalTests").IsDependentOn("Build").Does(() =>
    RunTests("./tests/VapiSimulator.Tests", "./tests/WebApi.FunctionalTests", "./tests/Dashboard.BrowserTests"));

Task("Test")
    .IsDependentOn("UnitTests")
    .IsDependentOn("ArchitectureTests")
    .IsDependentOn("IntegrationTests")
    .IsDependentOn("FunctionalTests");

// Idempotent migration scripts for the servers a DBA deploys by hand (no server needed to write them).
Task("SqlScripts").IsDependentOn("Build").Does(() =>
{
    var output = artifacts + Directory("sql");
    EnsureDirectoryExists(output);
    foreach (var (context, file) in new[] { ("SqlServerApplicationDbContext", "sqlserver.sql"), ("PostgreSqlApplicationDbContext", "postgresql.sql") })
    {
        var exit = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = $"ef migrations script --idempotent --no-build --configuration {configuration} " +
                        $"--project src/Infrastructure --startup-project src/Infrastructure --context {context} " +
                        $"--output {output}/{file}",
        });
        if (exit != 0)
        {
            throw new Exception($"Writing {file} failed with exit code {exit}.");
        }
        Information($"Wrote {output}/{file}");
    }
});

Task("Default").IsDependentOn("Test").IsDependentOn("SqlScripts");

RunTarget(target);
