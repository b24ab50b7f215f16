using System.Diagnostics;

namespace VapiAgents.WebApi.FunctionalTests.Support;

/// <summary>
/// Runs the WebApi as an operator runs it from the shell (<c>dotnet VapiAgents.WebApi.dll --grant-admin …</c>): a
/// real process with the app's settings as environment variables, on the app's database.
/// </summary>
public static class OperatorCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunAsync(TestApp app, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = app.DataFolder,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = app.Environment;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = app.Environment;
        start.Environment["Hangfire__ServerEnabled"] = "false";
        foreach (var (key, value) in app.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Grants the Admin role to an existing account and signs it in again (its old tokens lack the role).</summary>
    public static async Task<UserSession> GrantAdminAsync(TestApp app, string email)
    {
        var outcome = await RunAsync(app, CommandLine.GrantAdmin, email);
        outcome.ExitCode.Should().Be(0, outcome.Error + outcome.Output);
        return await app.LoginAsync(email);
    }
}
