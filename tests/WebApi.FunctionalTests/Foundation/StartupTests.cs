using System.Net;
using VapiAgents.TestSupport;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

public sealed class StartupTests
{
    [SkippableFact]
    public async Task Production_WithoutEncryptionKey_StopsWithOneClearMessage()
    {
        using var folder = new TempFolder("startup");
        await using var process = WebApiProcess.Start(
            new Dictionary<string, string?>
            {
                ["DataFolder"] = folder.Path,
                ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder.Path, "x.db")}",
            },
            environment: "Production");

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(1);
        process.Output.Should().ContainSingle(line => line.StartsWith("VapiAgents cannot start: No encryption key is configured"));
        process.Output.Should().NotContain(line => line.Contains("   at "), "no stack trace, one clear message");
    }

    [SkippableFact]
    public async Task Production_WithoutConnectionString_StopsWithOneClearMessage()
    {
        using var folder = new TempFolder("startup");
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = folder.Path;
        await using var process = WebApiProcess.Start(settings, environment: "Production");

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(1);
        process.Output.Should().ContainSingle(line => line.StartsWith("VapiAgents cannot start: ConnectionStrings:Default is not set"));
    }

    [SkippableFact]
    public async Task AMalformedPostgreSqlConnectionString_StopsWithOneClearMessage_WithoutItsValues()
    {
        using var folder = new TempFolder("startup");
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = folder.Path;
        settings["Database:Provider"] = "PostgreSql";
        settings["ConnectionStrings:Default"] = "Host=db;Password=hunter2-secret;Colour=blue";
        await using var process = WebApiProcess.Start(settings, environment: "Production");

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(1);
        process.Output.Should().ContainSingle(line => line.StartsWith("VapiAgents cannot start: ConnectionStrings:Default is not a valid PostgreSQL connection string"));
        process.Output.Should().NotContain(line => line.Contains("hunter2-secret"));
    }

    [SkippableFact]
    public async Task Development_WithoutEncryptionKey_GeneratesOneIntoTheDataFolder()
    {
        var withoutKeys = TestSettings.Encryption().Keys.ToDictionary(k => k, string? (_) => null);
        await using var app = await TestApp.StartAsync(Provider.Sqlite, withoutKeys);
        using var client = app.CreateClient();

        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        File.Exists(Path.Combine(app.DataFolder, "encryption-keys.json")).Should().BeTrue();
        app.Logs.Lines.Should().Contain(line => line.Contains("development key file"));
    }

    [SkippableFact]
    public async Task EmptyFolder_StartsOnTheEmbeddedDefaults_AndIsReadyQuickly()
    {
        using var folder = new TempFolder("startup");
        await using var process = WebApiProcess.Start(new Dictionary<string, string?> { ["DataFolder"] = folder.Path });

        await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        File.Exists(Path.Combine(folder.Path, "vapiagents.db")).Should().BeTrue();
    }
}
