// VapiAgents build: dotnet tool restore && dotnet cake [--target=<Target>] [--configuration=Release]
// Targets: Clean → Restore → Build → Test (unit, architecture, integration, functional) → SqlScripts → Default.
// Bench (not part of Default): every benchmark scenario on SQLite and PostgreSQL; rewrites docs/benchmarks.md.

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

// Each scenario prints its figures as one JSON object on its last line; the table between the markers of
// docs/benchmarks.md is replaced by those lines. Needs PostgreSQL (VAPIAGENTS_TEST_POSTGRES) and wrk.
Task("Bench").Does(() =>
{
    DotNetBuild("./tests/Benchmarks", new DotNetBuildSettings { Configuration = "Release" });
    var rows = new List<string>();
    foreach (var scenario in new[] { "sync", "metrics", "metrics-http", "http", "startup" })
    {
        foreach (var provider in new[] { "Sqlite", "PostgreSql" })
        {
            var exit = StartProcess("dotnet", new ProcessSettings
            {
                Arguments = $"run -c Release --no-build --project tests/Benchmarks -- {scenario} --provider {provider}",
                RedirectStandardOutput = true,
            }, out var output);
            var lines = output.ToList();
            lines.ForEach(line => Information(line));
            if (exit != 0 || lines.Count == 0 || !lines[^1].StartsWith("{"))
            {
                throw new Exception($"Benchmark {scenario} on {provider} failed with exit code {exit}.");
            }

            rows.Add($"| `{scenario}` | {provider} | `{lines[^1]}` |");
        }
    }

    const string begin = "<!-- bench:begin -->";
    const string end = "<!-- bench:end -->";
    var path = "./docs/benchmarks.md";
    var doc = System.IO.File.ReadAllText(path);
    var table = string.Join("\n", new[]
    {
        begin,
        $"Last run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, `dotnet cake --target=Bench`, {Environment.ProcessorCount} cores.",
        "",
        "| scenario | provider | last line (JSON) |",
        "|---|---|---|",
    }.Concat(rows).Append(end));
    var from = doc.IndexOf(begin, StringComparison.Ordinal);
    var to = doc.IndexOf(end, StringComparison.Ordinal);
    doc = from < 0 || to < 0 ? doc + "\n" + table + "\n" : doc[..from] + table + doc[(to + end.Length)..];
    System.IO.File.WriteAllText(path, doc);
    Information($"Wrote {path}");
});

RunTarget(target);
